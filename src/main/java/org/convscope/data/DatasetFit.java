package org.convscope.data;

import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;

/**
 * A dataset's images made into another input shape, by the policy picture folders use
 * ({@link ImageFolder#FIT}): channels converted (grey copied into R, G and B; colour to the brightness
 * {@code 0.299 R + 0.587 G + 0.114 B}), then the centred region of the new aspect ratio resized
 * (antialiased, {@link Resampler}). For a model whose own input is not the data's, so that the
 * model keeps its shape instead of being silently rebuilt for the data.
 */
public final class DatasetFit {
    private DatasetFit() {
    }

    /** {@code d} with every image fitted to {@code input} (H, W, 1 or 3); labels and classes shared. Not modified. */
    public static Dataset to(Dataset d, Shape input) {
        if (input.rank() != 3 || (input.dim(2) != 1 && input.dim(2) != 3)) {
            throw new IllegalArgumentException("images can be fitted to (H, W, 1) or (H, W, 3), not " + input.toKeras());
        }
        return new Dataset(d.name() + " as " + input, images(d.trainImages(), input), d.trainLabels(),
                images(d.testImages(), input), d.testLabels(), d.classNames());
    }

    private static Tensor images(Tensor x, Shape input) {
        int n = x.batch(), h = x.dim(1), w = x.dim(2), c = x.dim(3), outC = input.dim(2);
        int oh = input.dim(0), ow = input.dim(1);
        // the centred region of aspect ow:oh
        int cw = w, ch = h;
        if ((long) w * oh > (long) h * ow) cw = Math.max(1, (int) Math.round((double) h * ow / oh));
        else ch = Math.max(1, (int) Math.round((double) w * oh / ow));
        int x0 = (w - cw) / 2, y0 = (h - ch) / 2;
        float[] out = new float[n * input.size()]; // (N, oh, ow, outC)
        float[] crop = new float[ch * cw * outC];   // (ch, cw, outC)
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < ch; r++) {
                for (int q = 0; q < cw; q++) {
                    int from = ((i * h + y0 + r) * w + x0 + q) * c, to = (r * cw + q) * outC;
                    if (c == outC) {
                        System.arraycopy(x.data, from, crop, to, c);
                    } else if (c == 1) { // grey into every colour channel
                        for (int k = 0; k < outC; k++) crop[to + k] = x.data[from];
                    } else { // colour to brightness, ITU-R BT.601 as Preprocessing.grey
                        crop[to] = 0.299f * x.data[from] + 0.587f * x.data[from + 1] + 0.114f * x.data[from + 2];
                    }
                }
            }
            float[] fitted = Resampler.resize(crop, cw, ch, outC, ow, oh);
            System.arraycopy(fitted, 0, out, i * fitted.length, fitted.length);
        }
        return new Tensor(out, input.withBatch(n));
    }
}
