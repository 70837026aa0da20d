package org.convscope.engine;

/**
 * Stochastic gradient descent with optional momentum and Nesterov momentum, as Keras does it:
 * {@code v ← μ·v − lr·g}; then {@code w ← w + v}, or with Nesterov {@code w ← w + μ·v − lr·g}.
 */
public final class Sgd extends Optimizer {
    private final float momentum;
    private final boolean nesterov;

    public Sgd(float learningRate, float momentum, boolean nesterov) {
        super(learningRate);
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    protected float[][] newState(int size) {
        return new float[][] {new float[size]};
    }

    @Override
    protected void update(float[] w, float[] g, float[][] state, float lr, long t) {
        float[] v = state[0];
        for (int i = 0; i < w.length; i++) {
            v[i] = momentum * v[i] - lr * g[i];
            w[i] += nesterov ? momentum * v[i] - lr * g[i] : v[i];
        }
    }
}
