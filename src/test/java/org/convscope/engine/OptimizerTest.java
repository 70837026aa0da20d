package org.convscope.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptimizerTest {
    private static final double[] W0 = {0.5, -1.0, 2.0};
    /** The gradients of steps 1, 2, 3. */
    private static final double[][] G = {{0.2, -0.4, 1.0}, {0.1, 0.3, -2.0}, {-0.5, 0.05, 0.7}};

    private static Param param() {
        Param p = Param.trainable("w", 3);
        for (int i = 0; i < 3; i++) p.value.data[i] = (float) W0[i];
        return p;
    }

    /** Runs {@code steps} steps of {@code opt} with the gradients G; returns the final values. */
    private static float[] run(Optimizer opt, int steps) {
        Param p = param();
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < 3; i++) p.grad.data[i] = (float) G[t][i];
            opt.step(List.of(p));
        }
        return p.value.data;
    }

    private static void assertClose(double[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6 * Math.max(1, Math.abs(expected[i])), "value " + i);
        }
    }

    @Test
    void plainSgdStepsAgainstTheGradient() {
        double lr = 0.1;
        double[] w = W0.clone();
        for (int t = 0; t < 2; t++) for (int i = 0; i < 3; i++) w[i] -= lr * G[t][i];
        assertClose(w, run(new Sgd(0.1f, 0, false), 2));
    }

    @Test
    void momentumSgdFollowsKerasFormula() {
        // v ← μ·v − lr·g; w ← w + v
        double lr = 0.1, mu = 0.9;
        double[] w = W0.clone(), v = new double[3];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 3; i++) {
                v[i] = mu * v[i] - lr * G[t][i];
                w[i] += v[i];
            }
        }
        assertClose(w, run(new Sgd(0.1f, 0.9f, false), 3));
    }

    @Test
    void nesterovSgdFollowsKerasFormula() {
        // v ← μ·v − lr·g; w ← w + μ·v − lr·g
        double lr = 0.1, mu = 0.9;
        double[] w = W0.clone(), v = new double[3];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 3; i++) {
                v[i] = mu * v[i] - lr * G[t][i];
                w[i] += mu * v[i] - lr * G[t][i];
            }
        }
        assertClose(w, run(new Sgd(0.1f, 0.9f, true), 3));
    }

    @Test
    void adamFollowsTheBiasCorrectedFormula() {
        // Kingma & Ba, Algorithm 1: m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ), w ← w − lr·m̂ / (√v̂ + ε̂),
        // with Keras' ε applied to √v (ε̂ = ε·√(1 − β₂ᵗ)), which is the same as α = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ).
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        double[] w = W0.clone(), m = new double[3], v = new double[3];
        for (int t = 1; t <= 3; t++) {
            for (int i = 0; i < 3; i++) {
                double g = G[t - 1][i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t)), vHat = v[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps / Math.sqrt(1 - Math.pow(b2, t)));
            }
        }
        assertClose(w, run(new Adam(0.01f), 3));
    }

    @Test
    void adamFirstStepMovesEachWeightByTheLearningRate() {
        // t = 1: m̂ = g, v̂ = g², so the step is lr·g/|g| = lr·sign(g), whatever the gradient's size
        float[] w = run(new Adam(0.01f), 1);
        for (int i = 0; i < 3; i++) assertEquals(W0[i] - 0.01 * Math.signum(G[0][i]), w[i], 1e-6);
    }

    @Test
    void rmspropFollowsKerasFormula() {
        // v ← ρ·v + (1 − ρ)·g²; w ← w − lr·g / √(v + ε)
        double lr = 0.01, rho = 0.9, eps = 1e-7;
        double[] w = W0.clone(), v = new double[3];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 3; i++) {
                v[i] = rho * v[i] + (1 - rho) * G[t][i] * G[t][i];
                w[i] -= lr * G[t][i] / Math.sqrt(v[i] + eps);
            }
        }
        assertClose(w, run(new RmsProp(0.01f), 3));
    }

    @Test
    void learningRateChangeTakesEffectOnTheNextStep() {
        Param p = param();
        Sgd sgd = new Sgd(0.1f, 0, false);
        for (int i = 0; i < 3; i++) p.grad.data[i] = (float) G[0][i];
        sgd.step(List.of(p));
        sgd.setLearningRate(0.01f);
        for (int i = 0; i < 3; i++) p.grad.data[i] = (float) G[1][i];
        sgd.step(List.of(p));
        double[] w = new double[3];
        for (int i = 0; i < 3; i++) w[i] = W0[i] - 0.1 * G[0][i] - 0.01 * G[1][i];
        assertClose(w, p.value.data);
        assertEquals(2, sgd.iterations());
    }

    @Test
    void adamLearningRateChangeTakesEffectOnTheNextStep() {
        Param slow = param(), changed = param();
        Adam a = new Adam(0.01f), b = new Adam(0.01f);
        for (int t = 0; t < 2; t++) {
            for (int i = 0; i < 3; i++) slow.grad.data[i] = changed.grad.data[i] = (float) G[t][i];
            if (t == 1) b.setLearningRate(0.001f);
            a.step(List.of(slow));
            b.step(List.of(changed));
        }
        // the second step of b is exactly a tenth of a's (same moments, lr ten times smaller)
        float[] first = run(new Adam(0.01f), 1);
        for (int i = 0; i < 3; i++) {
            assertEquals((slow.value.data[i] - first[i]) / 10, changed.value.data[i] - first[i], 1e-6);
        }
    }

    @Test
    void rejectsLearningRatesThatAreNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> new Adam(0));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(-1, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1f).setLearningRate(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1f).setLearningRate(Float.POSITIVE_INFINITY));
    }

    // ---- frozen layers --------------------------------------------------------------------------

    private static Model smallModel() {
        Model m = new Model(Shape.of(5, 5, 1))
                .add(new Conv2D(2, 3, Activation.TANH))
                .add(new Flatten())
                .add(new Dense(4, Activation.TANH))
                .add(new Dense(3, Activation.SOFTMAX))
                .build(3);
        m.compile(new Sgd(0.5f, 0.9f, false), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        return m;
    }

    private static float[] values(Layer layer) {
        return TestModels.values(layer.params());
    }

    @Test
    void frozenLayerGetsNoUpdateWhileOthersLearn() {
        Model m = smallModel();
        Layer frozen = m.layers().get(2);
        frozen.setTrainable(false);
        float[] frozenBefore = values(frozen), convBefore = values(m.layers().get(0)), lastBefore = values(m.layers().get(3));
        Tensor x = GradientCheck.uniform(1, 0, 1, 4, 5, 5, 1);
        Tensor y = new Tensor(new float[] {0, 1, 2, 1}, 4);
        for (int i = 0; i < 3; i++) m.trainStep(x, y);
        assertArrayEquals(frozenBefore, values(frozen));
        for (Param p : frozen.params()) assertArrayEquals(new float[p.size()], p.grad.data, "a frozen layer accumulates no gradient");
        // the layers before a frozen one still learn: the gradient passes through it
        assertFalse(java.util.Arrays.equals(convBefore, values(m.layers().get(0))));
        assertFalse(java.util.Arrays.equals(lastBefore, values(m.layers().get(3))));
    }

    @Test
    void trainableParamsLeaveOutFrozenLayersAndMovingStatistics() {
        Model m = new Model(Shape.of(4))
                .add(new Dense(3, Activation.RELU))
                .add(new BatchNormalization())
                .add(new Dense(2, Activation.SOFTMAX))
                .build(0);
        assertEquals(List.of("kernel", "bias", "gamma", "beta", "kernel", "bias"),
                m.trainableParams().stream().map(p -> p.name).toList());
        m.layers().get(0).setTrainable(false);
        assertEquals(List.of("gamma", "beta", "kernel", "bias"), m.trainableParams().stream().map(p -> p.name).toList());
    }
}
