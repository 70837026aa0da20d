package org.convscope.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class DenseTest {

    private static Dense dense(int units, Activation activation, boolean bias, int fanIn) {
        Dense d = new Dense(units, activation, bias);
        d.build(Shape.of(fanIn), new Rng(3));
        GradientCheck.randomizeParams(d, 4);
        return d;
    }

    /** An input in [−1, 1) whose pre-activations keep 0.05 away from the kink at 0. */
    private static Tensor inputOffKinks(Dense layer, int n) {
        Dense linear = new Dense(layer.units(), Activation.LINEAR, layer.bias() != null);
        linear.build(layer.inputShape(), new Rng(0));
        for (int i = 0; i < layer.params().size(); i++) {
            float[] src = layer.params().get(i).value.data;
            System.arraycopy(src, 0, linear.params().get(i).value.data, 0, src.length);
        }
        for (long seed = 1; ; seed++) {
            Tensor x = GradientCheck.uniform(seed, -1, 1, n, layer.inputShape().dim(0));
            if (GradientCheck.distanceFromZero(linear.forward(x, false)) > 0.05) return x;
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backwardMatchesNumericalGradientWithEachActivation(Activation activation) {
        Dense layer = dense(5, activation, true, 7);
        GradientCheck.checkLayer(layer, inputOffKinks(layer, 3), true, 8);
    }

    @Test
    void backwardMatchesNumericalGradientWithoutBias() {
        Dense layer = dense(4, Activation.LINEAR, false, 6);
        GradientCheck.checkLayer(layer, GradientCheck.uniform(2, -1, 1, 3, 6), true, 8);
    }

    @Test
    void forwardComputesInputTimesKernelPlusBias() {
        Dense layer = new Dense(3, Activation.LINEAR);
        layer.build(Shape.of(2), new Rng(0));
        System.arraycopy(new float[] {1, 2, 3, 4, 5, 6}, 0, layer.kernel().data, 0, 6); // (2, 3)
        System.arraycopy(new float[] {0.5f, -1, 0}, 0, layer.bias().data, 0, 3);
        Tensor y = layer.forward(new Tensor(new float[] {1, 2, -1, 0}, 2, 2), false);
        // row 1: [1·1 + 2·4, 1·2 + 2·5, 1·3 + 2·6] + b = [9.5, 11, 15]; row 2: −(first kernel row) + b
        assertArrayEquals(new float[] {9.5f, 11, 15, -0.5f, -3, -3}, y.data);
    }
}
