package org.convscope.trace.explain;

import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationMaximizationTest {

    @Test
    void aFilterRespondsFarMoreToItsImageThanToTheStartAndTheRunIsSeeded() {
        Model model = Digits.model();
        var target = new ActivationMaximization.Target(2, 5);
        var o = new ActivationMaximization.Options(40, 0.05f, 0.01f, 4, 1, true, 7);
        List<Float> responses = new ArrayList<>();
        Tensor image = ActivationMaximization.run(model, target, o, (i, x, response) -> responses.add(response), () -> false);
        assertEquals(40, responses.size());
        assertTrue(responses.get(39) > 3 * Math.max(responses.get(0), 0.01f), "response " + responses.get(0) + " → " + responses.get(39));
        Tensor again = ActivationMaximization.run(model, target, o, (i, x, response) -> { }, () -> false);
        assertArrayEquals(image.data, again.data, 0f);
        for (float v : image.data) assertTrue(v >= 0 && v <= 1);
    }

    @Test
    void aClassImageFromBlankIsClassifiedAsThatClass() {
        Model model = Digits.model();
        for (int k : new int[] {0, 3, 8}) {
            var o = new ActivationMaximization.Options(60, 0.05f, 0.01f, 4, 1, false, 1);
            Tensor image = ActivationMaximization.run(model, new ActivationMaximization.Target(6, k), o, (i, x, r) -> { }, () -> false);
            Tensor p = model.predict(image);
            assertEquals(k, Model.argmax(p.data, 0, 10), "class " + k + " gets p " + p.data[k]);
        }
    }

    @Test
    void cancelStopsAndBadTargetsAreRefused() {
        Model model = Digits.model();
        int[] seen = {0};
        assertThrows(CancellationException.class, () -> ActivationMaximization.run(model, new ActivationMaximization.Target(0, 0),
                ActivationMaximization.Options.defaults(), (i, x, r) -> seen[0] = i, () -> seen[0] == 5));
        assertEquals(5, seen[0]);
        var e = assertThrows(IllegalArgumentException.class, () -> ActivationMaximization.run(model, new ActivationMaximization.Target(0, 32),
                ActivationMaximization.Options.defaults(), (i, x, r) -> { }, () -> false));
        assertEquals("layer 0 has units 0..31, not 32", e.getMessage());
    }

    @Test
    void rollAndBlurKeepTheImageMass() {
        Tensor x = new Tensor(new float[] {1, 0, 0, 0, 0, 0, 0, 0, 0}, 1, 3, 3, 1);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 0, 0, 0, 0}, ActivationMaximization.roll(x, 3, 3, 1, 1, 1).data, 0f);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 1}, ActivationMaximization.roll(x, 3, 3, 1, -1, -1).data, 0f);
        Tensor centre = new Tensor(new float[] {0, 0, 0, 0, 16, 0, 0, 0, 0}, 1, 3, 3, 1);
        assertArrayEquals(new float[] {1, 2, 1, 2, 4, 2, 1, 2, 1}, ActivationMaximization.blur(centre, 3, 3, 1).data, 1e-6f);
    }
}
