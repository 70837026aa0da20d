package org.convscope.engine;

import java.util.Arrays;

/**
 * A 3×3 convolution with stride 1 by Winograd's minimal filtering F(4×4, 3×3) (Lavin &amp; Gray 2016, "Fast
 * Algorithms for Convolutional Neural Networks"). Each 4×4 block of outputs comes from the 6×6 tile d of input
 * under it and the 3×3 kernel g as
 * <pre>
 *   Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A        (36 multiplications where the definition takes 144)
 * </pre>
 * with the constant matrices of {@link ElementKernels#winogradKernel}, {@link ElementKernels#winogradInput} and
 * {@link ElementKernels#winogradOutput}. Summed over input channels, the element-wise products at each of the 36
 * positions ξ of a tile become one matrix product:
 * <pre>
 *   M_ξ (tiles, F) = V_ξ (tiles, C) · U_ξ (C, F),    V = Bᵀ d B per tile and channel,  U = G g Gᵀ per (C, F)
 * </pre>
 * so a 4×4 block costs 36·C·F multiply-adds instead of im2col's 144·C·F. The sums come out in another order than
 * the definition's, equal to it up to float rounding (larger than im2col's: the transforms scale by up to 8 and
 * 1/24; tests compare with the definition). Conv2D's backward pass uses it too, for ∂L/∂x (a convolution of ∂L/∂z
 * with the kernel turned by 180°) and for ∂L/∂W and ∂L/∂x by the same identities read backwards ({@link Backward}).
 */
final class Winograd {
    /** Tiles at most transformed and multiplied at a time: their V and M (≈ 500 KB for C = 32, F = 64) stay in the core's cache. */
    private static final int TILE_BLOCK = 48;

    /** Per thread: V (36 × TILE_BLOCK·C), M or E' (36 × TILE_BLOCK·F) and X (36 × TILE_BLOCK·C), grown as needed. */
    private static final ThreadLocal<float[][][]> BUFFERS = ThreadLocal.withInitial(() -> new float[][][] {new float[36][0], new float[36][0], new float[36][0]});

    private Winograd() {
    }

    /**
     * Whether a convolution goes this way: a 3×3 kernel, stride 1, no dilation, over at least 8 channels (with
     * fewer the products are too thin to gain), on the fast path (the EJML reference takes im2col + GEMM).
     */
    static boolean applies(int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW, int channels) {
        return kernelH == 3 && kernelW == 3 && strideH == 1 && strideW == 1 && dilationH == 1 && dilationW == 1
                && channels >= 8 && !(Gemm.current() instanceof EjmlGemm);
    }

    /**
     * z = x ⋆ W + b, with ReLU when {@code relu}: x (N, H, W, C) padded by padTop/padLeft (and zeros past the
     * bottom/right), W (3, 3, C, F) as {@link TransformedKernel#of}, b (F) or null, z (N, OH, OW, F). x, W and b not
     * modified; z modified.
     */
    static void convolve(float[] x, int n, int h, int w, int c, TransformedKernel kernel, int filters, int padTop, int padLeft,
                         int oh, int ow, float[] b, boolean relu, float[] z) {
        ElementKernels kernels = ElementKernels.current();
        float[][] u = kernel.u;
        int tilesH = (oh + 3) / 4, tilesW = (ow + 3) / 4, tiles = n * tilesH * tilesW;
        int blocks = (tiles + TILE_BLOCK - 1) / TILE_BLOCK, block = (tiles + blocks - 1) / blocks; // even blocks
        Parallel.forRange(blocks, 72L * tiles * c * filters, (part, b0, b1) -> {
            float[][][] buffers = BUFFERS.get();
            float[][] v = grown(buffers, 0, block * c), m = grown(buffers, 1, block * filters);
            int[] cell = new int[36], out = new int[16];
            for (int index = b0; index < b1; index++) {
                int t0 = index * block;
                convolveBlock(kernels, x, h, w, c, u, filters, padTop, padLeft, oh, ow, b, relu, z, t0, Math.min(block, tiles - t0),
                        v, m, cell, out);
            }
        });
    }

    /**
     * Tiles [t0, t0 + count) of {@link #convolve}, v and m holding their V and M. A method of its own so that the JIT
     * compiles it once, as it is called, rather than again at each loop of its caller.
     */
    private static void convolveBlock(ElementKernels kernels, float[] x, int h, int w, int c, float[][] u, int filters, int padTop,
                                      int padLeft, int oh, int ow, float[] b, boolean relu, float[] z, int t0, int count,
                                      float[][] v, float[][] m, int[] cell, int[] out) {
        int tilesH = (oh + 3) / 4, tilesW = (ow + 3) / 4;
        for (int row = 0; row < count; row++) {
            inputCells(t0 + row, tilesH, tilesW, h, w, c, padTop, padLeft, cell);
            kernels.winogradInput(x, cell, c, 0, c, v, row);
        }
        for (int xi = 0; xi < 36; xi++) Gemm.current().multiply(false, false, count, filters, c, v[xi], u[xi], m[xi], false);
        for (int row = 0; row < count; row++) {
            outputCells(t0 + row, tilesH, tilesW, oh, ow, filters, out);
            kernels.winogradOutput(m, row, filters, 0, filters, b, relu, z, out);
        }
    }

    /**
     * The backward pass of a 3×3 stride-1 convolution by the transpose of the algorithm above. Y = Aᵀ[(G g Gᵀ) ⊙ V]A
     * is linear in g, so for a tile's output gradient E (4×4, zero past the output's edge)
     * <pre>
     *   ∂L/∂g = Σ_{i,j} d[i + u][j + v] · E[i][j] = Gᵀ [ V ⊙ E' ] G,      V = Bᵀ d B as in the forward pass, E' = A E Aᵀ
     * </pre>
     * and, summed over tiles, the element-wise products at each position ξ become one matrix product:
     * <pre>
     *   M_ξ (C, F) = Σ_tiles V_ξ (tiles, C)ᵀ · E'_ξ (tiles, F),      dW (3, 3, C, F) += Gᵀ M G
     * </pre>
     * 36·C·F multiply-adds per 4×4 block of outputs where im2col's colsᵀ · dZ takes 144·C·F, and no columns are
     * built. Y is linear in the input tile d too, so ∂L/∂d = B [U ⊙ E'] Bᵀ, U = G g Gᵀ, from the same E':
     * <pre>
     *   X_ξ (tiles, C) = E'_ξ (tiles, F) · U_ξᵀ (F, C),      ∂L/∂x += B X Bᵀ over each tile's 6×6 input cells
     * </pre>
     * (neighbouring tiles' cells overlap by two rows or columns, and their parts add): over the output's tiles, where
     * convolving ∂L/∂z with the turned kernel would take the input's, with its own input transform. Each core takes
     * whole images (so no two add into the same cells of ∂L/∂x) and sums its tiles into its own M, the cores' M then
     * added in order (the same result for the same number of cores).
     */
    static final class Backward {
        private float[][][] sums = new float[0][][]; // per part: M (36 × C·F)

        /**
         * dW (3, 3, C, F) += ∂L/∂W when dW is not null, and dx (N, H, W, C) = ∂L/∂x when dx is not null (with
         * {@code kernel} the layer's kernel, transformed), for input x (N, H, W, C), padded by padTop/padLeft as in
         * {@link #convolve}, and ∂L/∂z g (N, OH, OW, F). x, g and kernel not modified; dW and dx modified.
         */
        void run(float[] x, int n, int h, int w, int c, float[] g, int oh, int ow, int filters, int padTop, int padLeft,
                 float[] dW, TransformedKernel kernel, float[] dx) {
            ElementKernels kernels = ElementKernels.current();
            int tilesH = (oh + 3) / 4, tilesW = (ow + 3) / 4, perImage = tilesH * tilesW, tiles = n * perImage;
            int parts = 72L * tiles * c * filters >= Parallel.MIN_SHARED_WORK ? Math.min(Parallel.parts(), n) : 1;
            if (dW != null && (sums.length < parts || sums[0][0].length != c * filters)) sums = new float[parts][36][c * filters];
            float[][][] m = sums;
            if (dW != null) {
                for (int p = 0; p < parts; p++) {
                    for (float[] row : m[p]) Arrays.fill(row, 0f); // a part that does not run (nested in another) adds nothing
                }
            }
            float[][] uT = dx == null ? null : kernel.transposed();
            Parallel.forRange(n, parts, 1, (part, i0, i1) -> {
                float[][][] buffers = BUFFERS.get();
                int first = i0 * perImage, last = i1 * perImage;
                int blocks = (last - first + TILE_BLOCK - 1) / TILE_BLOCK, block = blocks == 0 ? 0 : (last - first + blocks - 1) / blocks;
                float[][] v = grown(buffers, 0, block * c), e = grown(buffers, 1, block * filters);
                float[][] xi = dx == null ? null : grown(buffers, 2, block * c);
                int[] cell = new int[36], out = new int[16];
                if (dx != null) Arrays.fill(dx, i0 * h * w * c, i1 * h * w * c, 0f);
                for (int t0 = first; t0 < last; t0 += block) {
                    gradientBlock(kernels, x, h, w, c, g, oh, ow, filters, padTop, padLeft, t0, Math.min(block, last - t0),
                            dW == null ? null : m[part], uT, dx, v, e, xi, cell, out);
                }
            });
            if (dW == null) return;
            for (int p = 1; p < parts; p++) {
                for (int k = 0; k < 36; k++) {
                    float[] to = m[0][k], from = m[p][k];
                    for (int o = 0; o < to.length; o++) to[o] += from[o];
                }
            }
            addKernelAdjoint(m[0], c * filters, dW);
        }

        /**
         * Tiles [t0, t0 + count) of {@link #run}: their E', then M (36 × C·F) += Vᵀ E' when m is not null and dx's
         * cells += B (E' Uᵀ) Bᵀ when dx is not null; v, e and xi hold each tile's V, E' and X. A method of its own
         * so that the JIT compiles it once, as it is called, rather than again at each loop of its caller.
         */
        private static void gradientBlock(ElementKernels kernels, float[] x, int h, int w, int c, float[] g, int oh, int ow,
                                          int filters, int padTop, int padLeft, int t0, int count, float[][] m, float[][] uT,
                                          float[] dx, float[][] v, float[][] e, float[][] xi, int[] cell, int[] out) {
            int tilesH = (oh + 3) / 4, tilesW = (ow + 3) / 4;
            for (int row = 0; row < count; row++) {
                outputCells(t0 + row, tilesH, tilesW, oh, ow, filters, out);
                kernels.winogradGradient(g, out, filters, 0, filters, e, row);
                if (m == null) continue;
                inputCells(t0 + row, tilesH, tilesW, h, w, c, padTop, padLeft, cell);
                kernels.winogradInput(x, cell, c, 0, c, v, row);
            }
            for (int k = 0; k < 36 && m != null; k++) Gemm.current().multiply(true, false, c, filters, count, v[k], e[k], m[k], true);
            if (dx == null) return;
            for (int k = 0; k < 36; k++) Gemm.current().multiply(false, false, count, c, filters, e[k], uT[k], xi[k], false);
            for (int row = 0; row < count; row++) {
                inputCells(t0 + row, tilesH, tilesW, h, w, c, padTop, padLeft, cell);
                kernels.winogradInputAdjoint(xi, row, c, 0, c, dx, cell);
            }
        }
    }

    /**
     * dW[(u·3 + v)·C·F + o] += (Gᵀ M G)[u][v] for every o in [0, C·F), M[a][b] = m[a·6 + b][o], with Gᵀ the transpose
     * of {@link ElementKernels#winogradKernel}'s G. Once per batch and layer, so it stays plain. m and dW modified.
     */
    private static void addKernelAdjoint(float[][] m, int plane, float[] dW) {
        float[] col = new float[6], t = new float[3];
        for (int o = 0; o < plane; o++) {
            for (int b = 0; b < 6; b++) { // column b of Gᵀ M, into M's rows 0..2
                for (int a = 0; a < 6; a++) col[a] = m[6 * a + b][o];
                kernelAdjointColumn(col, t);
                for (int u = 0; u < 3; u++) m[6 * u + b][o] = t[u];
            }
            for (int u = 0; u < 3; u++) { // row u of (Gᵀ M) G
                for (int b = 0; b < 6; b++) col[b] = m[6 * u + b][o];
                kernelAdjointColumn(col, t);
                for (int v = 0; v < 3; v++) dW[(u * 3 + v) * plane + o] += t[v];
            }
        }
    }

    /** t = Gᵀ · m. */
    private static void kernelAdjointColumn(float[] m, float[] t) {
        float sum12 = m[1] + m[2], dif12 = m[1] - m[2], sum34 = m[3] + m[4], dif34 = m[3] - m[4];
        t[0] = m[0] * ElementKernels.G_QUARTER - sum12 * ElementKernels.G_SIXTH + sum34 * ElementKernels.G_24TH;
        t[1] = -dif12 * ElementKernels.G_SIXTH + dif34 * ElementKernels.G_12TH;
        t[2] = -sum12 * ElementKernels.G_SIXTH + sum34 * ElementKernels.G_SIXTH + m[5];
    }

    /**
     * cell[a·6 + b] = where tile t's input cell (a, b) starts in x (N, H, W, C), or −1 outside it: tiles are numbered
     * image by image, row by row, tilesH × tilesW per image, tile (i, j) reading rows 4i − padTop … and columns
     * 4j − padLeft …. cell modified.
     */
    private static void inputCells(int t, int tilesH, int tilesW, int h, int w, int c, int padTop, int padLeft, int[] cell) {
        int image = t / (tilesH * tilesW), i = t / tilesW % tilesH, j = t % tilesW;
        for (int a = 0; a < 6; a++) {
            for (int bb = 0; bb < 6; bb++) {
                int r = 4 * i - padTop + a, q = 4 * j - padLeft + bb;
                cell[6 * a + bb] = r >= 0 && r < h && q >= 0 && q < w ? ((image * h + r) * w + q) * c : -1;
            }
        }
    }

    /** out[a·4 + b] = where tile t's output cell (a, b) starts in z (N, OH, OW, F), or −1 past its edge. out modified. */
    private static void outputCells(int t, int tilesH, int tilesW, int oh, int ow, int filters, int[] out) {
        int image = t / (tilesH * tilesW), i = t / tilesW % tilesH, j = t % tilesW;
        for (int a = 0; a < 4; a++) {
            for (int bb = 0; bb < 4; bb++) {
                int r = 4 * i + a, q = 4 * j + bb;
                out[4 * a + bb] = r < oh && q < ow ? ((image * oh + r) * ow + q) * filters : -1;
            }
        }
    }

    /** buffers[which], its 36 rows at least {@code size} long. */
    private static float[][] grown(float[][][] buffers, int which, int size) {
        if (buffers[which][0].length < size) buffers[which] = new float[36][size];
        return buffers[which];
    }

    /**
     * A layer's kernel transformed, U_ξ = G g Gᵀ (36 × (C, F)), made again only when the kernel's values have changed
     * since: comparing them costs a quarter of transforming them, which would dominate a one-image pass.
     */
    static final class TransformedKernel {
        private float[] source = new float[0]; // the kernel U was made from
        private float[][] u;
        private float[][] uT; // U_ξᵀ (F, C), for ∂L/∂x; made when first asked for after U, else null
        private int channels;

        /** U for W (3, 3, C, F), not modified. */
        TransformedKernel of(float[] kernel, int c, int filters) {
            if (!Arrays.equals(source, kernel)) {
                if (u == null || u[0].length != c * filters) u = new float[36][c * filters];
                ElementKernels.current().winogradKernel(kernel, c, filters, 0, filters, u);
                source = kernel.clone();
                channels = c;
                uT = null;
            }
            return this;
        }

        /** U_ξᵀ (36 × (F, C)): a matrix product reads it in place, where it would pack U_ξ transposed on every call. */
        private float[][] transposed() {
            if (uT == null) {
                int c = channels, filters = u[0].length / c;
                uT = new float[36][c * filters];
                for (int k = 0; k < 36; k++) {
                    for (int ch = 0; ch < c; ch++) {
                        for (int f = 0; f < filters; f++) uT[k][f * c + ch] = u[k][ch * filters + f];
                    }
                }
            }
            return uT;
        }
    }
}
