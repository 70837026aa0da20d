package org.convscope.trace;

import org.convscope.engine.Tensor;

import java.util.Arrays;

/**
 * One image or stack of feature maps, channels-last {@code (H, W, C)}: what a step model slides
 * over. Value at {@code (r, q, c)} is {@code data[(r·W + q)·C + c]}. Immutable: the array is copied
 * on the way in and never handed out.
 */
public final class Grid {
    private final int height;
    private final int width;
    private final int channels;
    private final float[] data; // (H, W, C)

    public Grid(int height, int width, int channels, float[] data) {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("a grid needs height, width and channels ≥ 1, got "
                    + height + "×" + width + "×" + channels);
        }
        if (data.length != height * width * channels) {
            throw new IllegalArgumentException("grid data has " + data.length + " values, "
                    + height + "×" + width + "×" + channels + " needs " + height * width * channels);
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.data = data.clone();
    }

    /** A one-channel grid from rows of values. {@code rows} not modified. */
    public static Grid of(float[][] rows) {
        int h = rows.length, w = rows[0].length;
        float[] d = new float[h * w];
        for (int r = 0; r < h; r++) {
            if (rows[r].length != w) throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, expected " + w);
            System.arraycopy(rows[r], 0, d, r * w, w);
        }
        return new Grid(h, w, 1, d);
    }

    /** The first example of a {@code (N, H, W, C)} tensor, or a whole {@code (H, W, C)} tensor. */
    public static Grid fromTensor(Tensor t) {
        int[] s = t.shape();
        if (s.length == 4) return new Grid(s[1], s[2], s[3], Arrays.copyOf(t.data, s[1] * s[2] * s[3]));
        if (s.length == 3) return new Grid(s[0], s[1], s[2], t.data);
        throw new IllegalArgumentException("expected an image tensor (N, H, W, C) or (H, W, C), got " + Arrays.toString(s));
    }

    /** This grid as a batch of one, {@code (1, H, W, C)}. */
    public Tensor toTensor() {
        return new Tensor(data.clone(), 1, height, width, channels);
    }

    public int height() { return height; }
    public int width() { return width; }
    public int channels() { return channels; }

    public float get(int r, int q, int c) {
        return data[(r * width + q) * channels + c];
    }

    /** A copy with one value replaced. */
    public Grid with(int r, int q, int c, float value) {
        float[] d = data.clone();
        d[(r * width + q) * channels + c] = value;
        return new Grid(height, width, channels, d);
    }

    /** Channel {@code c} alone, {@code (H, W, 1)}. */
    public Grid channel(int c) {
        float[] d = new float[height * width];
        for (int i = 0; i < d.length; i++) d[i] = data[i * channels + c];
        return new Grid(height, width, 1, d);
    }

    /** The smallest and largest value, {@code {min, max}}. */
    public float[] range() {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float v : data) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new float[] {lo, hi};
    }

    /** True when every value is finite (no NaN, no ±∞). */
    public boolean isFinite() {
        for (float v : data) {
            if (!Float.isFinite(v)) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grid g && g.height == height && g.width == width && g.channels == channels
                && Arrays.equals(g.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + height * 7 + width * 3 + channels;
    }

    @Override
    public String toString() {
        return "Grid " + height + "×" + width + "×" + channels;
    }
}
