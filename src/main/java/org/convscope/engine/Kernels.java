package org.convscope.engine;

/** The element-wise hot loops that Conv2D and Dense share around their GEMMs, and their reused buffers. */
final class Kernels {
    private Kernels() {
    }

    /** {@code buffer} when it holds at least {@code size} floats, else a new array of that size. */
    static float[] atLeast(float[] buffer, int size) {
        return buffer != null && buffer.length >= size ? buffer : new float[size];
    }

    /**
     * z[r, u] += b[u] for every row (b may be null: no bias), then {@code z > 0 ? z : 0} when {@code relu}.
     * One pass over z, split between cores. z (rows, units) modified; b not modified.
     */
    static void addBias(float[] z, int rows, int units, float[] b, boolean relu) {
        if (b == null && !relu) return;
        ElementKernels kernels = ElementKernels.current();
        Parallel.forRange(rows, (long) rows * units, (part, r0, r1) -> {
            for (int r = r0; r < r1; r++) kernels.addBiasRow(z, r * units, b, 0, units, relu);
        });
    }

    /**
     * ∂L/∂z = dOut · f'(z) into {@code dZ}, given the forward pass' z and y (the same tensor for ReLU, done
     * with SIMD here). dZ modified; nothing else.
     */
    static void activationBackward(Activation activation, Tensor z, Tensor y, Tensor dOut, float[] dZ) {
        if (activation != Activation.RELU) {
            activation.backward(z, y, dOut, dZ);
            return;
        }
        ElementKernels kernels = ElementKernels.current();
        float[] yd = y.data, g = dOut.data;
        Parallel.forRange(g.length, (long) g.length, (part, from, to) -> kernels.reluBackward(yd, g, dZ, from, to));
    }

    /**
     * db[u] += Σ_r g[r, u], the rows split between cores, each summing its own range before they are added
     * to db in order. g (rows, units) not modified; db modified.
     */
    static void addColumnSums(float[] g, int rows, int units, float[] db) {
        ElementKernels kernels = ElementKernels.current();
        float[][] partial = new float[Parallel.THREADS][];
        Parallel.forRange(rows, (long) rows * units, (part, r0, r1) -> {
            partial[part] = new float[units];
            kernels.addColumnSums(g, r0, r1, units, partial[part]);
        });
        for (float[] p : partial) {
            if (p != null) for (int u = 0; u < units; u++) db[u] += p[u];
        }
    }
}
