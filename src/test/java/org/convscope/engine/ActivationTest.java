package org.convscope.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ActivationTest {

    /** Values in ±[0.1, 2): off the kink at 0 by more than the check's step. */
    private static Tensor offZero(long seed, int... shape) {
        Tensor t = GradientCheck.uniform(seed, -1.9f, 1.9f, shape);
        for (int i = 0; i < t.size(); i++) t.data[i] += Math.signum(t.data[i]) * 0.1f;
        return t;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationLayerBackwardMatchesNumericalGradient(Activation activation) {
        ActivationLayer layer = new ActivationLayer(activation);
        layer.build(Shape.of(3, 3, 4), new Rng(0));
        GradientCheck.checkLayer(layer, offZero(activation.ordinal(), 2, 3, 3, 4), true, 10);
    }

    @Test
    void softmaxGivesKnownValues() {
        Tensor y = Activation.SOFTMAX.forward(new Tensor(new float[] {1, 2, 3, 1000, 1000, 1000}, 2, 3));
        // e^k / (e + e² + e³); a huge row stays finite because the max is subtracted first
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f, 1 / 3f, 1 / 3f, 1 / 3f}, y.data, 1e-7f);
    }

    @Test
    void elementwiseActivationsGiveKnownValues() {
        Tensor x = new Tensor(new float[] {-2, 0.5f}, 1, 2);
        assertArrayEquals(new float[] {0, 0.5f}, Activation.RELU.forward(x).data);
        assertArrayEquals(new float[] {-0.4f, 0.5f}, Activation.LEAKY_RELU.forward(x).data, 1e-7f);
        assertArrayEquals(new float[] {(float) Math.expm1(-2), 0.5f}, Activation.ELU.forward(x).data, 1e-7f);
        assertArrayEquals(new float[] {(float) (1.0507009873554805 * 1.6732632423543772 * Math.expm1(-2)),
                (float) (1.0507009873554805 * 0.5)}, Activation.SELU.forward(x).data, 1e-6f);
        assertArrayEquals(new float[] {(float) (1 / (1 + Math.exp(2))), (float) (1 / (1 + Math.exp(-0.5)))},
                Activation.SIGMOID.forward(x).data, 1e-7f);
        assertArrayEquals(new float[] {(float) Math.tanh(-2), (float) Math.tanh(0.5)}, Activation.TANH.forward(x).data, 1e-7f);
    }

    @Test
    void everyActivationIsFoundByItsKerasName() {
        for (Activation a : Activation.values()) assertEquals(a, Activation.fromKeras(a.kerasName));
    }
}
