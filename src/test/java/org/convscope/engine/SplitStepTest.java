package org.convscope.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training steps that split their batch into chunks passed through all layers apart, on every core
 * ({@link Model#trainStep}), learn what one pass over the whole batch learns: the same loss, accuracy and
 * gradients up to float rounding, frozen layers left alone; and models whose layers couple a batch's images
 * (batch normalization, dropout) are never split.
 */
class SplitStepTest {
    /** More than two chunks per core, and a last chunk that is not full. */
    private static final int BATCH = 2 * Parallel.THREADS * Model.STEP_CHUNK + 5;

    private static Tensor[] batch(Shape input, long seed, Loss loss, int classes) {
        Tensor x = GradientCheck.uniform(seed, -0.5f, 1f, input.withBatch(BATCH));
        Tensor y = loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY ? Tensor.zeros(BATCH) : Tensor.zeros(BATCH, classes);
        for (int i = 0; i < BATCH; i++) {
            if (loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY) y.data[i] = (i * 7 + seed) % classes;
            else y.data[i * classes + (int) ((i * 3 + seed) % classes)] = 1;
        }
        return new Tensor[] {x, y};
    }

    /** Per step: loss, accuracy, then every trainable param's gradient; after the steps, every param's values. */
    private static List<float[]> train(Supplier<Model> make, Loss loss, boolean split, int frozenAfterFirstStep) {
        Model m = make.get().build(3);
        m.compile(new Sgd(0.05f, 0.9f, false), loss);
        m.splitsSteps = split;
        int classes = m.outputShape().size();
        List<float[]> out = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            if (s == 1 && frozenAfterFirstStep >= 0) m.layers().get(frozenAfterFirstStep).setTrainable(false);
            Tensor[] b = batch(m.inputShape(), 10 + s, loss, classes);
            Model.Metrics metrics = m.trainStep(b[0], b[1]);
            out.add(new float[] {(float) metrics.loss(), (float) metrics.accuracy()});
            for (Param p : m.trainableParams()) out.add(p.grad.data.clone());
        }
        for (Param p : m.params()) out.add(p.value.data.clone());
        return out;
    }

    /** Every number of the split run within float rounding of the whole-batch run's, relative to each array's largest. */
    private static void assertClose(String what, List<float[]> whole, List<float[]> split) {
        assertEquals(whole.size(), split.size(), what);
        for (int i = 0; i < whole.size(); i++) {
            float[] a = whole.get(i), b = split.get(i);
            float scale = 0;
            for (float v : a) scale = Math.max(scale, Math.abs(v));
            for (int k = 0; k < a.length; k++) {
                float tolerance = 2e-5f * Math.max(scale, 1e-3f);
                assertEquals(a[k], b[k], tolerance, what + ", item " + i + " [" + k + "]");
            }
        }
    }

    private static Supplier<Model> smallCnn(Activation out) {
        return () -> new Model(Shape.of(10, 10, 1))
                .add(new Conv2D(8, 3, Activation.RELU))
                .add(new MaxPooling2D(2, Padding.VALID))
                .add(new Conv2D(16, 3, Activation.RELU))
                .add(new Flatten())
                .add(new Dense(12, Activation.RELU))
                .add(new Dense(4, out));
    }

    @Test
    void splitStepsLearnWhatWholeBatchesLearn() {
        assertClose("seed-001", train(() -> Presets.create("seed-001"), Loss.SPARSE_CATEGORICAL_CROSSENTROPY, false, -1),
                train(() -> Presets.create("seed-001"), Loss.SPARSE_CATEGORICAL_CROSSENTROPY, true, -1));
        assertClose("softmax, one-hot targets", train(smallCnn(Activation.SOFTMAX), Loss.CATEGORICAL_CROSSENTROPY, false, -1),
                train(smallCnn(Activation.SOFTMAX), Loss.CATEGORICAL_CROSSENTROPY, true, -1));
        assertClose("linear, mean squared error", train(smallCnn(Activation.LINEAR), Loss.MEAN_SQUARED_ERROR, false, -1),
                train(smallCnn(Activation.LINEAR), Loss.MEAN_SQUARED_ERROR, true, -1));
    }

    @Test
    void aLayerFrozenBetweenSplitStepsStaysAsItWas() {
        Supplier<Model> make = smallCnn(Activation.SOFTMAX);
        assertClose("frozen after a step", train(make, Loss.SPARSE_CATEGORICAL_CROSSENTROPY, false, 2),
                train(make, Loss.SPARSE_CATEGORICAL_CROSSENTROPY, true, 2));
        Model m = make.get().build(3);
        m.compile(new Sgd(0.05f, 0.9f, false), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        Tensor[] b = batch(m.inputShape(), 10, Loss.SPARSE_CATEGORICAL_CROSSENTROPY, 4);
        m.trainStep(b[0], b[1]); // the replicas are made here, with every layer learning
        float[] frozen = m.layers().get(2).params().get(0).value.data.clone();
        float[] learning = m.layers().get(0).params().get(0).value.data.clone();
        m.layers().get(2).setTrainable(false);
        m.trainStep(b[0], b[1]);
        m.trainStep(b[0], b[1]);
        assertArrayEquals(frozen, m.layers().get(2).params().get(0).value.data, "the frozen kernel");
        assertTrue(!java.util.Arrays.equals(learning, m.layers().get(0).params().get(0).value.data), "the first kernel learns");
    }

    @Test
    void batchNormalizationAndDropoutModelsAreNeverSplit() {
        for (Supplier<Model> make : List.<Supplier<Model>>of(
                () -> new Model(Shape.of(8, 8, 1)).add(new Conv2D(4, 3, Activation.LINEAR)).add(new BatchNormalization())
                        .add(new Flatten()).add(new Dense(3, Activation.SOFTMAX)),
                () -> new Model(Shape.of(8, 8, 1)).add(new Conv2D(4, 3, Activation.RELU)).add(new Flatten())
                        .add(new Dropout(0.3f)).add(new Dense(3, Activation.SOFTMAX)))) {
            List<float[]> whole = train(make, Loss.SPARSE_CATEGORICAL_CROSSENTROPY, false, -1);
            List<float[]> split = train(make, Loss.SPARSE_CATEGORICAL_CROSSENTROPY, true, -1);
            for (int i = 0; i < whole.size(); i++) assertArrayEquals(whole.get(i), split.get(i), "item " + i);
        }
    }
}
