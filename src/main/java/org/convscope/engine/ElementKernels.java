package org.convscope.engine;

/**
 * The layers' element-wise hot loops outside the GEMM: plainly here, and with SIMD in
 * {@link VectorElementKernels} when the Vector API module is present. Both do exactly the same
 * float operations, so they give identical results (a test checks).
 */
class ElementKernels {
    private static final ElementKernels CURRENT = Gemm.fastest() instanceof EjmlGemm ? new ElementKernels() : load();

    /** The SIMD kernels when the Vector API is there (as for {@link Gemm#fastest()}), else the plain ones. */
    static ElementKernels current() {
        return CURRENT;
    }

    private static ElementKernels load() {
        try {
            return (ElementKernels) Class.forName("org.convscope.engine.VectorElementKernels").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return new ElementKernels();
        }
    }

    /**
     * Max pooling of one window, channels [c0, c) of c: the window is rows × cols cells of c channels, cell
     * (r, q) at {@code first + r·rowStride + q·c}. {@code best[base + ch]} = the window's largest value of
     * channel ch and {@code bestAt[base + ch]} its index in x, cells taken row by row, a later cell winning only
     * when strictly larger (so the first of equal values stays, and a NaN first cell stays). x not modified;
     * best and bestAt modified.
     */
    void maxOfWindow(float[] x, int first, int rowStride, int rows, int cols, int c, int c0, float[] best, int[] bestAt, int base) {
        for (int ch = c0; ch < c; ch++) {
            float b = x[first + ch];
            int at = first + ch;
            for (int r = 0; r < rows; r++) {
                for (int q = r == 0 ? 1 : 0; q < cols; q++) {
                    int cell = first + r * rowStride + q * c + ch;
                    boolean better = x[cell] > b; // selects, not branches: the comparisons are unpredictable
                    b = better ? x[cell] : b;
                    at = better ? cell : at;
                }
            }
            best[base + ch] = b;
            bestAt[base + ch] = at;
        }
    }

    /**
     * z[o + u] += b[u] for u in [from, to) (b may be null: none), then {@code v > 0 ? v : 0} when relu.
     * z modified; b not modified.
     */
    void addBiasRow(float[] z, int o, float[] b, int from, int to, boolean relu) {
        if (b != null) for (int u = from; u < to; u++) z[o + u] += b[u];
        if (relu) for (int u = from; u < to; u++) z[o + u] = z[o + u] > 0 ? z[o + u] : 0f;
    }

    /**
     * One output row of a direct convolution of a 1-channel image (stride 1, no dilation, every window
     * inside the image), filters [f0, f1) of F:
     * <pre>
     *   z[o + j·F + f] = Σ_{u < KH, v < KW} x[at + u·w + j + v] · W[(u·KW + v)·F + f]   for j in [0, ow)
     * </pre>
     * summed in that order with fused multiply-adds from 0, as the row of im2col times the kernel would be;
     * then b[f] added (b may be null: none) and ReLU applied when {@code relu}, as {@link #addBiasRow} does.
     * x (rows of width w from {@code at}), W (KH·KW, F) and b not modified; z modified.
     */
    void convolveRow(float[] x, int at, int w, float[] kernel, int kh, int kw, int filters, int f0, int f1,
                     int ow, float[] b, boolean relu, float[] z, int o) {
        for (int j = 0; j < ow; j++) {
            for (int f = f0; f < f1; f++) {
                float s = 0f;
                for (int u = 0; u < kh; u++) {
                    for (int v = 0; v < kw; v++) s = Math.fma(x[at + u * w + j + v], kernel[(u * kw + v) * filters + f], s);
                }
                z[o + j * filters + f] = s;
            }
            addBiasRow(z, o + j * filters, b, f0, f1, relu);
        }
    }

    /** s[u] += g[r·units + u] for rows r in [r0, r1), row by row. g not modified; s modified. */
    void addColumnSums(float[] g, int r0, int r1, int units, float[] s) {
        for (int r = r0; r < r1; r++) {
            int o = r * units;
            for (int u = 0; u < units; u++) s[u] += g[o + u];
        }
    }

    /** d[i] = y[i] > 0 ? g[i] : 0 for i in [from, to): ReLU's backward pass from its output. d modified only. */
    void reluBackward(float[] y, float[] g, float[] d, int from, int to) {
        for (int i = from; i < to; i++) d[i] = y[i] > 0 ? g[i] : 0f;
    }
}
