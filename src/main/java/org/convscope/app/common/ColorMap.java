package org.convscope.app.common;

/**
 * Colour maps from values to opaque ARGB pixels, readable on a projector and by colour-blind viewers:
 * <ul>
 *   <li>{@link #VIRIDIS} (matplotlib's perceptually uniform map) for activations, low → high;</li>
 *   <li>{@link #CIVIDIS} (Nuñez, Anderton &amp; Renslow 2018: viridis made to look the same to red–green colour-blind
 *   viewers; Plotly's ten stops), the setting that replaces viridis everywhere;</li>
 *   <li>{@link #DIVERGING} (ColorBrewer RdBu: blue < 0, white = 0, red > 0) for signed values and kernels;</li>
 *   <li>{@link #GREYS} for input images, black → white.</li>
 * </ul>
 * Plain ints, no JavaFX, so painting can be measured and tested without a toolkit.
 */
public enum ColorMap {
    VIRIDIS(0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884, 0x44bf70, 0x7ad151, 0xbddf26, 0xfde725),
    CIVIDIS(0x00224e, 0x123570, 0x3b496c, 0x575d6d, 0x707173, 0x8a8678, 0xa59c74, 0xc3b369, 0xe1cc55, 0xfee838),
    DIVERGING(0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f),
    GREYS(0x000000, 0xffffff);

    private static final int LEVELS = 257; // odd, so that the middle of a diverging map is exactly its centre colour
    private final int[] lut = new int[LEVELS]; // ARGB, opaque

    ColorMap(int... stops) {
        for (int i = 0; i < LEVELS; i++) {
            double t = (double) i / (LEVELS - 1) * (stops.length - 1);
            int k = Math.min((int) t, stops.length - 2);
            double f = t - k;
            lut[i] = 0xff000000 | mix(stops[k], stops[k + 1], f, 16) | mix(stops[k], stops[k + 1], f, 8) | mix(stops[k], stops[k + 1], f, 0);
        }
    }

    private static int mix(int a, int b, double f, int shift) {
        int x = (a >> shift) & 0xff, y = (b >> shift) & 0xff;
        return (int) Math.round(x + (y - x) * f) << shift;
    }

    /** The colour of {@code t} in [0, 1] (clamped; NaN maps to 0). */
    public int argb(double t) {
        if (!(t > 0)) return lut[0];
        if (t >= 1) return lut[LEVELS - 1];
        return lut[(int) (t * (LEVELS - 1) + 0.5)];
    }

    /** The colour of {@code v} in the range [lo, hi]; a flat range paints the middle colour. */
    public int argb(double v, double lo, double hi) {
        return argb(hi > lo ? (v - lo) / (hi - lo) : 0.5);
    }
}
