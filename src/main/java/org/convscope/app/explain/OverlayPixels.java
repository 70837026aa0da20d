package org.convscope.app.explain;

import org.convscope.app.common.ColorMap;
import org.convscope.engine.Tensor;
import org.convscope.trace.explain.HeatMap;

/**
 * A heat map painted over the input it explains, as opaque ARGB pixels (no JavaFX, so the command line writes the
 * same picture the Draw view shows). An unsigned map goes from 0 to its maximum on viridis; a signed one
 * (gradient × input, occlusion where a patch raises the probability) on the blue–white–red map, symmetric about 0.
 * Each pixel is {@code (1 − opacity)·input + opacity·colour}.
 */
public final class OverlayPixels {
    private OverlayPixels() {
    }

    /** The value range the colours span: [0, max] or [−m, m] with m the largest |value|. */
    public record Range(float lo, float hi, ColorMap map) {
        public static Range of(HeatMap heat) {
            if (heat.isSigned()) {
                float m = Math.max(-heat.min(), heat.max());
                return new Range(-m, m, ColorMap.DIVERGING);
            }
            return new Range(0, heat.max(), ColorMap.VIRIDIS);
        }
    }

    /**
     * {@code scale}-times enlarged pixels (H·scale × W·scale, row-major) of image (1, H, W, C) in 0–1 (grey, or
     * colour when C = 3) under heat (H, W). Nothing modified.
     */
    public static int[] paint(Tensor image, HeatMap heat, Range range, double opacity, int scale) {
        int h = image.dim(1), w = image.dim(2), c = image.dim(3);
        if (heat.height() != h || heat.width() != w) throw new IllegalArgumentException("a " + heat.height() + "×" + heat.width() + " map over a " + h + "×" + w + " image");
        int[] out = new int[h * scale * w * scale];
        for (int r = 0; r < h; r++) {
            for (int q = 0; q < w; q++) {
                int p = (r * w + q) * c;
                int base = c == 3 ? rgb(image.data[p], image.data[p + 1], image.data[p + 2]) : rgb(image.data[p], image.data[p], image.data[p]);
                int colour = range.map().argb(heat.get(r, q), range.lo(), range.hi());
                int argb = 0xff000000 | blend(base, colour, opacity, 16) | blend(base, colour, opacity, 8) | blend(base, colour, opacity, 0);
                for (int dr = 0; dr < scale; dr++) {
                    java.util.Arrays.fill(out, ((r * scale + dr) * w + q) * scale, ((r * scale + dr) * w + q + 1) * scale, argb);
                }
            }
        }
        return out;
    }

    private static int rgb(float r, float g, float b) {
        return channel(r) << 16 | channel(g) << 8 | channel(b);
    }

    private static int channel(float v) {
        return Math.round(255 * Math.max(0, Math.min(1, v)));
    }

    private static int blend(int a, int b, double t, int shift) {
        int x = (a >> shift) & 0xff, y = (b >> shift) & 0xff;
        return (int) Math.round(x + (y - x) * t) << shift;
    }
}
