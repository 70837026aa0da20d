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

    /**
     * The kernel gradient of a direct 1-channel convolution ({@link #convolveRow}) over one image, filters [f0, f1):
     * <pre>
     *   dW[(u·KW + v)·F + f] += Σ_p x[at + offsets[p] + u·w + v] · g[o + p·F + f]      for p in [0, positions)
     * </pre>
     * where output position p's window starts at {@code at + offsets[p]}, and the bias gradient dB[f] += Σ_p g[o + p·F + f]
     * (dB may be null: no bias). Each sum is taken from 0, positions in order (the kernel's with fused multiply-adds),
     * then added. The SIMD twin keeps nine taps' sums and the bias' in registers while it reads ∂L/∂z once per
     * position, so the same order gives it independent chains. x, offsets and g not modified; dW and dB modified.
     */
    void kernelGradientOfImage(float[] x, int at, int[] offsets, int positions, int w, float[] g, int o,
                               int kh, int kw, int filters, int f0, int f1, float[] dW, float[] dB) {
        kernelGradient(x, at, offsets, positions, w, (p, f) -> g[o + p * filters + f], kh, kw, filters, f0, f1, dW, dB);
    }

    /**
     * {@link #kernelGradientOfImage} of a convolution that a max pooling reads through ReLU ({@link ConvPooling}), with
     * ∂L/∂z taken from the pooling's side instead of made: output position p lies in the window whose channel 0 is
     * at {@code cellBase + cell[p]} of the pooling's output (cell[p] = −1: in none), and
     * <pre>
     *   g(p, f) = dOut[c + f]  if winners[c + f] = won + p·F + f and best[c + f] &gt; 0,  else 0     (c = cellBase + cell[p])
     * </pre>
     * i.e. what {@link MaxPooling2D#backwardThroughRelu} would write there, {@code won} being where this image starts in
     * the convolution's output. The same sums in the same order, so the same numbers. No argument modified but dW, dB.
     */
    void kernelGradientOfPooledImage(float[] x, int at, int[] offsets, int positions, int w,
                                     float[] dOut, float[] best, int[] winners, int[] cell, int cellBase, int won,
                                     int kh, int kw, int filters, int f0, int f1, float[] dW, float[] dB) {
        kernelGradient(x, at, offsets, positions, w, (p, f) -> {
            int c = cellBase + cell[p] + f;
            return cell[p] >= 0 && winners[c] == won + p * filters + f && best[c] > 0 ? dOut[c] : 0f;
        }, kh, kw, filters, f0, f1, dW, dB);
    }

    /** ∂L/∂z of one image at output position p and filter f. */
    private interface ImageGradient {
        float at(int p, int f);
    }

    private static void kernelGradient(float[] x, int at, int[] offsets, int positions, int w, ImageGradient g,
                                       int kh, int kw, int filters, int f0, int f1, float[] dW, float[] dB) {
        for (int f = f0; f < f1; f++) {
            if (dB != null) {
                float s = 0f;
                for (int p = 0; p < positions; p++) s += g.at(p, f);
                dB[f] += s;
            }
            for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                    float s = 0f;
                    int tap = at + u * w + v;
                    for (int p = 0; p < positions; p++) s = Math.fma(x[tap + offsets[p]], g.at(p, f), s);
                    dW[(u * kw + v) * filters + f] += s;
                }
            }
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

    // ---- Winograd F(4×4, 3×3), see Winograd -------------------------------------------------------------
    // Each transform is a 1-D one applied to the columns, then to the rows, of a tile; the arrays of the result
    // hold the columns' results in between. The vector kernels do the same operations in the same order.

    /** 1/4, −1/6, 1/24, 1/12 and 1/6: the entries of G. */
    static final float G_QUARTER = 0.25f, G_SIXTH = 1f / 6, G_24TH = 1f / 24, G_12TH = 1f / 12;

    /**
     * Kernel transform, filters [f0, f1) of F: {@code U = G g Gᵀ} for every input channel ch, with
     * <pre>
     *   G = [ 1/4     0     0  ]       (Lavin &amp; Gray 2016, F(4×4, 3×3))
     *       [−1/6  −1/6  −1/6 ]
     *       [−1/6   1/6  −1/6 ]
     *       [1/24  1/12   1/6 ]
     *       [1/24 −1/12   1/6 ]
     *       [  0     0     1  ]
     * </pre>
     * and g[p][q] = W[((p·3 + q)·C + ch)·F + f]; {@code u[a·6 + b][ch·F + f] = U[a][b]}. W (3, 3, C, F) not modified;
     * u (36 × C·F) modified.
     */
    void winogradKernel(float[] w, int c, int filters, int f0, int f1, float[][] u) {
        float[] t = new float[6];
        for (int ch = 0; ch < c; ch++) {
            for (int f = f0; f < f1; f++) {
                int o = ch * filters + f;
                for (int q = 0; q < 3; q++) { // column q of G g
                    kernelColumn(w[(q * c + ch) * filters + f], w[((3 + q) * c + ch) * filters + f], w[((6 + q) * c + ch) * filters + f], t);
                    for (int a = 0; a < 6; a++) u[6 * a + q][o] = t[a];
                }
                for (int a = 0; a < 6; a++) { // row a of (G g) Gᵀ
                    kernelColumn(u[6 * a][o], u[6 * a + 1][o], u[6 * a + 2][o], t);
                    for (int b = 0; b < 6; b++) u[6 * a + b][o] = t[b];
                }
            }
        }
    }

    /** t = G · (g0, g1, g2). */
    private static void kernelColumn(float g0, float g1, float g2, float[] t) {
        t[0] = g0 * G_QUARTER;
        t[1] = (g0 + g1 + g2) * -G_SIXTH;
        t[2] = (g0 - g1 + g2) * -G_SIXTH;
        t[3] = g0 * G_24TH + g1 * G_12TH + g2 * G_SIXTH;
        t[4] = g0 * G_24TH - g1 * G_12TH + g2 * G_SIXTH;
        t[5] = g2;
    }

    /**
     * Input transform of one 6×6 tile, channels [c0, c1) of C: {@code V = Bᵀ d B} with
     * <pre>
     *   Bᵀ = [4   0  −5   0  1  0]
     *        [0  −4  −4   1  1  0]
     *        [0   4  −4  −1  1  0]
     *        [0  −2  −1   2  1  0]
     *        [0   2  −1  −2  1  0]
     *        [0   4   0  −5  0  1]
     * </pre>
     * where d[a][b] of channel ch is x[cell[a·6 + b] + ch], or 0 where the cell is −1 (outside the input);
     * {@code v[a·6 + b][row·C + ch] = V[a][b]}. x not modified; v (36 × tiles·C) modified.
     */
    void winogradInput(float[] x, int[] cell, int c, int c0, int c1, float[][] v, int row) {
        float[] d = new float[6], s = new float[6];
        for (int ch = c0; ch < c1; ch++) {
            int o = row * c + ch;
            for (int b = 0; b < 6; b++) { // column b of Bᵀ d
                for (int a = 0; a < 6; a++) d[a] = cell[6 * a + b] < 0 ? 0f : x[cell[6 * a + b] + ch];
                inputColumn(d, s);
                for (int a = 0; a < 6; a++) v[6 * a + b][o] = s[a];
            }
            for (int a = 0; a < 6; a++) { // row a of (Bᵀ d) B
                for (int b = 0; b < 6; b++) d[b] = v[6 * a + b][o];
                inputColumn(d, s);
                for (int b = 0; b < 6; b++) v[6 * a + b][o] = s[b];
            }
        }
    }

    /** s = Bᵀ · d. */
    private static void inputColumn(float[] d, float[] s) {
        s[0] = d[0] * 4 - d[2] * 5 + d[4];
        s[1] = (d[3] + d[4]) - (d[1] + d[2]) * 4;
        s[2] = (d[4] - d[3]) + (d[1] - d[2]) * 4;
        s[3] = (d[4] - d[2]) + (d[3] - d[1]) * 2;
        s[4] = (d[4] - d[2]) - (d[3] - d[1]) * 2;
        s[5] = d[1] * 4 - d[3] * 5 + d[5];
    }

    /**
     * Adjoint of the input transform for one tile, channels [c0, c1) of C: {@code D = B X Bᵀ} (6×6), B the transpose of
     * {@link #winogradInput}'s Bᵀ:
     * <pre>
     *   B = [ 4   0   0   0   0  0]
     *       [ 0  −4   4  −2   2  4]
     *       [−5  −4  −4  −1  −1  0]
     *       [ 0   1  −1   2  −2 −5]
     *       [ 1   1   1   1   1  0]
     *       [ 0   0   0   0   0  1]
     * </pre>
     * where X[a][b] = m[a·6 + b][row·C + ch]; then {@code dx[cell[a·6 + b] + ch] += D[a][b]} for the cells that are not
     * −1 (outside the input): neighbouring tiles' cells overlap, so their parts add. For ∂L/∂x by
     * {@link Winograd.Backward}. m modified (it holds D afterwards); dx modified.
     */
    void winogradInputAdjoint(float[][] m, int row, int c, int c0, int c1, float[] dx, int[] cell) {
        float[] d = new float[6], s = new float[6];
        for (int ch = c0; ch < c1; ch++) {
            int o = row * c + ch;
            for (int b = 0; b < 6; b++) { // column b of B X
                for (int a = 0; a < 6; a++) d[a] = m[6 * a + b][o];
                inputAdjointColumn(d, s);
                for (int a = 0; a < 6; a++) m[6 * a + b][o] = s[a];
            }
            for (int a = 0; a < 6; a++) { // row a of (B X) Bᵀ
                for (int b = 0; b < 6; b++) d[b] = m[6 * a + b][o];
                inputAdjointColumn(d, s);
                for (int b = 0; b < 6; b++) m[6 * a + b][o] = s[b];
            }
            for (int k = 0; k < 36; k++) {
                if (cell[k] >= 0) dx[cell[k] + ch] += m[k][o];
            }
        }
    }

    /** s = B · d: (4d₀, 4(d₂ − d₁ + d₅) + 2(d₄ − d₃), −5d₀ − 4(d₁ + d₂) − (d₃ + d₄), (d₁ − d₂) + 2(d₃ − d₄) − 5d₅, d₀ + (d₁ + d₂) + (d₃ + d₄), d₅). */
    private static void inputAdjointColumn(float[] d, float[] s) {
        float sum12 = d[1] + d[2], sum34 = d[3] + d[4];
        s[0] = d[0] * 4;
        s[1] = (d[2] - d[1] + d[5]) * 4 + (d[4] - d[3]) * 2;
        s[2] = d[0] * -5 - sum12 * 4 - sum34;
        s[3] = (d[1] - d[2]) + (d[3] - d[4]) * 2 - d[5] * 5;
        s[4] = d[0] + sum12 + sum34;
        s[5] = d[5];
    }

    /**
     * Output transform of one tile, filters [f0, f1) of F: {@code Y = Aᵀ M A} (4×4) with
     * <pre>
     *   Aᵀ = [1  1   1  1   1  0]
     *        [0  1  −1  2  −2  0]
     *        [0  1   1  4   4  0]
     *        [0  1  −1  8  −8  1]
     * </pre>
     * where M[a][b] = m[a·6 + b][row·F + f]; then b[f] added (b may be null: none) and ReLU when relu, as in
     * {@link #addBiasRow}; {@code z[out[i·4 + j] + f] = Y[i][j]} for the cells of out that are not −1 (past the
     * output's edge). b not modified; z modified; m modified (its first rows hold Aᵀ M afterwards).
     */
    void winogradOutput(float[][] m, int row, int filters, int f0, int f1, float[] b, boolean relu, float[] z, int[] out) {
        float[] col = new float[6], y = new float[4];
        for (int f = f0; f < f1; f++) {
            int at = row * filters + f;
            for (int q = 0; q < 6; q++) { // column q of Aᵀ M
                for (int a = 0; a < 6; a++) col[a] = m[6 * a + q][at];
                outputColumn(col, y);
                for (int i = 0; i < 4; i++) m[6 * i + q][at] = y[i];
            }
            for (int i = 0; i < 4; i++) { // row i of (Aᵀ M) A
                for (int q = 0; q < 6; q++) col[q] = m[6 * i + q][at];
                outputColumn(col, y);
                for (int j = 0; j < 4; j++) {
                    int cell = out[4 * i + j];
                    if (cell < 0) continue;
                    float v = b == null ? y[j] : y[j] + b[f];
                    z[cell + f] = relu ? (v > 0 ? v : 0f) : v;
                }
            }
        }
    }

    /** y = Aᵀ · m. */
    private static void outputColumn(float[] m, float[] y) {
        y[0] = m[0] + (m[1] + m[2]) + (m[3] + m[4]);
        y[1] = (m[1] - m[2]) + (m[3] - m[4]) * 2;
        y[2] = (m[1] + m[2]) + (m[3] + m[4]) * 4;
        y[3] = (m[1] - m[2]) + (m[3] - m[4]) * 8 + m[5];
    }

    /**
     * Gradient transform of one tile's output gradient, filters [f0, f1) of F: {@code E' = A E Aᵀ} (6×6), A the
     * transpose of {@link #winogradOutput}'s Aᵀ, where E[i][j] = g[out[i·4 + j] + f], or 0 where the cell is −1 (past
     * the output's edge); {@code e[a·6 + b][row·F + f] = E'[a][b]}. For {@link Winograd.Backward}. g not
     * modified; e modified.
     */
    void winogradGradient(float[] g, int[] out, int filters, int f0, int f1, float[][] e, int row) {
        float[] y = new float[4], s = new float[6];
        for (int f = f0; f < f1; f++) {
            int o = row * filters + f;
            for (int j = 0; j < 4; j++) { // column j of A E
                for (int i = 0; i < 4; i++) y[i] = out[4 * i + j] < 0 ? 0f : g[out[4 * i + j] + f];
                gradientColumn(y, s);
                for (int a = 0; a < 6; a++) e[6 * a + j][o] = s[a];
            }
            for (int a = 0; a < 6; a++) { // row a of (A E) Aᵀ
                for (int j = 0; j < 4; j++) y[j] = e[6 * a + j][o];
                gradientColumn(y, s);
                for (int b = 0; b < 6; b++) e[6 * a + b][o] = s[b];
            }
        }
    }

    /** s = A · y: (y0, y0 + y1 + y2 + y3, y0 − y1 + y2 − y3, y0 + 2y1 + 4y2 + 8y3, y0 − 2y1 + 4y2 − 8y3, y3). */
    private static void gradientColumn(float[] y, float[] s) {
        float even = y[0] + y[2], odd = y[1] + y[3], evenFar = y[0] + y[2] * 4, oddFar = y[1] * 2 + y[3] * 8;
        s[0] = y[0];
        s[1] = even + odd;
        s[2] = even - odd;
        s[3] = evenFar + oddFar;
        s[4] = evenFar - oddFar;
        s[5] = y[3];
    }
}
