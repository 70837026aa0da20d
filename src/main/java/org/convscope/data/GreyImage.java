package org.convscope.data;

import java.util.Arrays;

/**
 * A single-channel image of floats, row-major: pixel (x, y) is {@code values[y·width + x]}.
 * Used both for brightness (0 black .. 1 white) and for ink (0 paper .. 1 full ink).
 */
public record GreyImage(int width, int height, float[] values) {

    public GreyImage {
        if (width < 1 || height < 1) throw new IllegalArgumentException("an image needs at least 1×1 pixels, got " + width + "×" + height);
        if (values.length != width * height) {
            throw new IllegalArgumentException(values.length + " values for a " + width + "×" + height + " image");
        }
    }

    public static GreyImage blank(int width, int height) {
        return new GreyImage(width, height, new float[width * height]);
    }

    public float get(int x, int y) {
        return values[y * width + x];
    }

    public void set(int x, int y, float v) {
        values[y * width + x] = v;
    }

    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) m = Math.max(m, v);
        return m;
    }

    /** The pixels inside {@code box}, copied. */
    public GreyImage crop(Box box) {
        float[] out = new float[box.width() * box.height()];
        for (int y = 0; y < box.height(); y++) {
            System.arraycopy(values, (box.y() + y) * width + box.x(), out, y * box.width(), box.width());
        }
        return new GreyImage(box.width(), box.height(), out);
    }

    /** Resampled to {@code newWidth × newHeight} with {@link Resampler} (antialiased). */
    public GreyImage resized(int newWidth, int newHeight) {
        return new GreyImage(newWidth, newHeight, Resampler.resize(values, width, height, 1, newWidth, newHeight));
    }

    /** Intensity-weighted mean position {@code (Σ x·v / Σ v, Σ y·v / Σ v)} in pixel indices; null when all zero. */
    public double[] centreOfMass() {
        double sum = 0, sx = 0, sy = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = values[y * width + x];
                sum += v;
                sx += x * (double) v;
                sy += y * (double) v;
            }
        }
        return sum > 0 ? new double[] {sx / sum, sy / sum} : null;
    }

    /** The smallest box holding every pixel above {@code threshold}; null when there is none. */
    public Box boundingBox(float threshold) {
        int minX = width, minY = height, maxX = -1, maxY = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (values[y * width + x] > threshold) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : new Box(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GreyImage g && g.width == width && g.height == height && Arrays.equals(g.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "GreyImage[" + width + "×" + height + "]";
    }

    /** A rectangle of pixels: top-left (x, y), size width × height. */
    public record Box(int x, int y, int width, int height) {
        public int longerSide() {
            return Math.max(width, height);
        }
    }
}
