package org.convscope.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransferTest {
    private static final int BASE = 4; // conv, batch norm, pool, flatten

    /** A conv net with batch normalization, trained on the patterns: the "pretrained" model. */
    private static Model pretrained() {
        Model m = new Model(Shape.of(8, 8, 1))
                .add(new Conv2D(6, 3, Activation.RELU).withKernelRegularizer(new Regularizer(0.01f, 0.01f))) // no gradient once frozen
                .add(new BatchNormalization(0.9f, 1e-3f)) // quick moving statistics: a frozen BN uses them
                .add(new MaxPooling2D(2, Padding.VALID))
                .add(new Flatten())
                .add(new Dense(3, Activation.SOFTMAX))
                .build(1);
        m.compile(new Adam(0.01f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        TestModels.Data d = TestModels.patterns(90, 1);
        m.fit(d.x(), d.y(), FitOptions.of(5, 10, 1), TrainingListener.NONE);
        return m;
    }

    private static List<Layer> newHead() {
        return List.of(new Dropout(0.3f), new Dense(8, Activation.RELU), new Dense(3, Activation.SOFTMAX));
    }

    private static int[] bits(List<Param> params) {
        float[] v = TestModels.values(params);
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Float.floatToRawIntBits(v[i]);
        return b;
    }

    private static List<Param> baseParams(Model m) {
        return m.layers().subList(0, BASE).stream().flatMap(l -> l.params().stream()).toList();
    }

    @Test
    void frozenBaseStaysBitIdenticalThroughAdamTrainingWhileTheNewHeadLearns() {
        Model source = pretrained();
        Model m = Transfer.replaceHead(source, BASE, newHead(), 7, true);
        Transfer.freeze(m, BASE);
        m.compile(new Adam(0.01f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        int[] baseBefore = bits(baseParams(m)); // kernels, biases, γ, β and the moving statistics
        assertArrayEquals(bits(baseParams(source)), baseBefore, "the base starts with the pretrained weights");
        float[] headBefore = TestModels.values(m.layers().get(BASE + 1).params());
        TestModels.Data train = TestModels.patterns(60, 2), test = TestModels.patterns(60, 3);
        double accuracyBefore = m.evaluate(test.x(), test.y(), 60).accuracy();

        History h = m.fit(train.x(), train.y(), FitOptions.of(8, 10, 4), TrainingListener.NONE); // 48 Adam steps

        assertArrayEquals(baseBefore, bits(baseParams(m)), "frozen layers are bit-identical after training");
        assertFalse(java.util.Arrays.equals(headBefore, TestModels.values(m.layers().get(BASE + 1).params())));
        assertTrue(h.epochs().get(7).loss() < h.epochs().get(0).loss(), "the head's loss falls");
        double accuracyAfter = m.evaluate(test.x(), test.y(), 60).accuracy();
        assertTrue(accuracyAfter > accuracyBefore + 0.2 && accuracyAfter > 0.8, accuracyBefore + " → " + accuracyAfter);
        assertArrayEquals(bits(baseParams(pretrained())), bits(baseParams(source)), "the pretrained model is not touched");
    }

    @Test
    void fineTuningMovesTheBaseAndFromScratchStartsFresh() {
        Model source = pretrained();
        Model fineTuned = Transfer.replaceHead(source, BASE, newHead(), 7, true);
        fineTuned.compile(new Adam(0.01f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        TestModels.Data d = TestModels.patterns(30, 2);
        fineTuned.fit(d.x(), d.y(), FitOptions.of(1, 10, 4), TrainingListener.NONE);
        assertFalse(java.util.Arrays.equals(bits(baseParams(source)), bits(baseParams(fineTuned))));

        Model scratch = Transfer.replaceHead(source, BASE, newHead(), 7, false);
        assertFalse(java.util.Arrays.equals(bits(baseParams(source)), bits(baseParams(scratch))));
        assertArrayEquals(bits(scratch.params()), bits(Transfer.replaceHead(source, BASE, newHead(), 7, false).params()),
                "same seed, same weights");
        assertEquals(List.of("conv2d", "batch_normalization", "max_pooling2d", "flatten", "dropout", "dense", "dense_1"),
                scratch.layers().stream().map(Layer::name).toList());
    }

    @Test
    void stackedModelComputesTheHeadOnTheBaseAndKeepsFlagsAndNames() {
        Model base = Transfer.base(pretrained(), BASE);
        Transfer.freeze(base, BASE);
        Model head = new Model(base.outputShape())
                .add(new Dense(5, Activation.RELU)).add(new Dense(2, Activation.SOFTMAX)).build(3)
                .setClassNames(List.of("circle", "cross")).setName("shapes");
        Model whole = Transfer.stack(base, head);
        Tensor x = TestModels.patterns(6, 5).x();
        assertArrayEquals(head.predict(base.predict(x)).data, whole.predict(x).data);
        assertEquals(List.of(false, false, false, false, true, true), whole.layers().stream().map(Layer::isTrainable).toList());
        assertEquals(List.of("circle", "cross"), whole.classNames());
        assertEquals("shapes", whole.name());
        assertEquals("dense_1", whole.layers().get(5).name(), "the head's names are kept where free");
        assertThrows(IllegalArgumentException.class, () -> Transfer.stack(head, base));
    }

    @Test
    void aFrozenDropoutStillDropsInTraining() {
        Model m = new Model(Shape.of(200)).add(new Dropout(0.5f)).build(1);
        Transfer.freeze(m, 1);
        Tensor ones = Tensor.zeros(1, 200);
        java.util.Arrays.fill(ones.data, 1f);
        float[] y = m.forward(ones, true).data;
        int dropped = 0;
        for (float v : y) if (v == 0) dropped++;
        assertTrue(dropped > 50 && dropped < 150, dropped + " of 200 dropped");
        assertArrayEquals(ones.data, m.forward(ones, false).data);
    }

    /** A pass-through layer that counts its backward calls. */
    private static final class Counting extends Layer {
        int backwards;

        @Override public String className() { return "Counting"; }
        @Override public Shape outputShape(Shape in) { return in; }
        @Override public Tensor forward(Tensor x, boolean training) { return x; }
        @Override public Tensor backward(Tensor dOut) { backwards++; return dOut; }
        @Override public LayerConfig config() { return new LayerConfig(); }
    }

    @Test
    void backwardStopsAtTheLowestLayerThatLearns() {
        Counting below = new Counting(), between = new Counting();
        Model m = new Model(Shape.of(4))
                .add(below).add(new Dense(5, Activation.RELU)).add(between).add(new Dense(3, Activation.SOFTMAX))
                .build(0);
        m.compile(new Adam(0.01f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        Tensor x = GradientCheck.uniform(1, -1, 1, 6, 4), y = new Tensor(new float[] {0, 1, 2, 0, 1, 2}, 6);
        m.trainStep(x, y);
        assertEquals(0, below.backwards, "nothing below the first Dense learns");
        assertEquals(1, between.backwards);
        m.layers().get(1).setTrainable(false); // now only the last Dense learns
        m.trainStep(x, y);
        assertEquals(1, between.backwards, "no backward pass through a frozen base");
        m.layers().get(3).setTrainable(false);
        float[] before = TestModels.values(m.params());
        m.trainStep(x, y); // all frozen: measures the loss only
        assertArrayEquals(before, TestModels.values(m.params()));
    }

    @Test
    void aChangedCopyStartsFromTheWeightsThatStillFit() {
        Model from = Presets.create("seed-001").build(3).setInputScale(255);
        Model same = Presets.create("seed-001").build(4);
        assertEquals(4, Transfer.copyMatchingWeights(from, same));
        assertArrayEquals(TestModels.values(from.params()), TestModels.values(same.params()));
        assertEquals(255f, same.inputScale());

        // a batch normalization added after the first convolution, the head resized to 3 classes
        Model changed = new Model(Shape.of(28, 28, 1))
                .add(new Conv2D(32, 3, Activation.RELU)).add(new BatchNormalization())
                .add(new MaxPooling2D(2, Padding.VALID))
                .add(new Conv2D(64, 3, Activation.RELU)).add(new MaxPooling2D(2, 2, 2, 2, Padding.SAME))
                .add(new Flatten()).add(new Dense(64, Activation.RELU)).add(new Dense(3, Activation.SOFTMAX))
                .build(5);
        float[] ownHead = changed.layers().get(7).params().get(0).value.data.clone();
        float[] ownNorm = changed.layers().get(1).params().get(0).value.data.clone();
        assertEquals(3, Transfer.copyMatchingWeights(from, changed));
        for (int[] pair : new int[][] {{0, 0}, {2, 3}, {5, 6}}) { // (from, changed) layers
            assertArrayEquals(TestModels.values(from.layers().get(pair[0]).params()), TestModels.values(changed.layers().get(pair[1]).params()));
        }
        assertArrayEquals(ownHead, changed.layers().get(7).params().get(0).value.data, "the resized head keeps its own");
        assertArrayEquals(ownNorm, changed.layers().get(1).params().get(0).value.data, "the added layer keeps its own");
    }
}
