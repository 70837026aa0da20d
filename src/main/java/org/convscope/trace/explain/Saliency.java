package org.convscope.trace.explain;

import org.convscope.engine.Model;
import org.convscope.engine.Tensor;

/**
 * Saliency maps (Simonyan, Vedaldi &amp; Zisserman 2014, "Deep inside convolutional networks"): how much each
 * input pixel moves class k's score z_k (before the softmax), from one backward pass of the engine.
 */
public final class Saliency {
    private Saliency() {
    }

    /** {@code max_c |∂z_k/∂x[r, q, c]|} per pixel: where a small change would change the score most. image (1, H, W, C) not modified. */
    public static HeatMap gradient(Model model, Tensor image, int k) {
        Tensor g = ClassScores.ofClass(model, image, k).inputGradient(); // (1, H, W, C)
        return perPixel(g, image, false);
    }

    /**
     * {@code Σ_c x[r, q, c]·∂z_k/∂x[r, q, c]} per pixel (Shrikumar et al. 2016), signed: positive where the ink that
     * is there speaks for class k, negative where it speaks against it; zero where there is no ink.
     * image (1, H, W, C) not modified.
     */
    public static HeatMap gradientTimesInput(Model model, Tensor image, int k) {
        Tensor g = ClassScores.ofClass(model, image, k).inputGradient(); // (1, H, W, C)
        return perPixel(g, image, true);
    }

    /** One value per pixel from the gradient g: Σ_c x·g (times input) or max_c |g|. Nothing modified. */
    private static HeatMap perPixel(Tensor g, Tensor image, boolean timesInput) {
        int h = image.dim(1), w = image.dim(2), c = image.dim(3);
        float[] map = new float[h * w]; // (H, W)
        for (int p = 0; p < h * w; p++) {
            float v = 0;
            for (int ch = 0; ch < c; ch++) {
                float d = g.data[p * c + ch];
                v = timesInput ? v + image.data[p * c + ch] * d : Math.max(v, Math.abs(d));
            }
            map[p] = v;
        }
        return new HeatMap(h, w, map);
    }
}
