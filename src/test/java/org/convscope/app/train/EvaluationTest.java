package org.convscope.app.train;

import org.convscope.engine.Activation;
import org.convscope.engine.Dense;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EvaluationTest {

    /**
     * A softmax over the inputs themselves (Dense with identity kernel, no bias), so each input row
     * is the logits and the predictions are chosen by hand.
     */
    private static Model identity(int k) {
        Model m = new Model(Shape.of(k)).add(new Dense(k, Activation.SOFTMAX, false)).build(0);
        Tensor w = ((Dense) m.layers().get(0)).kernel(); // (K, K)
        Arrays.fill(w.data, 0);
        for (int i = 0; i < k; i++) w.data[i * k + i] = 1;
        return m;
    }

    @Test
    void countsCellsPerClassAccuracyAndTheMostConfidentMistakes() {
        // logits: rows 0,1 → class 0; row 2 → class 1 (truth 0, a mistake, confident); row 3 → class 2 (truth 1, less sure)
        Tensor x = new Tensor(new float[] {
                5, 0, 0,
                4, 0, 0,
                0, 6, 0,
                0, 1, 1.5f}, 4, 3);
        Tensor labels = new Tensor(new float[] {0, 0, 0, 1}, 4);
        Evaluation e = Evaluation.of(identity(3), x, labels, List.of("a", "b", "c"));
        assertEquals(2, e.count(0, 0));
        assertEquals(1, e.count(0, 1));
        assertEquals(1, e.count(1, 2));
        assertEquals(0, e.count(1, 1));
        assertArrayEquals(new int[] {2}, e.cell(0, 1));
        assertEquals(0.5, e.accuracy());
        assertEquals(2 / 3.0, e.classAccuracy(0), 1e-12);
        assertEquals(0.0, e.classAccuracy(1));
        assertEquals(Double.NaN, e.classAccuracy(2));
        List<Evaluation.Mistake> m = e.confidentMistakes(5);
        assertEquals(2, m.size());
        assertEquals(2, m.get(0).index());
        assertEquals(3, m.get(1).index());
        assertEquals(1, m.get(1).truth());
        assertEquals(2, m.get(1).predicted());
        assertEquals(1, e.confidentMistakes(1).size());
    }
}
