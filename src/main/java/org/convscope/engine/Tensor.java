package org.convscope.engine;

import java.util.Arrays;

/**
 * A dense float32 array with a shape, row-major, channels-last: a batch of images is
 * {@code (N, H, W, C)} and element {@code [n][h][w][c]} sits at {@code ((n·H + h)·W + w)·C + c}.
 * The data array is exposed on purpose: layers work on it directly in their hot loops.
 */
public final class Tensor {
    private final int[] shape;
    public final float[] data;

    public Tensor(float[] data, int... shape) {
        int n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("data length " + data.length + " does not match shape " + Arrays.toString(shape));
        }
        this.shape = shape.clone();
        this.data = data;
    }

    public static Tensor zeros(int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return new Tensor(new float[n], shape);
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return data.length;
    }

    /** The batch size: the first axis. */
    public int batch() {
        return shape[0];
    }

    /** The shape of one example (all axes but the first). */
    public Shape exampleShape() {
        return Shape.of(Arrays.copyOfRange(shape, 1, shape.length));
    }

    /** A view with another shape over the same data. Not copied. */
    public Tensor reshape(int... newShape) {
        return new Tensor(data, newShape);
    }

    public Tensor copy() {
        return new Tensor(data.clone(), shape);
    }

    /** Rows {@code [from, to)} of the first axis, copied. */
    public Tensor slice(int from, int to) {
        int per = data.length / Math.max(1, shape[0]);
        int[] s = shape.clone();
        s[0] = to - from;
        return new Tensor(Arrays.copyOfRange(data, from * per, to * per), s);
    }

    /** The examples at {@code indices} (along the first axis), copied in that order. */
    public Tensor gather(int[] indices, int from, int to) {
        int per = data.length / Math.max(1, shape[0]);
        int[] s = shape.clone();
        s[0] = to - from;
        float[] out = new float[(to - from) * per];
        for (int i = from; i < to; i++) {
            System.arraycopy(data, indices[i] * per, out, (i - from) * per, per);
        }
        return new Tensor(out, s);
    }

    /** Element of a rank-4 tensor {@code (N, H, W, C)}. */
    public float get(int n, int h, int w, int c) {
        return data[((n * shape[1] + h) * shape[2] + w) * shape[3] + c];
    }

    public void set(int n, int h, int w, int c, float v) {
        data[((n * shape[1] + h) * shape[2] + w) * shape[3] + c] = v;
    }

    /** Element of a rank-2 tensor {@code (N, F)}. */
    public float get(int n, int f) {
        return data[n * shape[1] + f];
    }

    public boolean sameShape(Tensor o) {
        return Arrays.equals(shape, o.shape);
    }

    /** True when every value is finite (no NaN, no ±∞). */
    public boolean isFinite() {
        for (float v : data) {
            if (!Float.isFinite(v)) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
