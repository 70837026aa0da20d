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

    /**
     * The implementation the layers use: the Vector API kernel when the JVM was started with
     * {@code --add-modules jdk.incubator.vector}, else EJML (with one line on stderr saying so).
     */
    static Gemm current() {
        return Holder.current;
    }

    /** Replaces the implementation the layers use (benchmarks, tests). */
    static void use(Gemm gemm) {
        Holder.current = gemm;
    }

    /** The fastest implementation this JVM can run. */
    static Gemm fastest() {
        return Holder.FASTEST;
    }

    final class Holder {
        static final Gemm FASTEST = detect();
        static volatile Gemm current = FASTEST;

        private Holder() {
        }

        /** Loads the Vector API kernel by name, so this class never links against the incubator module. */
        private static Gemm detect() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                System.err.println("ConvScope: the Vector API is not enabled, so matrix products use EJML (several times slower);"
                        + " start Java with --add-modules jdk.incubator.vector for the fast path.");
                return new EjmlGemm();
            }
            try {
                return (Gemm) Class.forName("org.convscope.engine.VectorGemm").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                System.err.println("ConvScope: the Vector API kernel could not start (" + e + "); matrix products use EJML.");
                return new EjmlGemm();
            }
        }
    }
}
