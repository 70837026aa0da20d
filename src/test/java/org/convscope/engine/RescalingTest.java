package org.convscope.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RescalingTest {

    @Test
    void mapsPixelsToMinusOneToOne() {
        Rescaling r = new Rescaling(1 / 127.5f, -1);
        Tensor y = r.forward(new Tensor(new float[] {0, 127.5f, 255}, 1, 3), false);
        assertArrayEquals(new float[] {-1, 0, 1}, y.data, 1e-6f);
        assertEquals(Shape.of(4, 4, 3), r.outputShape(Shape.of(4, 4, 3)));
    }

    @Test
    void backwardMatchesNumericalGradient() {
        Rescaling r = new Rescaling(0.37f, 0.5f);
        r.build(Shape.of(3, 3, 2), new Rng(0));
        GradientCheck.checkLayer(r, GradientCheck.uniform(1, -2, 2, 2, 3, 3, 2), true, 3);
    }

    @Test
    void refusesAScaleThatIsNotFinite() {
        assertEquals("Rescaling needs a finite scale and offset, got NaN and 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Rescaling(Float.NaN, 0)).getMessage());
    }
}
