package org.convscope.engine;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The shape of one example, without the batch axis, channels-last: {@code (H, W, C)} for images,
 * {@code (F)} for flat vectors. Printed the way Keras prints it, with {@code None} for the batch.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        for (int d : dims) {
            if (d <= 0) throw new IllegalArgumentException("shape dimensions must be positive: " + Arrays.toString(dims));
        }
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int axis) {
        return dims[axis];
    }

    /** The last axis: channels for images, features for vectors. */
    public int last() {
        return dims[dims.length - 1];
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Number of values in one example. */
    public int size() {
        int n = 1;
        for (int d : dims) n *= d;
        return n;
    }

    /** The shape of a batch of {@code n} examples: {@code (n, dims...)}. */
    public int[] withBatch(int n) {
        int[] s = new int[dims.length + 1];
        s[0] = n;
        System.arraycopy(dims, 0, s, 1, dims.length);
        return s;
    }

    /** Keras' printed form, e.g. {@code (None, 26, 26, 32)}. */
    public String toKeras() {
        return Arrays.stream(dims).mapToObj(Integer::toString)
                .collect(Collectors.joining(", ", "(None, ", ")"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("×"));
    }
}
