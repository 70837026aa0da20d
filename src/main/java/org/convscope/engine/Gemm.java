package org.convscope.engine;

/**
 * General matrix multiply on row-major float arrays, the engine's one hot loop:
 * {@code C = op(A)·op(B)}, or {@code C += op(A)·op(B)} when {@code accumulate}, where
 * op(A) is m×k (A stored k×m when {@code transA}) and op(B) is k×n (B stored n×k when
 * {@code transB}). Convolution (via im2col) and dense layers call only this.
 */
public interface Gemm {

    /** A and B not modified; C modified. */
    void multiply(boolean transA, boolean transB, int m, int n, int k,
                  float[] a, float[] b, float[] c, boolean accumulate);

    /** A short name for benchmarks and logs. */
    String name();

    /** The implementation the layers use. */
    static Gemm current() {
        return Holder.current;
    }

    /** Replaces the implementation the layers use (benchmarks, tests). */
    static void use(Gemm gemm) {
        Holder.current = gemm;
    }

    final class Holder {
        static volatile Gemm current = new EjmlGemm();

        private Holder() {
        }
    }
}
