package org.convscope.trace.explain;

import org.convscope.engine.Model;
import org.convscope.engine.Tensor;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Occlusion sensitivity (Zeiler &amp; Fergus 2014): cover a square of the input with a grey patch, run the model,
 * and note how much class k's probability drops, {@code p_k(x) − p_k(x with the patch)}, for every place of
 * the patch. The model is a black box here: only its outputs are used. A pixel's value in the map is the mean
 * drop over the places whose patch covers it.
 */
public final class Occlusion {
    private Occlusion() {
    }

    /**
     * Patch size and stride in pixels and the patch's value (0–1). Places run from 0 in steps of the stride; a
     * last place flush with the far edge is added when the stride does not land there, so every pixel is covered.
     */
    public record Options(int patch, int stride, float grey) {
        public Options {
            if (patch < 1 || stride < 1) throw new IllegalArgumentException("occlusion needs patch size and stride ≥ 1, got " + patch + " and " + stride);
            if (!(grey >= 0 && grey <= 1)) throw new IllegalArgumentException("the patch's grey must be in 0–1, got " + grey);
        }

        /** 6×6 patches every 2 pixels, mid-grey: 12 × 12 places on a 28×28 input. */
        public static Options defaults() {
            return new Options(6, 2, 0.5f);
        }
    }

    /**
     * The per-pixel map, the drop at every place (rows × columns of places, the top-left corners at
     * {@link #placeRow}/{@link #placeCol}), and the probability of class k without a patch.
     */
    public record Result(HeatMap map, HeatMap drops, float probability) {
    }

    /** Told after each row of places: how many places are done, of how many, and the map so far. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total, HeatMap partial);
    }

    /** Number of places along an axis of {@code size} pixels. */
    static int places(int size, Options o) {
        if (o.patch() > size) throw new IllegalArgumentException("a " + o.patch() + "-pixel patch does not fit in " + size + " pixels");
        return (size - o.patch() + o.stride() - 1) / o.stride() + 1;
    }

    /** First row (or column) covered by place {@code i}. */
    public static int placeRow(int i, int size, Options o) {
        return Math.min(i * o.stride(), size - o.patch());
    }

    /** {@link #placeRow} for columns. */
    public static int placeCol(int j, int size, Options o) {
        return placeRow(j, size, o);
    }

    /**
     * The occlusion map of class k, a row of places (one batch through the model) at a time, telling
     * {@code progress} after each and checking {@code cancelled} before each.
     * image (1, H, W, C) not modified.
     * @throws CancellationException when {@code cancelled} became true
     */
    public static Result run(Model model, Tensor image, int k, Options o, Progress progress, BooleanSupplier cancelled) {
        ClassScores.checkImage(model, image);
        int classes = model.outputShape().size();
        if (k < 0 || k >= classes) throw new IllegalArgumentException("class " + k + " is not one of the model's 0.." + (classes - 1));
        int h = image.dim(1), w = image.dim(2), c = image.dim(3);
        int rows = places(h, o), cols = places(w, o);
        float base = model.predict(image).data[k];
        float[] drops = new float[rows * cols]; // (rows, cols)
        float[] sum = new float[h * w], count = new float[h * w]; // (H, W)
        int per = h * w * c;
        for (int i = 0; i < rows; i++) {
            if (cancelled.getAsBoolean()) throw new CancellationException("occlusion cancelled");
            int top = placeRow(i, h, o);
            Tensor batch = Tensor.zeros(cols, h, w, c); // (cols, H, W, C): the image with the patch at each place of row i
            for (int j = 0; j < cols; j++) {
                System.arraycopy(image.data, 0, batch.data, j * per, per);
                int left = placeCol(j, w, o);
                for (int r = top; r < top + o.patch(); r++) {
                    java.util.Arrays.fill(batch.data, j * per + (r * w + left) * c, j * per + (r * w + left + o.patch()) * c, o.grey());
                }
            }
            Tensor p = model.predict(batch); // (cols, K)
            for (int j = 0; j < cols; j++) {
                float drop = base - p.data[j * classes + k];
                drops[i * cols + j] = drop;
                int left = placeCol(j, w, o);
                for (int r = top; r < top + o.patch(); r++) {
                    for (int q = left; q < left + o.patch(); q++) {
                        sum[r * w + q] += drop;
                        count[r * w + q]++;
                    }
                }
            }
            progress.update((i + 1) * cols, rows * cols, meanMap(h, w, sum, count));
        }
        return new Result(meanMap(h, w, sum, count), new HeatMap(rows, cols, drops), base);
    }

    /** sum / count per pixel, 0 where nothing was counted yet. Nothing modified. */
    private static HeatMap meanMap(int h, int w, float[] sum, float[] count) {
        float[] m = new float[h * w]; // (H, W)
        for (int i = 0; i < m.length; i++) m[i] = count[i] == 0 ? 0 : sum[i] / count[i];
        return new HeatMap(h, w, m);
    }
}
