package org.convscope.engine;

/**
 * Keras' {@code L1L2} kernel regularizer: adds {@code l1·Σ|w| + l2·Σw²} to the loss, so its
 * gradient adds {@code l1·sign(w) + 2·l2·w} to each weight's gradient.
 */
public record Regularizer(float l1, float l2) {

    public Regularizer {
        if (l1 < 0 || l2 < 0 || !Float.isFinite(l1) || !Float.isFinite(l2)) {
            throw new IllegalArgumentException("regularization factors must be finite and ≥ 0, got l1=" + l1 + " l2=" + l2);
        }
    }

    /** The penalty for {@code w}. Not modified. */
    public double penalty(Tensor w) {
        double s1 = 0, s2 = 0;
        for (float v : w.data) {
            s1 += Math.abs(v);
            s2 += (double) v * v;
        }
        return l1 * s1 + l2 * s2;
    }

    /** Adds ∂penalty/∂w to {@code grad}. {@code w} not modified; {@code grad} modified. */
    public void addGradient(Tensor w, Tensor grad) {
        for (int i = 0; i < w.data.length; i++) {
            float v = w.data[i];
            grad.data[i] += l1 * Math.signum(v) + 2 * l2 * v;
        }
    }
}
