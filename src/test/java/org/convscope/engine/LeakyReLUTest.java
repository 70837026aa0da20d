package org.convscope.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class LeakyReLUTest {

    @Test
    void negativeValuesGetTheLayersOwnSlope() {
        Tensor y = new LeakyReLU(0.1f).forward(new Tensor(new float[] {-2, 0, 3}, 1, 3), false);
        assertArrayEquals(new float[] {-0.2f, 0, 3}, y.data, 1e-7f);
    }

    @Test
    void backwardMatchesNumericalGradient() {
        LeakyReLU layer = new LeakyReLU(0.3f);
        layer.build(Shape.of(3, 3, 2), new Rng(0));
        Tensor x = GradientCheck.uniform(4, -1.9f, 1.9f, 2, 3, 3, 2);
        for (int i = 0; i < x.size(); i++) x.data[i] += Math.signum(x.data[i]) * 0.1f; // off the kink at 0
        GradientCheck.checkLayer(layer, x, true, 5);
    }
}
