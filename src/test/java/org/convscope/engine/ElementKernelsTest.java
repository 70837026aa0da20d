package org.convscope.engine;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SIMD element-wise kernels give bit-identical results to the plain ones, NaN, −0, ties and tails included. */
class ElementKernelsTest {
    private final ElementKernels plain = new ElementKernels();
    private final ElementKernels simd = new VectorElementKernels();

    @Test
    void theSimdKernelsAreTheDefaultUnderTheVectorModule() {
        assertTrue(ElementKernels.current() instanceof VectorElementKernels);
    }

    /** Values with ties, zeros of both signs, NaN and infinities among ordinary ones. */
    private static float[] awkward(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] specials = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -1f};
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(4) == 0 ? specials[random.nextInt(specials.length)] : Math.round(random.nextDouble() * 6 - 3);
        }
        return v;
    }

    @Test
    void maxOfWindowMatchesForEveryChannelCountAndWindowShape() {
        for (int c = 1; c <= 40; c++) {
            for (int[] window : new int[][] {{1, 1}, {2, 2}, {1, 3}, {3, 2}}) {
                int rows = window[0], cols = window[1], rowStride = (cols + 1) * c;
                float[] x = awkward(c * 10L + rows * 3L + cols, 4 + rows * rowStride);
                float[] bestPlain = new float[c + 2], bestSimd = new float[c + 2];
                int[] atPlain = new int[c + 2], atSimd = new int[c + 2];
                plain.maxOfWindow(x, 4, rowStride, rows, cols, c, 0, bestPlain, atPlain, 1);
                simd.maxOfWindow(x, 4, rowStride, rows, cols, c, 0, bestSimd, atSimd, 1);
                assertArrayEquals(bestPlain, bestSimd, "c = " + c + ", window " + rows + "×" + cols);
                assertArrayEquals(atPlain, atSimd, "c = " + c + ", window " + rows + "×" + cols);
            }
        }
    }

    @Test
    void maxOfWindowKeepsTheFirstOfEqualValues() {
        // a 2×2 window of one channel, row stride 3: cells at 0, 1, 3, 4
        float[] x = {1, 5, 9, 5, 2};
        for (ElementKernels kernels : new ElementKernels[] {plain, simd}) {
            float[] best = new float[1];
            int[] at = new int[1];
            kernels.maxOfWindow(x, 0, 3, 2, 2, 1, 0, best, at, 0);
            assertArrayEquals(new float[] {5}, best);
            assertArrayEquals(new int[] {1}, at);
        }
    }

    @Test
    void addBiasRowMatchesWithAndWithoutBiasAndReLU() {
        for (int units = 1; units <= 40; units++) {
            float[] b = awkward(7 * units, units);
            for (float[] bias : new float[][] {b, null}) {
                for (boolean relu : new boolean[] {false, true}) {
                    float[] zPlain = awkward(units, units + 3), zSimd = zPlain.clone();
                    plain.addBiasRow(zPlain, 3, bias, 0, units, relu);
                    simd.addBiasRow(zSimd, 3, bias, 0, units, relu);
                    assertArrayEquals(zPlain, zSimd, "units " + units + ", relu " + relu);
                }
            }
        }
    }

    @Test
    void convolveRowMatchesForEveryFilterCountAndRowLengthAroundTheTiles() {
        SplittableRandom random = new SplittableRandom(5);
        int[][] kernels = {{3, 3}, {1, 1}, {2, 5}};
        for (int[] kernel : kernels) {
            int kh = kernel[0], kw = kernel[1];
            for (int filters = 1; filters <= 70; filters += random.nextInt(1, 6)) {
                for (int ow = 1; ow <= 9; ow++) {
                    int w = ow + kw - 1 + 2; // two more columns than the row needs
                    float[] x = new float[(kh + 1) * w + 3];
                    for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble(-1, 1);
                    float[] weights = new float[kh * kw * filters];
                    for (int i = 0; i < weights.length; i++) weights[i] = (float) random.nextDouble(-1, 1);
                    float[] b = awkward(filters * 7L + ow, filters);
                    for (float[] bias : new float[][] {b, null}) {
                        for (boolean relu : new boolean[] {false, true}) {
                            float[] zPlain = awkward(filters + ow, 2 + ow * filters), zSimd = zPlain.clone();
                            plain.convolveRow(x, 3, w, weights, kh, kw, filters, 0, filters, ow, bias, relu, zPlain, 2);
                            simd.convolveRow(x, 3, w, weights, kh, kw, filters, 0, filters, ow, bias, relu, zSimd, 2);
                            assertArrayEquals(zPlain, zSimd, kh + "×" + kw + ", filters " + filters + ", ow " + ow + ", relu " + relu);
                        }
                    }
                }
            }
        }
    }

    @Test
    void convolveRowIsTheWindowTimesTheKernel() {
        // 2×2 kernel, 2 filters, over the 2×3 image [[1, 2, 3], [4, 5, 6]]: one output row of width 2
        float[] x = {1, 2, 3, 4, 5, 6};
        float[] weights = {1, 0, 0, 1, 0, 0, 0, -1}; // (u, v, f): filter 0 picks x[0, 0], filter 1 is x[0, 1] − x[1, 1]
        for (ElementKernels kernels : new ElementKernels[] {plain, simd}) {
            float[] z = new float[4];
            kernels.convolveRow(x, 0, 3, weights, 2, 2, 2, 0, 2, 2, null, false, z, 0);
            assertArrayEquals(new float[] {1, 2 - 5, 2, 3 - 6}, z);
            kernels.convolveRow(x, 0, 3, weights, 2, 2, 2, 0, 2, 2, new float[] {0.5f, 1f}, true, z, 0);
            assertArrayEquals(new float[] {1.5f, 0, 2.5f, 0}, z); // −3 + 1 and −3 + 1 cut to 0 by ReLU
        }
    }

    @Test
    void kernelGradientOfImageMatchesForEveryFilterCountAndNumberOfPositions() {
        SplittableRandom random = new SplittableRandom(9);
        for (int[] kernel : new int[][] {{3, 3}, {1, 1}, {2, 5}, {5, 5}}) { // 9, 1, 10 and 25 taps
            int kh = kernel[0], kw = kernel[1];
            for (int filters = 1; filters <= 70; filters += random.nextInt(1, 6)) {
                for (int ow = 1; ow <= 6; ow++) {
                    int oh = 1 + (ow + filters) % 3, w = ow + kw - 1, positions = oh * ow;
                    int[] offsets = new int[positions];
                    for (int p = 0; p < positions; p++) offsets[p] = p / ow * w + p % ow;
                    float[] x = new float[2 + (oh + kh - 1) * w];
                    for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble(-1, 1);
                    float[] g = new float[1 + positions * filters];
                    for (int i = 0; i < g.length; i++) g[i] = (float) random.nextDouble(-1, 1);
                    float[] dWPlain = awkward(filters + ow, kh * kw * filters), dWSimd = dWPlain.clone();
                    float[] dBPlain = awkward(filters, filters), dBSimd = dBPlain.clone();
                    plain.kernelGradientOfImage(x, 2, offsets, positions, w, g, 1, kh, kw, filters, 0, filters, dWPlain, dBPlain);
                    simd.kernelGradientOfImage(x, 2, offsets, positions, w, g, 1, kh, kw, filters, 0, filters, dWSimd, dBSimd);
                    assertArrayEquals(dWPlain, dWSimd, kh + "×" + kw + ", filters " + filters + ", " + oh + "×" + ow);
                    assertArrayEquals(dBPlain, dBSimd, "bias, " + kh + "×" + kw + ", filters " + filters + ", " + oh + "×" + ow);
                    float[] withoutBias = dWPlain.clone();
                    simd.kernelGradientOfImage(x, 2, offsets, positions, w, g, 1, kh, kw, filters, 0, filters, withoutBias, null);
                    plain.kernelGradientOfImage(x, 2, offsets, positions, w, g, 1, kh, kw, filters, 0, filters, dWPlain, null);
                    assertArrayEquals(dWPlain, withoutBias, "no bias, " + kh + "×" + kw + ", filters " + filters);
                }
            }
        }
    }

    @Test
    void kernelGradientOfPooledImageIsThatOfTheGradientThePoolingWouldScatter() {
        SplittableRandom random = new SplittableRandom(10);
        for (int filters : new int[] {1, 5, 16, 19, 32, 40}) {
            for (int size : new int[] {4, 5, 7}) { // odd sizes leave the last row and column in no window
                int oh = size, ow = size + 1, w = ow + 2, positions = oh * ow, cells = (oh / 2) * (ow / 2);
                int image = 3, won = image * positions * filters, cellBase = image * cells * filters;
                int[] offsets = new int[positions], cell = new int[positions];
                for (int p = 0; p < positions; p++) {
                    offsets[p] = p / ow * w + p % ow;
                    int i = p / ow / 2, j = p % ow / 2;
                    cell[p] = i < oh / 2 && j < ow / 2 ? (i * (ow / 2) + j) * filters : -1;
                }
                float[] x = new float[(oh + 3) * w]; // the image starts at row 1
                for (int k = 0; k < x.length; k++) x[k] = (float) random.nextDouble(-1, 1);
                // each window's winner per filter, its value (some 0 or −0: no gradient through ReLU) and its gradient
                int[] winners = new int[cellBase + cells * filters];
                float[] best = new float[winners.length], dOut = new float[winners.length];
                float[] dense = new float[positions * filters]; // what MaxPooling2D.backwardThroughRelu would write
                for (int c = 0; c < cells; c++) {
                    int i = c / (ow / 2), j = c % (ow / 2);
                    for (int f = 0; f < filters; f++) {
                        int p = (2 * i + random.nextInt(2)) * ow + 2 * j + random.nextInt(2), at = cellBase + c * filters + f;
                        winners[at] = won + p * filters + f;
                        int kind = random.nextInt(4);
                        best[at] = kind == 0 ? 0f : kind == 1 ? -0f : (float) random.nextDouble(0.01, 2);
                        dOut[at] = (float) random.nextDouble(-1, 1);
                        dense[p * filters + f] = best[at] > 0 ? dOut[at] : 0f;
                    }
                }
                float[] expectedW = awkward(filters, 9 * filters), expectedB = awkward(filters + 1, filters);
                plain.kernelGradientOfImage(x, w, offsets, positions, w, dense, 0, 3, 3, filters, 0, filters, expectedW, expectedB);
                for (ElementKernels kernels : new ElementKernels[] {plain, simd}) {
                    float[] dW = awkward(filters, 9 * filters), dB = awkward(filters + 1, filters);
                    kernels.kernelGradientOfPooledImage(x, w, offsets, positions, w, dOut, best, winners, cell, cellBase, won,
                            3, 3, filters, 0, filters, dW, dB);
                    String what = kernels.getClass().getSimpleName() + ", filters " + filters + ", " + oh + "×" + ow;
                    assertArrayEquals(expectedW, dW, what);
                    assertArrayEquals(expectedB, dB, "bias, " + what);
                }
            }
        }
    }

    @Test
    void kernelGradientOfImageIsTheWindowsTimesTheOutputGradient() {
        // 2×2 kernel, 1 filter, over the 2×3 image [[1, 2, 3], [4, 5, 6]]: two positions with ∂L/∂z = 1 and 10
        float[] x = {1, 2, 3, 4, 5, 6}, g = {1, 10};
        for (ElementKernels kernels : new ElementKernels[] {plain, simd}) {
            float[] dW = {100, 0, 0, 0}, dB = {0.5f};
            kernels.kernelGradientOfImage(x, 0, new int[] {0, 1}, 2, 3, g, 0, 2, 2, 1, 0, 1, dW, dB);
            assertArrayEquals(new float[] {100 + 1 + 20, 2 + 30, 4 + 50, 5 + 60}, dW);
            assertArrayEquals(new float[] {0.5f + 1 + 10}, dB);
        }
    }

    @Test
    void addColumnSumsMatchesForEveryColumnCount() {
        for (int units = 1; units <= 40; units++) {
            float[] g = awkward(units * 3L, 7 * units);
            float[] sPlain = awkward(units, units), sSimd = sPlain.clone();
            plain.addColumnSums(g, 1, 7, units, sPlain);
            simd.addColumnSums(g, 1, 7, units, sSimd);
            assertArrayEquals(sPlain, sSimd, "units " + units);
        }
    }

    @Test
    void reluBackwardMatches() {
        for (int n = 1; n <= 40; n++) {
            float[] y = awkward(n, n + 2), g = awkward(50 + n, n + 2);
            float[] dPlain = new float[n + 2], dSimd = new float[n + 2];
            plain.reluBackward(y, g, dPlain, 2, n + 2);
            simd.reluBackward(y, g, dSimd, 2, n + 2);
            assertArrayEquals(dPlain, dSimd, "n = " + n);
        }
    }

    @Test
    void winogradTransformsMatchForEveryChannelAndFilterCountAroundTheVectorWidth() {
        SplittableRandom random = new SplittableRandom(11);
        for (int c : new int[] {1, 8, 15, 16, 17, 33}) {
            for (int f : new int[] {1, 7, 16, 31, 64}) {
                float[] w = new float[9 * c * f];
                for (int i = 0; i < w.length; i++) w[i] = (float) random.nextDouble(-1, 1);
                float[][] uPlain = new float[36][c * f], uSimd = new float[36][c * f];
                plain.winogradKernel(w, c, f, 0, f, uPlain);
                simd.winogradKernel(w, c, f, 0, f, uSimd);
                for (int xi = 0; xi < 36; xi++) assertArrayEquals(uPlain[xi], uSimd[xi], "U, c " + c + ", f " + f);

                // a 5×5 input, so a tile hangs over its bottom and right edge (cells −1 read as 0)
                float[] x = awkward(c * 31L + f, 25 * c);
                int[] cell = new int[36];
                for (int i = 0; i < 36; i++) cell[i] = i / 6 < 5 && i % 6 < 5 ? (i / 6 * 5 + i % 6) * c : -1;
                float[][] vPlain = new float[36][2 * c], vSimd = new float[36][2 * c];
                plain.winogradInput(x, cell, c, 0, c, vPlain, 1);
                simd.winogradInput(x, cell, c, 0, c, vSimd, 1);
                for (int xi = 0; xi < 36; xi++) assertArrayEquals(vPlain[xi], vSimd[xi], "V, c " + c);
                float[] dxPlain = awkward(c * 7L, 25 * c), dxSimd = dxPlain.clone(); // added to
                plain.winogradInputAdjoint(copy(vPlain), 1, c, 0, c, dxPlain, cell);
                simd.winogradInputAdjoint(copy(vPlain), 1, c, 0, c, dxSimd, cell);
                assertArrayEquals(dxPlain, dxSimd, "B X Bᵀ, c " + c);

                float[][] m = new float[36][];
                for (int xi = 0; xi < 36; xi++) m[xi] = awkward(xi * 17L + f, 2 * f);
                int[] out = new int[16];
                for (int i = 0; i < 16; i++) out[i] = i % 4 == 3 ? -1 : i * f; // a column past the output's edge
                float[] b = awkward(f, f);
                for (float[] bias : new float[][] {b, null}) {
                    for (boolean relu : new boolean[] {false, true}) {
                        float[] zPlain = awkward(f + 3L, 16 * f), zSimd = zPlain.clone();
                        plain.winogradOutput(copy(m), 1, f, 0, f, bias, relu, zPlain, out); // the transform works in m
                        simd.winogradOutput(copy(m), 1, f, 0, f, bias, relu, zSimd, out);
                        assertArrayEquals(zPlain, zSimd, "Y, f " + f + ", relu " + relu);
                    }
                }

                float[] g = awkward(f * 7L, 16 * f); // the output gradient of a tile, its last column past the edge
                float[][] ePlain = new float[36][2 * f], eSimd = new float[36][2 * f];
                plain.winogradGradient(g, out, f, 0, f, ePlain, 1);
                simd.winogradGradient(g, out, f, 0, f, eSimd, 1);
                for (int xi = 0; xi < 36; xi++) assertArrayEquals(ePlain[xi], eSimd[xi], "E', f " + f);
            }
        }
    }

    private static float[][] copy(float[][] rows) {
        float[][] c = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) c[i] = rows[i].clone();
        return c;
    }
}
