package org.convscope.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Training steps that reuse the layers' large tensors ({@link StepTensor}) give exactly the weights of
 * steps that allocate new ones, and never touch a tensor a caller got from the model before.
 */
class StepTensorTest {

    /** Batches of 6, 6, 4 (a shorter last batch changes the shapes), then 6 again. */
    private static List<Tensor[]> batches(Shape input) {
        List<Tensor[]> batches = new ArrayList<>();
        int[] sizes = {6, 6, 4, 6};
        for (int s = 0; s < sizes.length; s++) {
            Tensor x = GradientCheck.uniform(20 + s, 0f, 1f, input.withBatch(sizes[s]));
            Tensor y = Tensor.zeros(sizes[s]);
            for (int i = 0; i < sizes[s]; i++) y.data[i] = (i + s) % 10;
            batches.add(new Tensor[] {x, y});
        }
        return batches;
    }

    private static List<float[]> train(String preset, Shape input, boolean reuse) {
        Model m = Presets.create(preset).build(3);
        m.compile(new Adam(1e-3f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        m.reuseStepTensors = reuse;
        List<float[]> out = new ArrayList<>();
        for (Tensor[] b : batches(input)) out.add(new float[] {(float) m.trainStep(b[0], b[1]).loss()});
        for (Param p : m.params()) out.add(p.value.data.clone());
        return out;
    }

    @Test
    void reusingStepTensorsGivesTheSameLossesAndWeightsBitForBit() {
        for (String preset : List.of("seed-001", "lenet5")) {
            List<float[]> fresh = train(preset, Shape.of(28, 28, 1), false);
            List<float[]> reused = train(preset, Shape.of(28, 28, 1), true);
            assertEquals(fresh.size(), reused.size());
            for (int i = 0; i < fresh.size(); i++) assertArrayEquals(fresh.get(i), reused.get(i), preset + " item " + i);
        }
    }

    @Test
    void tensorsACallerHoldsSurviveLaterTrainingSteps() {
        Model m = Presets.create("seed-001").build(3);
        m.compile(new Adam(1e-3f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        List<Tensor[]> batches = batches(Shape.of(28, 28, 1));
        m.trainStep(batches.get(0)[0], batches.get(0)[1]); // the layers now keep step tensors of batch 6
        List<Tensor> outputs = m.forwardAll(batches.get(1)[0]);
        Tensor trainingOutput = m.forward(batches.get(1)[0], true);
        List<float[]> before = new ArrayList<>();
        for (Tensor t : outputs) before.add(t.data.clone());
        float[] trainingBefore = trainingOutput.data.clone();
        m.trainStep(batches.get(3)[0], batches.get(3)[1]);
        m.trainStep(batches.get(1)[0], batches.get(1)[1]);
        for (int i = 0; i < outputs.size(); i++) assertArrayEquals(before.get(i), outputs.get(i).data, "layer " + i);
        assertArrayEquals(trainingBefore, trainingOutput.data);
    }
}
