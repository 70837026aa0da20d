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
     * z[r, u] += b[u] for every row (b may be null: no bias), then z = max(z, 0) when {@code relu}.
     * One pass over z, split between cores. z (rows, units) modified; b not modified.
     */
    static void addBias(float[] z, int rows, int units, float[] b, boolean relu) {
        if (b == null && !relu) return;
        Parallel.forRange(rows, (long) rows * units, (part, r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int o = r * units;
                if (b != null) for (int u = 0; u < units; u++) z[o + u] += b[u];
                if (relu) for (int u = 0; u < units; u++) z[o + u] = z[o + u] > 0 ? z[o + u] : 0f;
            }
        });
    }

    /** db[u] += Σ_r g[r, u]. g (rows, units) not modified; db modified. */
    static void addColumnSums(float[] g, int rows, int units, float[] db) {
        for (int r = 0; r < rows; r++) {
            int o = r * units;
            for (int u = 0; u < units; u++) db[u] += g[o + u];
        }
    }
}
