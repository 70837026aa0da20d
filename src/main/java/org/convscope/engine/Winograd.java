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
 * with the kernel turned by 180°).
 */
final class Winograd {
    /** Tiles at most transformed and multiplied at a time: their V and M (≈ 500 KB for C = 32, F = 64) stay in the core's cache. */
    private static final int TILE_BLOCK = 48;

    /** Per thread: V (36 × TILE_BLOCK·C) and M (36 × TILE_BLOCK·F), grown as needed. */
    private static final ThreadLocal<float[][][]> BUFFERS = ThreadLocal.withInitial(() -> new float[][][] {new float[36][0], new float[36][0]});

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
                int t0 = index * block, count = Math.min(block, tiles - t0);
                for (int row = 0; row < count; row++) {
                    int t = t0 + row, image = t / (tilesH * tilesW), i = t / tilesW % tilesH, j = t % tilesW;
                    for (int a = 0; a < 6; a++) {
                        for (int bb = 0; bb < 6; bb++) {
                            int r = 4 * i - padTop + a, q = 4 * j - padLeft + bb;
                            cell[6 * a + bb] = r >= 0 && r < h && q >= 0 && q < w ? ((image * h + r) * w + q) * c : -1;
                        }
                    }
                    kernels.winogradInput(x, cell, c, 0, c, v, row);
                }
                for (int xi = 0; xi < 36; xi++) Gemm.current().multiply(false, false, count, filters, c, v[xi], u[xi], m[xi], false);
                for (int row = 0; row < count; row++) {
                    int t = t0 + row, image = t / (tilesH * tilesW), i = t / tilesW % tilesH, j = t % tilesW;
                    for (int a = 0; a < 4; a++) {
                        for (int bb = 0; bb < 4; bb++) {
                            int r = 4 * i + a, q = 4 * j + bb;
                            out[4 * a + bb] = r < oh && q < ow ? ((image * oh + r) * ow + q) * filters : -1;
                        }
                    }
                    kernels.winogradOutput(m, row, filters, 0, filters, b, relu, z, out);
                }
            }
        });
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

        /** U for W (3, 3, C, F), not modified. */
        TransformedKernel of(float[] kernel, int c, int filters) {
            if (!Arrays.equals(source, kernel)) {
                if (u == null || u[0].length != c * filters) u = new float[36][c * filters];
                ElementKernels.current().winogradKernel(kernel, c, filters, 0, filters, u);
                source = kernel.clone();
            }
            return this;
        }
    }
}
