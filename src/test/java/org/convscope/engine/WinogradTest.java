package org.convscope.engine;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Winograd's F(4×4, 3×3) gives the convolution of its definition, up to float rounding, for every geometry it takes. */
class WinogradTest {
    /** F(4×4, 3×3) scales by up to 8 and 1/24 on the way, so it rounds several times more than a plain sum. */
    private static final double TOLERANCE = 1e-4;

    /** The definition in double: z[n, i, j, f] = b[f] + Σ x[n, i − top + u, j − left + v, c] · W[u, v, c, f], then ReLU. */
    private static double[] definition(float[] x, int n, int h, int w, int c, float[] kernel, int filters, int top, int left,
                                       int oh, int ow, float[] b, boolean relu) {
        double[] z = new double[n * oh * ow * filters];
        for (int img = 0; img < n; img++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int f = 0; f < filters; f++) {
                        double s = b == null ? 0 : b[f];
                        for (int u = 0; u < 3; u++) {
                            for (int v = 0; v < 3; v++) {
                                int r = i - top + u, q = j - left + v;
                                if (r < 0 || r >= h || q < 0 || q >= w) continue;
                                for (int ch = 0; ch < c; ch++) {
                                    s += (double) x[((img * h + r) * w + q) * c + ch] * kernel[((u * 3 + v) * c + ch) * filters + f];
                                }
                            }
                        }
                        z[((img * oh + i) * ow + j) * filters + f] = relu ? Math.max(0, s) : s;
                    }
                }
            }
        }
        return z;
    }

    @Test
    void equalsTheDefinitionForOddAndEvenSizesBothPaddingsAndChannelCountsAroundTheVectorWidth() {
        SplittableRandom random = new SplittableRandom(3);
        int cases = 0;
        for (int size : new int[] {3, 4, 5, 8, 13}) {
            for (Padding padding : Padding.values()) {
                for (int c : new int[] {8, 19, 32}) {
                    int filters = new int[] {1, 16, 21, 64}[random.nextInt(4)];
                    int n = 1 + random.nextInt(3), h = size, w = size + random.nextInt(2);
                    int[] padH = padding.amounts(h, 3, 1, 1), padW = padding.amounts(w, 3, 1, 1);
                    int oh = Padding.outputSize(h, 3, 1, 1, padH[0], padH[1]), ow = Padding.outputSize(w, 3, 1, 1, padW[0], padW[1]);
                    float[] x = new float[n * h * w * c], kernel = new float[9 * c * filters], b = new float[filters];
                    for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble(0, 1);
                    for (int i = 0; i < kernel.length; i++) kernel[i] = (float) random.nextDouble(-0.5, 0.5);
                    for (int i = 0; i < b.length; i++) b[i] = (float) random.nextDouble(-0.5, 0.5);
                    boolean relu = random.nextBoolean(), withBias = random.nextBoolean();
                    float[] z = new float[n * oh * ow * filters];
                    Winograd.convolve(x, n, h, w, c, new Winograd.TransformedKernel().of(kernel, c, filters), filters, padH[0], padW[0], oh, ow, withBias ? b : null, relu, z);
                    double[] expected = definition(x, n, h, w, c, kernel, filters, padH[0], padW[0], oh, ow, withBias ? b : null, relu);
                    String what = n + "×" + h + "×" + w + "×" + c + " → " + filters + ", " + padding + ", relu " + relu;
                    for (int i = 0; i < z.length; i++) assertEquals(expected[i], z[i], TOLERANCE * Math.max(1, Math.abs(expected[i])), what + " at " + i);
                    cases++;
                }
            }
        }
        assertEquals(30, cases);
    }

    /**
     * The backward pass' definitions in double, {dW, dx}: for every output cell (n, i, j), tap (u, v) inside the input
     * at (r, q) = (i − top + u, j − left + v), channel c and filter f,
     * dW[u, v, c, f] += x[n, r, q, c] · g[n, i, j, f] and dx[n, r, q, c] += g[n, i, j, f] · W[u, v, c, f].
     */
    private static double[][] backwardDefinition(float[] x, float[] kernel, int n, int h, int w, int c, float[] g, int oh, int ow,
                                                 int filters, int top, int left) {
        double[] dW = new double[9 * c * filters], dx = new double[n * h * w * c];
        for (int img = 0; img < n; img++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int u = 0; u < 3; u++) {
                        for (int v = 0; v < 3; v++) {
                            int r = i - top + u, q = j - left + v;
                            if (r < 0 || r >= h || q < 0 || q >= w) continue;
                            for (int ch = 0; ch < c; ch++) {
                                for (int f = 0; f < filters; f++) {
                                    int at = ((img * h + r) * w + q) * c + ch, tap = ((u * 3 + v) * c + ch) * filters + f;
                                    double gij = g[((img * oh + i) * ow + j) * filters + f];
                                    dW[tap] += (double) x[at] * gij;
                                    dx[at] += gij * kernel[tap];
                                }
                            }
                        }
                    }
                }
            }
        }
        return new double[][] {dW, dx};
    }

    @Test
    void backwardEqualsTheDefinitionsForOddAndEvenSizesBothPaddingsAndManyTiles() {
        SplittableRandom random = new SplittableRandom(5);
        Winograd.Backward backward = new Winograd.Backward(); // reused, as a layer does, across shapes
        int cases = 0;
        for (int size : new int[] {3, 4, 5, 8, 13}) {
            for (Padding padding : Padding.values()) {
                for (int c : new int[] {8, 19}) {
                    int filters = new int[] {1, 16, 21}[random.nextInt(3)];
                    int n = size == 13 ? 9 : 1 + random.nextInt(3), h = size, w = size + random.nextInt(2); // 9 × 13×13: blocks on both cores
                    int[] padH = padding.amounts(h, 3, 1, 1), padW = padding.amounts(w, 3, 1, 1);
                    int oh = Padding.outputSize(h, 3, 1, 1, padH[0], padH[1]), ow = Padding.outputSize(w, 3, 1, 1, padW[0], padW[1]);
                    float[] x = new float[n * h * w * c], g = new float[n * oh * ow * filters], kernel = new float[9 * c * filters];
                    for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble(0, 1);
                    for (int i = 0; i < g.length; i++) g[i] = (float) random.nextDouble(-0.1, 0.1);
                    for (int i = 0; i < kernel.length; i++) kernel[i] = (float) random.nextDouble(-0.5, 0.5);
                    float[] dW = new float[9 * c * filters], dx = new float[x.length];
                    java.util.Arrays.fill(dW, 0.5f); // added to, not overwritten
                    java.util.Arrays.fill(dx, 7f);   // overwritten
                    Winograd.TransformedKernel u = new Winograd.TransformedKernel().of(kernel, c, filters);
                    // each alone, then both in one pass
                    float[] dWAlone = dW.clone(), dxAlone = dx.clone();
                    backward.run(x, n, h, w, c, g, oh, ow, filters, padH[0], padW[0], dWAlone, u, null);
                    backward.run(x, n, h, w, c, g, oh, ow, filters, padH[0], padW[0], null, u, dxAlone);
                    backward.run(x, n, h, w, c, g, oh, ow, filters, padH[0], padW[0], dW, u, dx);
                    double[][] expected = backwardDefinition(x, kernel, n, h, w, c, g, oh, ow, filters, padH[0], padW[0]);
                    double[] expectedW = expected[0], expectedX = expected[1];
                    String what = n + "×" + h + "×" + w + "×" + c + " → " + filters + ", " + padding;
                    for (int i = 0; i < dW.length; i++) {
                        assertEquals(0.5 + expectedW[i], dW[i], TOLERANCE * Math.max(1, Math.abs(expectedW[i])), what + ", dW at " + i);
                        assertEquals(dW[i], dWAlone[i], what + ", dW alone at " + i);
                    }
                    for (int i = 0; i < dx.length; i++) {
                        assertEquals(expectedX[i], dx[i], TOLERANCE * Math.max(1, Math.abs(expectedX[i])), what + ", dx at " + i);
                        assertEquals(dx[i], dxAlone[i], what + ", dx alone at " + i);
                    }
                    cases++;
                }
            }
        }
        assertEquals(20, cases);
    }

    @Test
    void manyTilesSpreadOverBlocksAndCoresEqualTheDefinition() {
        int n = 9, h = 13, w = 13, c = 32, filters = 64; // 81 tiles: two blocks, one per core
        SplittableRandom random = new SplittableRandom(8);
        float[] x = new float[n * h * w * c], kernel = new float[9 * c * filters], b = new float[filters];
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble(0, 1);
        for (int i = 0; i < kernel.length; i++) kernel[i] = (float) random.nextDouble(-0.5, 0.5);
        float[] z = new float[n * 11 * 11 * filters];
        Winograd.convolve(x, n, h, w, c, new Winograd.TransformedKernel().of(kernel, c, filters), filters, 0, 0, 11, 11, b, true, z);
        double[] expected = definition(x, n, h, w, c, kernel, filters, 0, 0, 11, 11, b, true);
        for (int i = 0; i < z.length; i++) assertEquals(expected[i], z[i], TOLERANCE * Math.max(1, Math.abs(expected[i])), "at " + i);
    }

    @Test
    void takesOnlyThreeByThreeStrideOneUndilatedKernelsOverEightOrMoreChannels() {
        assertTrue(Winograd.applies(3, 3, 1, 1, 1, 1, 32));
        assertFalse(Winograd.applies(3, 3, 1, 1, 1, 1, 3));
        assertFalse(Winograd.applies(5, 5, 1, 1, 1, 1, 32));
        assertFalse(Winograd.applies(3, 3, 2, 2, 1, 1, 32));
        assertFalse(Winograd.applies(3, 3, 1, 1, 2, 2, 32));
        Gemm.use(new EjmlGemm());
        try {
            assertFalse(Winograd.applies(3, 3, 1, 1, 1, 1, 32), "the reference path stays im2col + GEMM");
        } finally {
            Gemm.use(Gemm.fastest());
        }
    }

    @Test
    void theTransformedKernelFollowsAKernelChangedInPlace() {
        int c = 8, filters = 16;
        float[] kernel = new float[9 * c * filters];
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < kernel.length; i++) kernel[i] = (float) random.nextDouble(-0.5, 0.5);
        Winograd.TransformedKernel cached = new Winograd.TransformedKernel();
        float[] x = new float[5 * 5 * c];
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble(0, 1);
        float[] before = new float[3 * 3 * filters], after = new float[3 * 3 * filters];
        Winograd.convolve(x, 1, 5, 5, c, cached.of(kernel, c, filters), filters, 0, 0, 3, 3, null, false, before);
        kernel[17] += 1f; // as an optimizer step does
        Winograd.convolve(x, 1, 5, 5, c, cached.of(kernel, c, filters), filters, 0, 0, 3, 3, null, false, after);
        double[] expected = definition(x, 1, 5, 5, c, kernel, filters, 0, 0, 3, 3, null, false);
        for (int i = 0; i < after.length; i++) assertEquals(expected[i], after[i], TOLERANCE * Math.max(1, Math.abs(expected[i])), "at " + i);
        assertFalse(java.util.Arrays.equals(before, after));
    }
}
