package org.convscope.engine;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their gradients. Sees only {@link Param}s; keeps its per-parameter
 * state (momenta) itself. The learning rate may be changed between steps, from another thread.
 */
public abstract class Optimizer {
    private volatile float learningRate;
    private long iterations;
    private final Map<Param, float[][]> state = new IdentityHashMap<>();

    protected Optimizer(float learningRate) {
        setLearningRate(learningRate);
    }

    public float learningRate() {
        return learningRate;
    }

    public void setLearningRate(float learningRate) {
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** Steps taken so far (Keras' {@code optimizer.iterations}). */
    public long iterations() {
        return iterations;
    }

    /** Applies one update to every param. Values modified; gradients not modified. */
    public final void step(List<Param> params) {
        iterations++;
        float lr = learningRate;
        for (Param p : params) {
            float[][] s = state.computeIfAbsent(p, k -> newState(k.size()));
            update(p.value.data, p.grad.data, s, lr, iterations);
        }
    }

    /** Keras' name, e.g. {@code adam}. */
    public abstract String name();

    /** Fresh per-parameter state (e.g. zeroed momenta) for a param of {@code size} values. */
    protected abstract float[][] newState(int size);

    /** One update of w from g at step t (1-based). w and state modified. */
    protected abstract void update(float[] w, float[] g, float[][] state, float lr, long t);

    public static Optimizer fromName(String name, float learningRate) {
        return switch (name) {
            case "sgd" -> new Sgd(learningRate, 0.9f, false);
            case "adam" -> new Adam(learningRate);
            case "rmsprop" -> new RmsProp(learningRate);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "' (known: sgd, adam, rmsprop)");
        };
    }
}
