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
    void maxIntoMatchesForEveryLengthAroundTheVectorWidth() {
        for (int c = 1; c <= 40; c++) {
            float[] x = awkward(c, 3 * c + 5);
            float[] bestPlain = awkward(100 + c, c + 2), bestSimd = bestPlain.clone();
            int[] atPlain = new int[c + 2], atSimd = new int[c + 2];
            plain.maxInto(x, 4, bestPlain, atPlain, 1, c);
            simd.maxInto(x, 4, bestSimd, atSimd, 1, c);
            assertArrayEquals(bestPlain, bestSimd, "c = " + c);
            assertArrayEquals(atPlain, atSimd, "c = " + c);
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
    void reluBackwardMatches() {
        for (int n = 1; n <= 40; n++) {
            float[] y = awkward(n, n + 2), g = awkward(50 + n, n + 2);
            float[] dPlain = new float[n + 2], dSimd = new float[n + 2];
            plain.reluBackward(y, g, dPlain, 2, n + 2);
            simd.reluBackward(y, g, dSimd, 2, n + 2);
            assertArrayEquals(dPlain, dSimd, "n = " + n);
        }
    }
}
