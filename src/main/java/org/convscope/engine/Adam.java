package org.convscope.engine;

/**
 * Adam (Kingma &amp; Ba 2015, "Adam: A Method for Stochastic Optimization"), in Keras' form:
 * <pre>
 *   m ← β₁·m + (1 − β₁)·g,   v ← β₂·v + (1 − β₂)·g²,
 *   α = lr·√(1 − β₂ᵗ) / (1 − β₁ᵗ),   w ← w − α·m / (√v + ε)
 * </pre>
 * Keras defaults: lr 10⁻³, β₁ 0.9, β₂ 0.999, ε 10⁻⁷.
 */
public final class Adam extends Optimizer {
    private final float beta1;
    private final float beta2;
    private final float epsilon;

    public Adam(float learningRate, float beta1, float beta2, float epsilon) {
        super(learningRate);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    public Adam(float learningRate) {
        this(learningRate, 0.9f, 0.999f, 1e-7f);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    protected float[][] newState(int size) {
        return new float[][] {new float[size], new float[size]};
    }

    @Override
    protected void update(float[] w, float[] g, float[][] state, float lr, long t) {
        float[] m = state[0], v = state[1];
        float alpha = (float) (lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
        for (int i = 0; i < w.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            w[i] -= alpha * m[i] / ((float) Math.sqrt(v[i]) + epsilon);
        }
    }
}
