package org.convscope.engine;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/** {@link Gemm} on EJML's dense float kernels: the reference implementation. */
public final class EjmlGemm implements Gemm {

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k,
                         float[] a, float[] b, float[] c, boolean accumulate) {
        FMatrixRMaj ma = transA ? FMatrixRMaj.wrap(k, m, a) : FMatrixRMaj.wrap(m, k, a);
        FMatrixRMaj mb = transB ? FMatrixRMaj.wrap(n, k, b) : FMatrixRMaj.wrap(k, n, b);
        FMatrixRMaj mc = FMatrixRMaj.wrap(m, n, c);
        if (accumulate) {
            if (transA && transB) CommonOps_FDRM.multAddTransAB(ma, mb, mc);
            else if (transA) CommonOps_FDRM.multAddTransA(ma, mb, mc);
            else if (transB) CommonOps_FDRM.multAddTransB(ma, mb, mc);
            else CommonOps_FDRM.multAdd(ma, mb, mc);
        } else {
            if (transA && transB) CommonOps_FDRM.multTransAB(ma, mb, mc);
            else if (transA) CommonOps_FDRM.multTransA(ma, mb, mc);
            else if (transB) CommonOps_FDRM.multTransB(ma, mb, mc);
            else CommonOps_FDRM.mult(ma, mb, mc);
        }
    }

    @Override
    public String name() {
        return "EJML";
    }
}
