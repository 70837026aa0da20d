package org.convscope.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BatchNormalizationTest {

    private static BatchNormalization bn(Shape in) {
        BatchNormalization layer = new BatchNormalization();
        layer.build(in, new Rng(0));
        // every param away from its default so that all of them matter
        GradientCheck.randomizeParams(layer, 6);
        float[] gamma = layer.params().get(0).value.data, variance = layer.params().get(3).value.data;
        for (int i = 0; i < gamma.length; i++) {
            gamma[i] += 1;    // in [0.5, 1.5)
            variance[i] += 1; // moving variance in [0.5, 1.5)
        }
        return layer;
    }

    @Test
    void trainingBackwardMatchesNumericalGradientOnImages() {
        BatchNormalization layer = bn(Shape.of(3, 3, 2));
        Tensor x = GradientCheck.gaussian(7, 3, 3, 3, 2);
        for (int i = 0; i < x.size(); i++) x.data[i] = 2 * x.data[i] + 1; // mean ≠ 0, variance ≠ 1
        GradientCheck.checkLayer(layer, x, true, 8);
    }

    @Test
    void trainingBackwardMatchesNumericalGradientOnVectors() {
        BatchNormalization layer = bn(Shape.of(4));
        GradientCheck.checkLayer(layer, GradientCheck.gaussian(9, 6, 4), true, 8);
    }

    /** Inference normalises with fixed moving statistics, so ∂y/∂x is just γ/√(σ² + ε) (a saliency map needs this). */
    @Test
    void inferenceBackwardMatchesNumericalGradient() {
        BatchNormalization layer = bn(Shape.of(3, 3, 2));
        GradientCheck.checkLayer(layer, GradientCheck.gaussian(7, 3, 3, 3, 2), false, 8);
    }

    @Test
    void frozenLayerKeepsItsMovingStatisticsAndUsesThem() {
        // Keras: a BatchNormalization with trainable = False runs in inference mode
        Model m = new Model(Shape.of(3))
                .add(new BatchNormalization())
                .add(new Dense(2, Activation.SOFTMAX))
                .build(1);
        m.compile(new Sgd(0.1f, 0, false), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        Layer bn = m.layers().get(0);
        bn.setTrainable(false);
        float[] before = TestModels.values(bn.params());
        Tensor x = GradientCheck.gaussian(2, 4, 3);
        for (int i = 0; i < x.size(); i++) x.data[i] = 3 * x.data[i] + 5;
        Tensor inference = bn.forward(x, false);
        assertArrayEquals(inference.data, bn.forward(x, true).data, "training pass of a frozen layer = inference");
        m.trainStep(x, new Tensor(new float[] {0, 1, 1, 0}, 4));
        assertArrayEquals(before, TestModels.values(bn.params()));
    }

    @Test
    void trainingNormalisesEachChannelOverTheBatch() {
        BatchNormalization layer = new BatchNormalization();
        layer.build(Shape.of(2), new Rng(0));
        // channel 0: 1, 3 (μ 2, σ² 1); channel 1: 10, 10 (σ² 0)
        Tensor y = layer.forward(new Tensor(new float[] {1, 10, 3, 10}, 2, 2), true);
        float s = (float) (1 / Math.sqrt(1 + 1e-3));
        assertEquals(-s, y.data[0], 1e-6);
        assertEquals(s, y.data[2], 1e-6);
        assertEquals(0, y.data[1], 1e-6);
        // moving statistics: 0.99·old + 0.01·batch
        Param mean = layer.params().get(2), var = layer.params().get(3);
        assertEquals(0.02f, mean.value.data[0], 1e-6);
        assertEquals(0.1f, mean.value.data[1], 1e-6);
        assertEquals(0.99f + 0.01f, var.value.data[0], 1e-6);
        assertEquals(0.99f, var.value.data[1], 1e-6);
    }

    @Test
    void inferenceUsesMovingStatistics() {
        BatchNormalization layer = new BatchNormalization();
        layer.build(Shape.of(1), new Rng(0));
        layer.params().get(2).value.data[0] = 4;   // moving mean
        layer.params().get(3).value.data[0] = 9;   // moving variance
        layer.params().get(0).value.data[0] = 2;   // gamma
        layer.params().get(1).value.data[0] = 0.5f; // beta
        Tensor y = layer.forward(new Tensor(new float[] {10}, 1, 1), false);
        assertEquals(2 * (10 - 4) / Math.sqrt(9 + 1e-3) + 0.5, y.data[0], 1e-5);
        assertEquals(4, layer.params().get(2).value.data[0], "inference leaves the moving mean alone");
    }

    @Test
    void countsFourTimesChannelsOfWhichHalfTrainable() {
        BatchNormalization layer = new BatchNormalization();
        layer.build(Shape.of(5, 5, 8), new Rng(0));
        assertEquals(32, layer.paramCount());
        assertEquals(16, layer.trainableParamCount());
    }
}
