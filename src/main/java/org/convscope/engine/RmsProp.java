package org.convscope.engine;

/**
 * RMSprop (Tieleman &amp; Hinton 2012), Keras' form: {@code v ← ρ·v + (1 − ρ)·g²},
 * {@code w ← w − lr·g / √(v + ε)}, with ρ 0.9 and ε 10⁻⁷.
 */
public final class RmsProp extends Optimizer {
    private final float rho;
    private final float epsilon;

    public RmsProp(float learningRate, float rho, float epsilon) {
        super(learningRate);
        this.rho = rho;
        this.epsilon = epsilon;
    }

    public RmsProp(float learningRate) {
        this(learningRate, 0.9f, 1e-7f);
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    protected float[][] newState(int size) {
        return new float[][] {new float[size]};
    }

    @Override
    protected void update(float[] w, float[] g, float[][] state, float lr, long t) {
        float[] v = state[0];
        for (int i = 0; i < w.length; i++) {
            v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
            w[i] -= lr * g[i] / (float) Math.sqrt(v[i] + epsilon);
        }
    }
}
