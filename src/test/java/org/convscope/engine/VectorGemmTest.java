package org.convscope.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Vector API GEMM against EJML, the reference: every transpose, edge tiles, both cores, accumulation. */
class VectorGemmTest {
    private final Gemm fast = new VectorGemm();
    private final Gemm reference = new EjmlGemm();

    @Test
    void surefireRunsWithTheVectorModuleSoTheFastPathIsTheDefault() {
        assertTrue(Gemm.fastest() instanceof VectorGemm, "tests must run with --add-modules jdk.incubator.vector");
    }

    @ParameterizedTest(name = "{0}×{1}×{2}")
    @CsvSource({
            "1, 1, 1", "3, 5, 7", "8, 32, 16", "9, 33, 17", "17, 31, 300",
            "121, 64, 288",      // seed-001's second convolution for one image
            "1, 64, 2304", "1, 70, 400", // one image's dense layer: a single row of A
            "700, 64, 288",      // large enough to be split between cores along m
            "64, 1400, 60",      // ... along n
            "9, 32, 10000",      // ... along k (a first layer's kernel gradient)
            "2, 10, 64"})        // a last dense layer, narrower than one vector
    void agreesWithEjmlForEveryTransposeWithAndWithoutAccumulation(int m, int n, int k) {
        SplittableRandom random = new SplittableRandom(m * 1_000_003L + n * 1009L + k);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    float[] a = random(random, m * k), b = random(random, k * n);
                    float[] c0 = random(random, m * n);
                    float[] expected = c0.clone(), actual = c0.clone();
                    reference.multiply(transA, transB, m, n, k, a, b, expected, accumulate);
                    fast.multiply(transA, transB, m, n, k, a, b, actual, accumulate);
                    // products of values in [-1, 1] summed k times: float rounding grows like √k
                    double tolerance = 1e-5 * Math.sqrt(k) * 4;
                    for (int i = 0; i < m * n; i++) {
                        assertEquals(expected[i], actual[i], tolerance,
                                "transA " + transA + ", transB " + transB + ", accumulate " + accumulate + ", at " + i);
                    }
                }
            }
        }
    }

    @Test
    void writesOnlyTheProductAndLeavesLongerArraysBeyondItAlone() {
        // layers pass reused buffers that may be longer than the product
        float[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8};
        float[] c = {9, 9, 9, 9, -1, -1};
        fast.multiply(false, false, 2, 2, 2, a, b, c, false);
        assertEquals(java.util.List.of(19f, 22f, 43f, 50f, -1f, -1f),
                java.util.List.of(c[0], c[1], c[2], c[3], c[4], c[5]));
    }

    @Test
    void callersOnSeveralThreadsAtOnceEachGetTheirOwnProduct() throws Exception {
        // a training thread and an inference thread share the pool; a k-split keeps its partial sums per caller
        int m = 9, n = 32, k = 10000;
        SplittableRandom random = new SplittableRandom(11);
        float[][] as = new float[4][], expected = new float[4][];
        float[] b = random(random, k * n);
        for (int t = 0; t < 4; t++) {
            as[t] = random(random, k * m);
            expected[t] = new float[m * n];
            reference.multiply(true, false, m, n, k, as[t], b, expected[t], false);
        }
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<float[]>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                float[] a = as[t];
                results.add(callers.submit(() -> {
                    float[] c = new float[m * n];
                    for (int rep = 0; rep < 50; rep++) fast.multiply(true, false, m, n, k, a, b, c, false);
                    return c;
                }));
            }
            for (int t = 0; t < 4; t++) assertArrayEquals(expected[t], results.get(t).get(), 2e-3f, "caller " + t);
        } finally {
            callers.shutdown();
        }
    }

    private static float[] random(SplittableRandom random, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) (random.nextDouble() * 2 - 1);
        return v;
    }
}
