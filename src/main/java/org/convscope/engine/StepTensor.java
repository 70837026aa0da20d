package org.convscope.engine;

import java.util.Arrays;

/**
 * One output or gradient tensor that a layer reuses from pass to pass, so that {@link Model#trainStep}
 * and {@link Model#predict} allocate (and the JVM zeroes) none of the large per-pass tensors. Only those
 * passes reuse it: what they return goes to the next layer and is dropped when the pass ends,
 * whereas a public {@code forward}/{@code backward} returns a new tensor, which its caller may keep.
 */
final class StepTensor {
    private Tensor kept;

    /**
     * When {@code reuse}: the kept tensor if it has this shape, with whatever the last step left in it (the
     * caller overwrites every value), else a new one kept for the next step. Otherwise a new zero tensor,
     * never kept.
     */
    Tensor get(boolean reuse, int... shape) {
        if (!reuse) return Tensor.zeros(shape);
        if (kept == null || !Arrays.equals(kept.shape(), shape)) kept = Tensor.zeros(shape);
        return kept;
    }
}
