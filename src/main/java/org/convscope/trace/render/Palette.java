package org.convscope.trace.render;

/**
 * The colours of every grid, as packed {@code 0xRRGGBB}, shared by the JavaFX views and the Java2D
 * exporter so a slide looks like the screen. Signed values use a blue–white–orange diverging scale
 * (distinguishable with every common colour-vision deficiency); unsigned values use grey.
 */
public final class Palette {
    private Palette() {
    }

    public static final int NEGATIVE = 0x2166AC;  // blue
    public static final int POSITIVE = 0xD66B00;  // orange
    public static final int MIDDLE = 0xF7F7F7;
    public static final int PADDING = 0xE4ECF4;   // pale blue-grey: zeros that are not the image
    public static final int WINDOW = 0xE6A100;    // amber outline of the current window
    public static final int WINNER = 0x009E73;    // bluish green: the cell max pooling picks
    public static final int FEEDS = 0xCC79A7;     // reddish purple: cells linked to the hovered one
    public static final int DROPPED = 0x999999;   // tint of the rows/columns the floor drops …
    public static final int DROPPED_HATCH = 0xC0392B; // … and their hatching, so they read as "left out"
    public static final int GRID_LINE = 0xB0B0B0;
    public static final int TEXT = 0x202020;

    /** Grey from black (lo) to white (hi). */
    public static int gray(float v, float lo, float hi) {
        float t = hi > lo ? (v - lo) / (hi - lo) : 0.5f;
        int g = Math.round(255 * clamp(t));
        return (g << 16) | (g << 8) | g;
    }

    /** Blue for −absMax, near-white for 0, orange for +absMax. */
    public static int diverging(float v, float absMax) {
        float t = absMax > 0 ? clamp(Math.abs(v) / absMax) : 0;
        return mix(MIDDLE, v < 0 ? NEGATIVE : POSITIVE, t);
    }

    /** The colour of value v on a grid whose values span [lo, hi]: diverging when the range is signed. */
    public static int shade(float v, float lo, float hi) {
        return lo < 0 ? diverging(v, Math.max(-lo, hi)) : gray(v, Math.min(lo, 0), hi);
    }

    /** Black or white, whichever reads on the background. */
    public static int textOn(int rgb) {
        double lum = 0.299 * (rgb >> 16 & 255) + 0.587 * (rgb >> 8 & 255) + 0.114 * (rgb & 255);
        return lum > 140 ? TEXT : 0xFFFFFF;
    }

    /** a + t·(b − a) per channel. */
    public static int mix(int a, int b, float t) {
        int r = Math.round((a >> 16 & 255) + t * ((b >> 16 & 255) - (a >> 16 & 255)));
        int g = Math.round((a >> 8 & 255) + t * ((b >> 8 & 255) - (a >> 8 & 255)));
        int bl = Math.round((a & 255) + t * ((b & 255) - (a & 255)));
        return (r << 16) | (g << 8) | bl;
    }

    private static float clamp(float t) {
        return Float.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
    }
}
