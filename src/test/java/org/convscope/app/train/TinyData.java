package org.convscope.app.train;

import org.convscope.data.Dataset;
import org.convscope.engine.Rng;
import org.convscope.engine.Tensor;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleConsumer;

/**
 * A tiny seeded dataset a small CNN learns in seconds: 8×8 images of a horizontal bar, a vertical
 * bar or a diagonal, at random positions, on faint noise.
 */
final class TinyData {
    static final List<String> CLASSES = List.of("horizontal", "vertical", "diagonal");

    private TinyData() {
    }

    static Dataset create(int train, int test, long seed) {
        Rng rng = new Rng(seed);
        Tensor[] tr = images(train, rng), te = images(test, rng);
        return new Dataset("Bars", tr[0], tr[1], te[0], te[1], CLASSES);
    }

    private static Tensor[] images(int n, Rng rng) {
        Tensor x = Tensor.zeros(n, 8, 8, 1), y = Tensor.zeros(n); // (N, 8, 8, 1), (N)
        for (int i = 0; i < n; i++) {
            int label = i % 3, at = 1 + rng.nextInt(6);
            y.data[i] = label;
            for (int r = 0; r < 8; r++) for (int q = 0; q < 8; q++) x.set(i, r, q, 0, rng.uniform(0, 0.2f));
            for (int k = 0; k < 8; k++) {
                int r = label == 0 ? at : k, q = label == 1 ? at : k;
                x.set(i, r, q, 0, 1);
            }
        }
        return new Tensor[] {x, y};
    }

    /** The small model the tests train: conv, pool, flatten, softmax. */
    static List<LayerSpec> layers() {
        return List.of(
                LayerSpec.of(LayerKind.CONV2D, "filters", "4", "kernel_size", "3", "strides", "1", "padding", "valid", "activation", "relu"),
                LayerSpec.of(LayerKind.MAX_POOLING2D, "pool_size", "2", "strides", "2", "padding", "valid"),
                LayerSpec.of(LayerKind.FLATTEN),
                LayerSpec.of(LayerKind.DENSE, "units", "3", "activation", "softmax"));
    }

    /** A source that is always available and hands out one fixed dataset. */
    static DatasetSource source(Dataset ds) {
        return new DatasetSource() {
            @Override
            public String name() {
                return ds.name();
            }

            @Override
            public boolean isAvailable() {
                return true;
            }

            @Override
            public Dataset load() {
                return ds;
            }
        };
    }

    /** A source whose files are broken. */
    static DatasetSource broken(String why) {
        return new DatasetSource() {
            @Override
            public String name() {
                return "Broken";
            }

            @Override
            public boolean isAvailable() {
                return true;
            }

            @Override
            public Dataset load() throws IOException {
                throw new IOException(why);
            }
        };
    }

    /** What a download does: reports progress, may fail or wait. */
    @FunctionalInterface
    interface Fetch {
        void run(DoubleConsumer progress) throws IOException;
    }

    /** "Bars", not on this computer until {@code fetch} has run as its download; then it loads 30 + 9 images. */
    static DatasetSource downloadable(Fetch fetch) {
        AtomicBoolean downloaded = new AtomicBoolean();
        return new DatasetSource() {
            @Override
            public String name() {
                return "Bars";
            }

            @Override
            public boolean isAvailable() {
                return downloaded.get();
            }

            @Override
            public Dataset load() throws IOException {
                if (!downloaded.get()) throw new IOException("not downloaded");
                return create(30, 9, 1);
            }

            @Override
            public boolean canDownload() {
                return true;
            }

            @Override
            public void download(DoubleConsumer progress) throws IOException {
                fetch.run(progress);
                downloaded.set(true);
            }
        };
    }
}
