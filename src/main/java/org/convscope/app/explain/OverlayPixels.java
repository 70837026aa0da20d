package org.convscope.app.explain;

import org.convscope.app.common.ColorMap;
import org.convscope.engine.Tensor;
import org.convscope.trace.explain.HeatMap;

/**
 * A heat map painted over the input it explains, as opaque ARGB pixels (no JavaFX, so the command line writes the
 * same picture the Draw view shows). An unsigned map goes from 0 to its maximum on viridis (or cividis); a signed one
 * (gradient × input, occlusion where a patch raises the probability) on the blue–white–red map, symmetric about 0.
 */
public final class OverlayPixels {
    private OverlayPixels() {
    }

    /** The value range the colours span: [0, max] or [−m, m] with m the largest |value|. */
    public record Range(float lo, float hi, ColorMap map) {
        public static Range of(HeatMap heat) {
            return of(heat, ColorMap.VIRIDIS);
        }

        /** As {@link #of(HeatMap)}, with unsigned maps on {@code sequential} (viridis or cividis, the user's setting). */
        public static Range of(HeatMap heat, ColorMap sequential) {
            if (heat.isSigned()) {
                float m = Math.max(-heat.min(), heat.max());
                return new Range(-m, m, ColorMap.DIVERGING);
            }
            return new Range(0, heat.max(), sequential);
        }
    }

    /**
     * The map's colours (H·W, row-major) with alpha {@code opacity·t}, t being the value's strength in the range (0 at
     * 0, 1 at the largest magnitude): weak places stay clear so the input shows through, strong ones are covered
     * most. To lay over an input drawn underneath (the Draw view's input grid). Not modified.
     */
    public static int[] colours(HeatMap heat, Range range, double opacity) {
        double o = Math.max(0, Math.min(1, opacity)), m = Math.max(-range.lo(), range.hi());
        int[] out = new int[heat.height() * heat.width()];
        for (int r = 0; r < heat.height(); r++) {
            for (int q = 0; q < heat.width(); q++) {
                float v = heat.get(r, q);
                double t = m > 0 ? Math.min(1, Math.abs(v) / m) : 0;
                int alpha = (int) Math.round(255 * o * t) << 24;
                out[r * heat.width() + q] = alpha | (range.map().argb(v, range.lo(), range.hi()) & 0xffffff);
            }
        }
        return out;
    }

    /**
     * {@code scale}-times enlarged opaque pixels (H·scale × W·scale, row-major) of image (1, H, W, C) in 0–1 (grey,
     * or colour when C = 3) with the map's {@link #colours} blended in by their alpha. Nothing modified.
     */
    public static int[] paint(Tensor image, HeatMap heat, Range range, double opacity, int scale) {
        int h = image.dim(1), w = image.dim(2), c = image.dim(3);
        if (heat.height() != h || heat.width() != w) throw new IllegalArgumentException("a " + heat.height() + "×" + heat.width() + " map over a " + h + "×" + w + " image");
        int[] colours = colours(heat, range, opacity);
        int[] out = new int[h * scale * w * scale];
        for (int r = 0; r < h; r++) {
            for (int q = 0; q < w; q++) {
                int p = (r * w + q) * c;
                int base = c == 3 ? rgb(image.data[p], image.data[p + 1], image.data[p + 2]) : rgb(image.data[p], image.data[p], image.data[p]);
                int colour = colours[r * w + q];
                double a = (colour >>> 24) / 255.0;
                int argb = 0xff000000 | blend(base, colour, a, 16) | blend(base, colour, a, 8) | blend(base, colour, a, 0);
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
