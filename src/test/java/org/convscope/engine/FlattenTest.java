package org.convscope.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FlattenTest {

    @Test
    void backwardMatchesNumericalGradient() {
        Flatten layer = new Flatten();
        layer.build(Shape.of(3, 4, 2), new Rng(0));
        GradientCheck.checkLayer(layer, GradientCheck.gaussian(1, 2, 3, 4, 2), true, 2);
    }

    @Test
    void flattensInChannelsLastOrderAsKeras() {
        Flatten layer = new Flatten();
        assertEquals(Shape.of(24), layer.outputShape(Shape.of(3, 4, 2)));
        Tensor x = GradientCheck.gaussian(1, 2, 3, 4, 2);
        Tensor y = layer.forward(x, false);
        assertArrayEquals(new int[] {2, 24}, y.shape());
        // y[n, (h·W + w)·C + c] = x[n, h, w, c]
        assertEquals(x.get(1, 2, 3, 1), y.get(1, (2 * 4 + 3) * 2 + 1));
        assertArrayEquals(new int[] {2, 3, 4, 2}, layer.backward(y).shape());
    }
}
