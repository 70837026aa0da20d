package org.convscope.trace.explain;

import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.convscope.trace.ReceptiveField;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The input patches that excite a filter most (Zeiler &amp; Fergus 2014): every image of a data set through the
 * model, and for each channel of a layer with maps the strongest responses over all images and places, each with
 * the receptive field it sees. One image gives a channel at most one patch (its best place), so nine patches
 * show nine images.
 */
public final class TopPatches {
    private TopPatches() {
    }

    /** Images the model takes at a time. */
    private static final int BATCH = 256;

    /** Image {@code image}'s unit at (row, col) responded with {@code activation}; it sees {@code field} of the image. */
    public record Patch(int image, int row, int col, float activation, ReceptiveField field) {
        /** The field's pixels (1, fh, fw, C), copied from images (N, H, W, C), not modified. */
        public Tensor crop(Tensor images) {
            int h = images.dim(1), w = images.dim(2), c = images.dim(3);
            int fh = field.bottom() - field.top() + 1, fw = field.right() - field.left() + 1;
            Tensor t = Tensor.zeros(1, fh, fw, c); // (1, fh, fw, C)
            for (int r = 0; r < fh; r++) {
                int from = ((image * h + field.top() + r) * w + field.left()) * c;
                System.arraycopy(images.data, from, t.data, r * fw * c, fw * c);
            }
            return t;
        }
    }

    /** Told after each batch: images done, of how many. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    /**
     * For every channel of layer {@code layer} (its output (H', W', F)), the {@code count} strongest patches,
     * strongest first. images (N, H, W, C), not modified.
     * @throws CancellationException when {@code cancelled} became true (checked before every batch)
     */
    public static List<List<Patch>> of(Model model, int layer, Tensor images, int count, Progress progress, BooleanSupplier cancelled) {
        Shape out = model.layers().get(layer).outputShape();
        if (out.rank() != 3) throw new IllegalArgumentException("layer " + layer + " has no feature maps (its output is " + out + ")");
        int oh = out.dim(0), ow = out.dim(1), f = out.dim(2), n = images.batch();
        List<PriorityQueue<Patch>> best = new ArrayList<>(f);
        for (int c = 0; c < f; c++) best.add(new PriorityQueue<>(Comparator.comparingDouble(Patch::activation)));
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        for (int from = 0; from < n; from += BATCH) {
            if (cancelled.getAsBoolean()) throw new CancellationException("top patches cancelled");
            int to = Math.min(n, from + BATCH);
            Tensor maps = model.forwardAll(images.gather(all, from, to)).get(layer); // (B, H', W', F)
            for (int b = 0; b < to - from; b++) {
                for (int c = 0; c < f; c++) {
                    int bestAt = 0;
                    float bestValue = Float.NEGATIVE_INFINITY;
                    for (int p = 0; p < oh * ow; p++) {
                        float v = maps.data[(b * oh * ow + p) * f + c];
                        if (v > bestValue) {
                            bestValue = v;
                            bestAt = p;
                        }
                    }
                    PriorityQueue<Patch> q = best.get(c);
                    if (q.size() < count || bestValue > q.peek().activation()) {
                        int row = bestAt / ow, col = bestAt % ow;
                        q.add(new Patch(from + b, row, col, bestValue, ReceptiveField.of(model, layer, row, col)));
                        if (q.size() > count) q.poll();
                    }
                }
            }
            progress.update(to, n);
        }
        List<List<Patch>> result = new ArrayList<>(f);
        for (PriorityQueue<Patch> q : best) {
            List<Patch> ps = new ArrayList<>(q);
            ps.sort(Comparator.comparingDouble(Patch::activation).reversed());
            result.add(List.copyOf(ps));
        }
        return result;
    }
}
