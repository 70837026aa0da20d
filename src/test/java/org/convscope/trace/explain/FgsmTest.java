package org.convscope.trace.explain;

import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FgsmTest {

    /** The result is what the model says of the adversarial image, which stays in range and within ε. */
    private static void assertConsistent(Model model, Tensor image, Fgsm.Result r, float epsilon) {
        Tensor p = model.predict(r.adversarial());
        assertArrayEquals(p.data, r.after(), 1e-5f);
        assertEquals(Model.argmax(p.data, 0, p.size()), r.classAfter(), "classified as reported");
        assertArrayEquals(model.predict(image).data, r.before(), 1e-5f);
        for (int i = 0; i < image.size(); i++) {
            float v = r.adversarial().data[i];
            assertTrue(v >= 0 && v <= 1, "pixel " + i + " in range: " + v);
            assertTrue(Math.abs(r.perturbation().data[i]) <= epsilon + 1e-6, "pixel " + i + " within ε");
            assertEquals(image.data[i] + r.perturbation().data[i], v, 1e-6);
        }
    }

    @Test
    void oneStepRaisesTheLossOfTheTrueLabel() {
        Model model = Digits.model();
        Tensor seven = Digits.digit(model, 7);
        Fgsm.Result r = Fgsm.attack(model, seven, 7, 0.1f, 1, Fgsm.UNTARGETED);
        assertConsistent(model, seven, r, 0.1f);
        assertTrue(r.after()[7] < r.before()[7], "p(7) falls: " + r.before()[7] + " → " + r.after()[7]);
        assertEquals(7, r.classBefore());
    }

    @Test
    void iteratedFgsmFoolsTheNetworkAndIsClassifiedAsReported() {
        Model model = Digits.model();
        for (int d : new int[] {1, 7, 9}) {
            Tensor image = Digits.digit(model, d);
            Fgsm.Result r = Fgsm.attack(model, image, d, 0.2f, 10, Fgsm.UNTARGETED);
            assertConsistent(model, image, r, 0.2f);
            assertTrue(r.fooled(), "digit " + d + " still " + r.classAfter() + " at " + r.after()[r.classAfter()]);
        }
    }

    @Test
    void targetedWalksTowardsTheTargetAndZeroEpsilonChangesNothing() {
        Model model = Digits.model();
        Tensor seven = Digits.digit(model, 7);
        Fgsm.Result r = Fgsm.attack(model, seven, 7, 0.25f, 20, 3);
        assertConsistent(model, seven, r, 0.25f);
        assertEquals(3, r.classAfter());
        Fgsm.Result none = Fgsm.attack(model, seven, 7, 0, 5, Fgsm.UNTARGETED);
        assertArrayEquals(seven.data, none.adversarial().data, 0f);
        assertFalse(none.fooled());
    }
}
