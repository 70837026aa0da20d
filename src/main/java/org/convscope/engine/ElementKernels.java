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

    // ---- Winograd F(2×2, 3×3), see Winograd --------------------------------------------------------------

    /**
     * Kernel transform, filters [f0, f1) of F: {@code U = G g Gᵀ} for every input channel ch, with
     * {@code G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1]} and g[p][q] = W[((p·3 + q)·C + ch)·F + f];
     * {@code u[a·4 + b][ch·F + f] = U[a][b]}. W (3, 3, C, F) not modified; u (16 × C·F) modified.
     */
    void winogradKernel(float[] w, int c, int filters, int f0, int f1, float[][] u) {
        float[] t = new float[12]; // G g: 4 rows × 3
        for (int ch = 0; ch < c; ch++) {
            for (int f = f0; f < f1; f++) {
                for (int q = 0; q < 3; q++) {
                    float g0 = w[(q * c + ch) * filters + f], g1 = w[((3 + q) * c + ch) * filters + f];
                    float g2 = w[((6 + q) * c + ch) * filters + f];
                    t[q] = g0;
                    t[3 + q] = 0.5f * (g0 + g1 + g2);
                    t[6 + q] = 0.5f * (g0 - g1 + g2);
                    t[9 + q] = g2;
                }
                for (int a = 0, o = ch * filters + f; a < 4; a++) {
                    float t0 = t[3 * a], t1 = t[3 * a + 1], t2 = t[3 * a + 2];
                    u[4 * a][o] = t0;
                    u[4 * a + 1][o] = 0.5f * (t0 + t1 + t2);
                    u[4 * a + 2][o] = 0.5f * (t0 - t1 + t2);
                    u[4 * a + 3][o] = t2;
                }
            }
        }
    }

    /**
     * Input transform of one 4×4 tile, channels [c0, c1) of C: {@code V = Bᵀ d B} with
     * {@code Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1]}, where d[a][b] of channel ch is
     * x[cell[a·4 + b] + ch], or 0 where the cell is −1 (outside the input); {@code v[a·4 + b][row·C + ch] = V[a][b]}.
     * x not modified; v (16 × tiles·C) modified.
     */
    void winogradInput(float[] x, int[] cell, int c, int c0, int c1, float[][] v, int row) {
        float[] d = new float[16], s = new float[16];
        for (int ch = c0; ch < c1; ch++) {
            for (int i = 0; i < 16; i++) d[i] = cell[i] < 0 ? 0f : x[cell[i] + ch];
            for (int b = 0; b < 4; b++) { // s = Bᵀ d
                s[b] = d[b] - d[8 + b];
                s[4 + b] = d[4 + b] + d[8 + b];
                s[8 + b] = d[8 + b] - d[4 + b];
                s[12 + b] = d[4 + b] - d[12 + b];
            }
            for (int a = 0, o = row * c + ch; a < 4; a++) { // V = s B
                int r = 4 * a;
                v[r][o] = s[r] - s[r + 2];
                v[r + 1][o] = s[r + 1] + s[r + 2];
                v[r + 2][o] = s[r + 2] - s[r + 1];
                v[r + 3][o] = s[r + 1] - s[r + 3];
            }
        }
    }

    /**
     * Output transform of one tile, filters [f0, f1) of F: {@code Y = Aᵀ M A} with {@code Aᵀ = [1 1 1 0; 0 1 −1 −1]},
     * where M[a][b] = m[a·4 + b][row·F + f]; then b[f] added (b may be null: none) and ReLU when relu, as in
     * {@link #addBiasRow}; {@code z[out[i·2 + j] + f] = Y[i][j]} for the cells of out that are not −1 (past the
     * output's edge). m and b not modified; z modified.
     */
    void winogradOutput(float[][] m, int row, int filters, int f0, int f1, float[] b, boolean relu, float[] z, int[] out) {
        float[] o = new float[8], y = new float[4];
        for (int f = f0; f < f1; f++) {
            int at = row * filters + f;
            for (int q = 0; q < 4; q++) { // o = Aᵀ M
                o[q] = m[q][at] + m[4 + q][at] + m[8 + q][at];
                o[4 + q] = m[4 + q][at] - m[8 + q][at] - m[12 + q][at];
            }
            for (int i = 0; i < 2; i++) { // Y = o A
                y[2 * i] = o[4 * i] + o[4 * i + 1] + o[4 * i + 2];
                y[2 * i + 1] = o[4 * i + 1] - o[4 * i + 2] - o[4 * i + 3];
            }
            for (int i = 0; i < 4; i++) {
                if (out[i] < 0) continue;
                float v = b == null ? y[i] : y[i] + b[f];
                z[out[i] + f] = relu ? (v > 0 ? v : 0f) : v;
            }
        }
    }
}
