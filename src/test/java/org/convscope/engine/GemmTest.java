package org.convscope.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GemmTest {

    /** The implementations under test: EJML, and whatever the layers use now if that is another one. */
    static Stream<Arguments> cases() {
        List<Gemm> gemms = new ArrayList<>(List.of(new EjmlGemm()));
        if (!(Gemm.current() instanceof EjmlGemm)) gemms.add(Gemm.current());
        int[][] sizes = {{1, 1, 1}, {3, 5, 7}, {17, 13, 9}, {33, 65, 31}, {67, 129, 301}};
        List<Arguments> out = new ArrayList<>();
        for (Gemm g : gemms) {
            for (int[] s : sizes) {
                for (int t = 0; t < 4; t++) {
                    for (boolean acc : new boolean[] {false, true}) {
                        out.add(Arguments.of(g, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], acc));
                    }
                }
            }
        }
        return out.stream();
    }

    /** C[i][j] (+)= Σ_p op(A)[i][p]·op(B)[p][j], in double, by the definition. */
    private static double[] reference(boolean transA, boolean transB, int m, int n, int k, float[] a, float[] b, float[] c, boolean acc) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = acc ? c[i * n + j] : 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[p * m + i] : a[i * k + p];
                    float bv = transB ? b[j * k + p] : b[p * n + j];
                    s += (double) av * bv;
                }
                out[i * n + j] = s;
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2} {3}×{4}×{5} accumulate={6}")
    @MethodSource("cases")
    void matchesTheTripleLoopDefinition(Gemm gemm, boolean transA, boolean transB, int m, int n, int k, boolean accumulate) {
        float[] a = GradientCheck.uniform(1, -1, 1, m * k).data;
        float[] b = GradientCheck.uniform(2, -1, 1, k * n).data;
        float[] c = GradientCheck.uniform(3, -1, 1, m * n).data; // garbage to overwrite, or to add to
        double[] expected = reference(transA, transB, m, n, k, a, b, c, accumulate);
        float[] aBefore = a.clone(), bBefore = b.clone();
        gemm.multiply(transA, transB, m, n, k, a, b, c, accumulate);
        double tolerance = 1e-6 * Math.sqrt(k) * 4;
        for (int i = 0; i < m * n; i++) {
            assertEquals(expected[i], c[i], tolerance * Math.max(1, Math.abs(expected[i])), "C[" + i / n + "][" + i % n + "]");
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(aBefore, a, "A not modified");
        org.junit.jupiter.api.Assertions.assertArrayEquals(bBefore, b, "B not modified");
    }
}
