package org.convscope.data;

import org.convscope.engine.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny MNIST-shaped dataset written as IDX files by tests: each class k is a 28×28 image with a
 * bright vertical bar at column 2 + 2k (so it is learnable), plus a little seeded noise.
 */
public final class TinyMnist {
    private TinyMnist() {
    }

    public static Tensor images(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        Tensor t = Tensor.zeros(n, 28, 28, 1);
        for (int i = 0; i < n; i++) {
            int k = i % 10;
            for (int y = 4; y < 24; y++) {
                for (int x = 0; x < 28; x++) {
                    float v = Math.abs(x - (4 + 2 * k)) <= 1 ? 1f : (float) (r.nextDouble() * 0.1);
                    t.set(i, y, x, 0, v);
                }
            }
        }
        return t;
    }

    public static Tensor labels(int n) {
        float[] l = new float[n];
        for (int i = 0; i < n; i++) l[i] = i % 10;
        return new Tensor(l, n);
    }

    /** Writes the four files of {@code dataset}'s names into {@code dir} (gzipped when {@code gz}); returns their paths. */
    public static List<Path> write(Path dir, int train, int test, boolean gz) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (KnownDataset.IdxFile f : KnownDataset.MNIST.files()) files.add(dir.resolve(gz ? f.gzName() : f.name()));
        Idx.writeImages(images(train, 1), files.get(0));
        Idx.writeLabels(labels(train), files.get(1));
        Idx.writeImages(images(test, 2), files.get(2));
        Idx.writeLabels(labels(test), files.get(3));
        return files;
    }
}
