package org.convscope.trace.explain;

import java.util.Arrays;

/**
 * A map of one value per input pixel (or per place of a coarser grid), row-major: value at {@code (r, q)} is
 * {@code values[r·width + q]}. What every explanation method returns, to be drawn over the input. Immutable:
 * the array is copied on the way in and out.
 */
public final class HeatMap {
    private final int height;
    private final int width;
    private final float[] values; // (H, W)

    public HeatMap(int height, int width, float[] values) {
        if (height < 1 || width < 1 || values.length != height * width) {
            throw new IllegalArgumentException("a " + height + "×" + width + " heat map needs " + height * width + " values, got " + values.length);
        }
        this.height = height;
        this.width = width;
        this.values = values.clone();
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public float get(int r, int q) {
        return values[r * width + q];
    }

    /** A copy of the values, row-major (H, W). */
    public float[] values() {
        return values.clone();
    }

    public float min() {
        float m = Float.POSITIVE_INFINITY;
        for (float v : values) m = Math.min(m, v);
        return m;
    }

    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) m = Math.max(m, v);
        return m;
    }

    /** Whether some value is negative: a signed map (gradient × input, a probability that rises when occluded). */
    public boolean isSigned() {
        return min() < 0;
    }

    /**
     * Bilinear resampling to {@code h × w} with half-pixel centres (as OpenCV's {@code resize} and TensorFlow's
     * {@code resize(..., half_pixel_centers=True)}): output pixel {@code d} samples the source at
     * {@code (d + ½)·(src / dst) − ½}, clamped to the edge cells. Not modified.
     */
    public HeatMap resized(int h, int w) {
        float[] out = new float[h * w]; // (h, w)
        for (int r = 0; r < h; r++) {
            float sr = clamp((r + 0.5f) * height / h - 0.5f, height - 1);
            int r0 = (int) sr, r1 = Math.min(r0 + 1, height - 1);
            float fr = sr - r0;
            for (int q = 0; q < w; q++) {
                float sq = clamp((q + 0.5f) * width / w - 0.5f, width - 1);
                int q0 = (int) sq, q1 = Math.min(q0 + 1, width - 1);
                float fq = sq - q0;
                float top = get(r0, q0) * (1 - fq) + get(r0, q1) * fq;
                float bottom = get(r1, q0) * (1 - fq) + get(r1, q1) * fq;
                out[r * w + q] = top * (1 - fr) + bottom * fr;
            }
        }
        return new HeatMap(h, w, out);
    }

    private static float clamp(float v, int max) {
        return Math.max(0, Math.min(v, max));
    }

    /** The map as CSV: one line per row, values separated by commas. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < height; r++) {
            for (int q = 0; q < width; q++) {
                if (q > 0) sb.append(',');
                sb.append(get(r, q));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeatMap m && m.height == height && m.width == width && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "HeatMap[" + height + "×" + width + ", " + min() + " … " + max() + "]";
    }
}
