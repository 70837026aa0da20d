package org.convscope.data;

import org.convscope.engine.Tensor;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A tiny MNIST-like dataset for tests, written as IDX files: three shapes drawn in black on white
 * pictures of random size and place (class 0 a vertical stroke, 1 a horizontal stroke, 2 an X),
 * turned into 28×28 inputs by {@link Preprocessing#mnist} as a user's drawing would be. Labels are
 * {@code i % 3}; the dataset keeps MNIST's ten class names.
 */
public final class TinyMnist {
    public static final int CLASSES_USED = 3;

    private TinyMnist() {
    }

    /** A picture of class {@code cls}, its size, place and stroke from {@code seed}. */
    public static BufferedImage picture(int cls, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int size = 60 + r.nextInt(60);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(3 + r.nextInt(5)));
        int len = 20 + r.nextInt(size / 2 - 10), x = 5 + r.nextInt(size - len - 10), y = 5 + r.nextInt(size - len - 10);
        switch (cls) {
            case 0 -> g.drawLine(x + len / 2, y, x + len / 2, y + len);
            case 1 -> g.drawLine(x, y + len / 2, x + len, y + len / 2);
            default -> {
                g.drawLine(x, y, x + len, y + len);
                g.drawLine(x + len, y, x, y + len);
            }
        }
        g.dispose();
        return img;
    }

    public static Tensor images(int n, long seed) {
        Tensor t = Tensor.zeros(n, 28, 28, 1); // (N, 28, 28, 1)
        for (int i = 0; i < n; i++) {
            float[] x = Preprocessing.mnist(picture(i % CLASSES_USED, seed * 1_000_003 + i)).tensor().data;
            System.arraycopy(x, 0, t.data, i * 784, 784);
        }
        return t;
    }

    public static Tensor labels(int n) {
        float[] l = new float[n];
        for (int i = 0; i < n; i++) l[i] = i % CLASSES_USED;
        return new Tensor(l, n);
    }

    /** Writes the four files under MNIST's names into {@code dir} (gzipped when {@code gz}); returns their paths. */
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
