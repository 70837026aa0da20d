package org.convscope.app.train;

import org.convscope.engine.Rng;
import org.convscope.engine.Tensor;

/**
 * Data augmentation as Keras' {@code RandomTranslation} + {@code RandomRotation} do it for digits:
 * each image is shifted by up to {@code maxShift} pixels and rotated by up to {@code maxDegrees}
 * about its centre, sampled bilinearly; pixels from outside the image are 0 (background).
 */
public record Augmenter(int maxShift, double maxDegrees) {

    public Augmenter {
        if (maxShift < 0) throw new IllegalArgumentException("the largest shift must be ≥ 0 pixels, got " + maxShift);
        if (!(maxDegrees >= 0 && maxDegrees <= 180)) throw new IllegalArgumentException("the largest rotation must be 0–180°, got " + maxDegrees);
    }

    /** The tutorial setting: ±2 pixels, ±10°. */
    public static Augmenter digits() {
        return new Augmenter(2, 10);
    }

    /**
     * A randomly moved copy of every image. x: (N, H, W, C), not modified; rng modified (advanced).
     * @return (N, H, W, C)
     */
    public Tensor augment(Tensor x, Rng rng) {
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
        Tensor y = Tensor.zeros(n, h, w, c); // (N, H, W, C)
        double cy = (h - 1) / 2.0, cx = (w - 1) / 2.0, maxRadians = Math.toRadians(maxDegrees);
        for (int i = 0; i < n; i++) {
            double angle = rng.uniform((float) -maxRadians, (float) maxRadians);
            int dy = rng.nextInt(2 * maxShift + 1) - maxShift, dx = rng.nextInt(2 * maxShift + 1) - maxShift;
            double cos = Math.cos(angle), sin = Math.sin(angle);
            for (int r = 0; r < h; r++) {
                for (int q = 0; q < w; q++) {
                    // inverse map: where in the source does output pixel (r, q) come from?
                    double yr = r - dy - cy, xq = q - dx - cx;
                    double sy = cos * yr - sin * xq + cy, sx = sin * yr + cos * xq + cx;
                    for (int ch = 0; ch < c; ch++) y.set(i, r, q, ch, bilinear(x, i, sy, sx, ch));
                }
            }
        }
        return y;
    }

    private static float bilinear(Tensor x, int n, double sy, double sx, int ch) {
        int y0 = (int) Math.floor(sy), x0 = (int) Math.floor(sx);
        double fy = sy - y0, fx = sx - x0;
        return (float) ((1 - fy) * ((1 - fx) * at(x, n, y0, x0, ch) + fx * at(x, n, y0, x0 + 1, ch))
                + fy * ((1 - fx) * at(x, n, y0 + 1, x0, ch) + fx * at(x, n, y0 + 1, x0 + 1, ch)));
    }

    private static float at(Tensor x, int n, int r, int q, int ch) {
        return r < 0 || q < 0 || r >= x.dim(1) || q >= x.dim(2) ? 0 : x.get(n, r, q, ch);
    }
}
