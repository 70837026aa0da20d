package org.convscope.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModelTest {

    @Test
    void inputScaleMultipliesTheInputBeforeTheFirstLayerForEveryCaller() {
        Model scaled = new Model(Shape.of(4, 4, 1)).add(new Conv2D(2, 3, Activation.TANH)).add(new Flatten())
                .add(new Dense(3, Activation.SOFTMAX)).build(7).setInputScale(255);
        Model plain = scaled.copy().setInputScale(1);
        Tensor x = GradientCheck.uniform(1, 0, 1, 2, 4, 4, 1);
        Tensor x255 = x.copy();
        for (int i = 0; i < x255.size(); i++) x255.data[i] *= 255;
        assertArrayEquals(plain.forward(x255, false).data, scaled.forward(x, false).data);
        assertArrayEquals(plain.forwardAll(x255).get(0).data, scaled.forwardAll(x).get(0).data);
        assertArrayEquals(plain.predict(x255).data, scaled.predict(x).data);
        assertEquals(255f, scaled.copy().inputScale(), "copies keep it");
        assertArrayEquals(GradientCheck.uniform(1, 0, 1, 2, 4, 4, 1).data, x.data, "the caller's input is not modified");
    }

    @Test
    void layersAreNamedAsKerasNamesThem() {
        Model m = new Model(Shape.of(8, 8, 1))
                .add(new Conv2D(2, 3, Activation.RELU))
                .add(new BatchNormalization())
                .add(new ActivationLayer(Activation.TANH))
                .add(new Conv2D(2, 3, Activation.RELU))
                .add(new MaxPooling2D(2, Padding.VALID))
                .add(new AveragePooling2D(1, Padding.VALID))
                .add(new Dropout(0.1f))
                .add(new Flatten())
                .add(new Dense(3, Activation.SOFTMAX));
        assertEquals(List.of("conv2d", "batch_normalization", "activation", "conv2d_1", "max_pooling2d",
                        "average_pooling2d", "dropout", "flatten", "dense"),
                m.layers().stream().map(Layer::name).toList());
    }

    @Test
    void automaticNamesSkipNamesGivenExplicitlyAndDuplicatesAreRefused() {
        Model m = new Model(Shape.of(4))
                .add(new Dense(3, Activation.RELU), "dense_1")
                .add(new Dense(3, Activation.RELU))
                .add(new Dense(3, Activation.RELU));
        assertEquals(List.of("dense_1", "dense", "dense_2"), m.layers().stream().map(Layer::name).toList());
        var duplicate = assertThrows(IllegalArgumentException.class, () -> m.add(new Dense(2, Activation.RELU), "dense"));
        assertEquals("two layers are named 'dense'", duplicate.getMessage());
    }

    @Test
    void addRefusesALayerThatCannotTakeTheShapeAndSaysWhy() {
        Model m = new Model(Shape.of(8, 8, 1)).add(new Conv2D(2, 3, Activation.RELU));
        var dense = assertThrows(IllegalArgumentException.class, () -> m.add(new Dense(3, Activation.RELU)));
        assertEquals("Dense needs a 1-D input but got 6×6×2; add a Flatten layer before it", dense.getMessage());
        var conv = assertThrows(IllegalArgumentException.class, () -> m.add(new Conv2D(2, 7, Activation.RELU)));
        assertEquals("Conv2D kernel 7×7 is larger than its 6×6 input", conv.getMessage());
        assertEquals(1, m.layers().size(), "refused layers are not added");
    }

    @Test
    void misuseGetsAClearMessage() {
        Model m = new Model(Shape.of(4)).add(new Dense(2, Activation.SOFTMAX));
        var unbuilt = assertThrows(IllegalStateException.class, () -> m.predict(Tensor.zeros(1, 4)));
        assertEquals("build the model (build(seed)) before using it", unbuilt.getMessage());
        m.build(0);
        var uncompiled = assertThrows(IllegalStateException.class, () -> m.trainStep(Tensor.zeros(1, 4), Tensor.zeros(1)));
        assertEquals("compile the model before training", uncompiled.getMessage());
        m.compile(new Sgd(0.1f, 0, false), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        var batch = assertThrows(IllegalArgumentException.class, () -> m.evaluate(Tensor.zeros(1, 4), Tensor.zeros(1), 0));
        assertEquals("batch size must be ≥ 1, got 0", batch.getMessage());
        var shape = assertThrows(IllegalArgumentException.class, () -> m.predict(Tensor.zeros(1, 5)));
        assertEquals("the model expects inputs of shape 4 but got 5", shape.getMessage());
    }

    @Test
    void predictMatchesForwardForEveryBatchSizeAroundItsChunksAndForwardAllEndsWithIt() {
        Model m = TestModels.tinyConvNet(2, 0.01f);
        Tensor x = TestModels.patterns(41, 4).x();
        assertArrayEquals(new int[] {0, 3}, m.predict(x.slice(0, 0)).shape(), "no inputs, no outputs");
        for (int n : new int[] {1, 7, 8, 9, 16, 17, 41}) { // one chunk, one part, parts of whole and broken chunks
            Tensor batch = x.slice(0, n);
            Tensor predicted = m.predict(batch);
            assertArrayEquals(new int[] {n, 3}, predicted.shape());
            assertArrayEquals(m.forward(batch, false).data, predicted.data, 1e-6f, n + " inputs");
        }
        List<Tensor> all = m.forwardAll(x.slice(0, 5));
        assertEquals(m.layers().size(), all.size());
        assertArrayEquals(new int[] {5, 6, 6, 8}, all.get(0).shape());
        assertArrayEquals(java.util.Arrays.copyOf(m.predict(x).data, 15), all.get(all.size() - 1).data, 1e-6f);
    }

    @Test
    void predictUsesTheWeightsOfTheMomentOnEveryCore() {
        Model m = new Model(Shape.of(8, 8, 1)) // batch normalization: its moving statistics count too
                .add(new Conv2D(8, 3, Activation.RELU))
                .add(new BatchNormalization())
                .add(new Conv2D(16, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.RELU, true))
                .add(new Flatten())
                .add(new Dense(10, Activation.SOFTMAX))
                .build(3);
        m.compile(new Adam(0.01f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        Tensor x = GradientCheck.uniform(5, 0f, 1f, m.inputShape().withBatch(40)), y = Tensor.zeros(40);
        for (int i = 0; i < 40; i++) y.data[i] = i % 10;
        float[] before = m.predict(x).data; // the other core's replica is made here
        for (int step = 0; step < 3; step++) m.trainStep(x, y);
        float[] after = m.predict(x).data;
        assertArrayEquals(m.forward(x, false).data, after, 1e-5f);
        assertFalse(java.util.Arrays.equals(before, after), "training changed the predictions");
    }

    @Test
    void outputsOfForwardStayTheCallersAfterPredictReusedTheLayersBuffers() {
        Model m = TestModels.tinyConvNet(2, 0.01f);
        Tensor x = TestModels.patterns(20, 4).x();
        List<Tensor> kept = m.forwardAll(x.slice(0, 8));
        float[][] copies = kept.stream().map(t -> t.data.clone()).toArray(float[][]::new);
        m.predict(x.slice(8, 20));
        m.forwardAll(x.slice(8, 16));
        for (int i = 0; i < copies.length; i++) assertArrayEquals(copies[i], kept.get(i).data, "layer " + i);
    }

    @Test
    void sameSeedBuildsSameWeightsAndOtherSeedOthers() {
        float[] a = TestModels.values(Presets.create("seed-001").build(5).params());
        assertArrayEquals(a, TestModels.values(Presets.create("seed-001").build(5).params()));
        assertFalse(java.util.Arrays.equals(a, TestModels.values(Presets.create("seed-001").build(6).params())));
    }
}
