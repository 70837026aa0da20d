package org.convscope.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

class DropoutTest {

    private static Dropout dropout(float rate, long seed) {
        Dropout d = new Dropout(rate);
        d.build(Shape.of(10_000), new Rng(seed));
        return d;
    }

    @Test
    void trainingZeroesAboutRateOfValuesAndScalesTheRest() {
        float rate = 0.3f;
        Dropout layer = dropout(rate, 1);
        Tensor x = GradientCheck.uniform(2, 0.5f, 1.5f, 1, 10_000);
        Tensor y = layer.forward(x, true);
        int kept = 0;
        for (int i = 0; i < x.size(); i++) {
            if (y.data[i] != 0) {
                kept++;
                assertEquals(x.data[i] / (1 - rate), y.data[i], 1e-6f * y.data[i], "survivors are scaled by 1 / (1 − rate)");
            }
        }
        // kept ~ Binomial(10 000, 0.7): mean 7000, σ ≈ 46; allow 5σ.
        assertEquals(7000, kept, 230, "kept fraction");
    }

    /**
     * The layer is y = x ⊙ m with the mask m drawn in forward, so with that mask fixed
     * ∂(Σ r ⊙ y)/∂x = r ⊙ m exactly: backward must multiply by the very mask forward used.
     */
    @Test
    void backwardUsesTheMaskOfTheForwardPass() {
        Dropout layer = dropout(0.5f, 3);
        Tensor x = GradientCheck.uniform(4, 1, 2, 1, 10_000); // never 0, so y / x recovers the mask
        Tensor y = layer.forward(x, true);
        Tensor r = GradientCheck.gaussian(5, 1, 10_000);
        Tensor dx = layer.backward(r);
        for (int i = 0; i < x.size(); i++) {
            float mask = y.data[i] / x.data[i];
            if (mask != 0 && Math.abs(mask - 2) > 1e-5) fail("mask value " + mask + " at " + i);
            assertEquals(r.data[i] * (mask == 0 ? 0 : 2), dx.data[i], 1e-5f * Math.abs(dx.data[i]) + 1e-7f);
        }
    }

    @Test
    void eachTrainingPassDrawsANewMask() {
        Dropout layer = dropout(0.5f, 3);
        Tensor x = GradientCheck.uniform(4, 1, 2, 1, 10_000);
        assertNotEquals(java.util.Arrays.toString(layer.forward(x, true).data),
                java.util.Arrays.toString(layer.forward(x, true).data));
    }

    @Test
    void inferenceIsTheIdentityBothWays() {
        Dropout layer = dropout(0.5f, 3);
        Tensor x = GradientCheck.gaussian(4, 1, 10_000);
        layer.forward(x, true); // a training pass first must not leave its mask behind
        Tensor y = layer.forward(x, false);
        assertArrayEquals(x.data, y.data);
        Tensor r = GradientCheck.gaussian(5, 1, 10_000);
        assertArrayEquals(r.data, layer.backward(r).data);
    }

    @Test
    void sameSeedGivesSameMask() {
        Tensor x = GradientCheck.uniform(4, 1, 2, 1, 10_000);
        assertArrayEquals(dropout(0.4f, 9).forward(x, true).data, dropout(0.4f, 9).forward(x, true).data);
    }

    @Test
    void rejectsRatesOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1f));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1f));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(Float.NaN));
    }

    @Test
    void rateZeroPassesValuesThrough() {
        Dropout layer = dropout(0f, 1);
        Tensor x = GradientCheck.gaussian(4, 1, 10_000);
        assertSame(x, layer.forward(x, true));
    }
}
