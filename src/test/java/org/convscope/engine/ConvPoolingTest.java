package org.convscope.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Training steps that fuse a first convolution with its max pooling ({@link ConvPooling}) give the losses and weights
 * of the two layers run one after the other, bit for bit, for every pooling geometry the fusion takes; and the fusion
 * is taken exactly where it applies.
 */
class ConvPoolingTest {

    /** Batches of 6, 6, 4 (a shorter last batch changes the shapes), then 6 again; inputs with negative values too. */
    private static List<Tensor[]> batches(Shape input) {
        List<Tensor[]> batches = new ArrayList<>();
        int[] sizes = {6, 6, 4, 6};
        for (int s = 0; s < sizes.length; s++) {
            Tensor x = GradientCheck.uniform(40 + s, -0.5f, 1f, input.withBatch(sizes[s]));
            Tensor y = Tensor.zeros(sizes[s]);
            for (int i = 0; i < sizes[s]; i++) y.data[i] = (i + s) % 10;
            batches.add(new Tensor[] {x, y});
        }
        return batches;
    }

    /** The losses of four steps, then every param's values; whether the first layer's own output was made is in made. */
    private static List<float[]> train(Supplier<Model> make, boolean fuse, boolean[] made) {
        Model m = make.get().build(5);
        m.compile(new Adam(3e-3f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        m.fuseConvPooling = fuse;
        List<float[]> out = new ArrayList<>();
        for (Tensor[] b : batches(m.inputShape())) out.add(new float[] {(float) m.trainStep(b[0], b[1]).loss()});
        for (Param p : m.params()) out.add(p.value.data.clone());
        made[0] = ((ActivatedLayer) m.layers().get(0)).y != null;
        return out;
    }

    /** Trains fused and apart; asserts the same numbers, and whether the fusion was taken. */
    private static void assertSameAsApart(String what, Supplier<Model> make, boolean fusedExpected) {
        boolean[] madeApart = new boolean[1], madeFused = new boolean[1];
        List<float[]> apart = train(make, false, madeApart);
        List<float[]> fused = train(make, true, madeFused);
        assertEquals(apart.size(), fused.size());
        for (int i = 0; i < apart.size(); i++) assertArrayEquals(apart.get(i), fused.get(i), what + ", item " + i);
        assertEquals(true, madeApart[0], what + ": apart, the convolution's output is made");
        assertEquals(!fusedExpected, madeFused[0], what + (fusedExpected ? ": fused" : ": not fused"));
    }

    private static Supplier<Model> convThenPool(int size, int filters, int kernel, MaxPooling2D pool) {
        return () -> new Model(Shape.of(size, size, 1))
                .add(new Conv2D(filters, kernel, Activation.RELU))
                .add(pool)
                .add(new Flatten())
                .add(new Dense(10, Activation.SOFTMAX));
    }

    @Test
    void fusedStepsGiveTheSameLossesAndWeightsBitForBit() {
        assertSameAsApart("seed-001", () -> Presets.create("seed-001"), true);
        assertSameAsApart("seed-002", () -> Presets.create("seed-002"), true);
        // 26×26 in windows of 2 that tile it; 27×27 with 'same' windows (the last ones are cut) and with 'valid' ones
        // (the last row and column lie in none); windows of 3 with stride 3; windows with gaps between them (stride > pool);
        // filters that are not a multiple of the vector length
        assertSameAsApart("pool 2, valid, tiling", convThenPool(28, 32, 3, new MaxPooling2D(2, Padding.VALID)), true);
        assertSameAsApart("pool 2, same, 27×27", convThenPool(29, 16, 3, new MaxPooling2D(2, Padding.SAME)), true);
        assertSameAsApart("pool 2, valid, 27×27", convThenPool(29, 16, 3, new MaxPooling2D(2, Padding.VALID)), true);
        assertSameAsApart("pool 3", convThenPool(20, 8, 5, new MaxPooling2D(3, Padding.VALID)), true);
        assertSameAsApart("pool 2×3, strides 3×4", convThenPool(21, 16, 3, new MaxPooling2D(2, 3, 3, 4, Padding.VALID)), true);
        assertSameAsApart("19 filters", convThenPool(16, 19, 3, new MaxPooling2D(2, Padding.VALID)), true);
    }

    @Test
    void onlyWhereItApplies() {
        // overlapping windows: a cell can win in two of them
        assertSameAsApart("pool 3, stride 2", convThenPool(20, 8, 3, new MaxPooling2D(3, 3, 2, 2, Padding.VALID)), false);
        // tanh: the pooling's backward pass is not ReLU's
        assertSameAsApart("tanh", () -> new Model(Shape.of(16, 16, 1))
                .add(new Conv2D(8, 3, Activation.TANH))
                .add(new MaxPooling2D(2, Padding.VALID))
                .add(new Flatten())
                .add(new Dense(10, Activation.SOFTMAX)), false);
        // the convolution's output read by two layers
        assertSameAsApart("two readers", () -> new Model(Shape.of(16, 16, 1))
                .add(new Conv2D(8, 3, Activation.RELU), "conv")
                .add(new MaxPooling2D(2, 2, 2, 2, Padding.VALID), "pool", "conv")
                .add(new MaxPooling2D(2, 2, 2, 2, Padding.VALID), "pool2", "conv")
                .add(new Add(), "add", "pool", "pool2")
                .add(new Flatten(), "flat", "add")
                .add(new Dense(10, Activation.SOFTMAX), "out", "flat"), false);
    }

    @Test
    void aConvolutionWhoseInputNeedsAGradientIsNotFused() {
        // the second 1-channel convolution must pass ∂L/∂x down to the first, which the fusion does not make
        Supplier<Model> make = () -> new Model(Shape.of(16, 16, 1))
                .add(new Conv2D(1, 3, Activation.RELU))
                .add(new Conv2D(8, 3, Activation.RELU))
                .add(new MaxPooling2D(2, Padding.VALID))
                .add(new Flatten())
                .add(new Dense(10, Activation.SOFTMAX));
        boolean[] made = new boolean[1];
        List<float[]> apart = train(make, false, made);
        List<float[]> fused = train(make, true, made);
        for (int i = 0; i < apart.size(); i++) assertArrayEquals(apart.get(i), fused.get(i), "item " + i);
        Model m = make.get().build(5);
        m.compile(new Adam(3e-3f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        Tensor[] b = batches(m.inputShape()).get(0);
        m.trainStep(b[0], b[1]);
        assertNotNull(((ActivatedLayer) m.layers().get(1)).y, "the second convolution's output is made");
    }

    @Test
    void aFrozenFusedConvolutionKeepsItsWeights() {
        List<List<float[]>> runs = new ArrayList<>();
        for (boolean fuse : new boolean[] {false, true}) {
            Model m = Presets.create("seed-001").build(5);
            m.layers().get(0).setTrainable(false);
            m.compile(new Adam(3e-3f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
            m.fuseConvPooling = fuse;
            float[] kernelBefore = m.layers().get(0).params().get(0).value.data.clone();
            List<float[]> out = new ArrayList<>();
            for (Tensor[] b : batches(m.inputShape())) out.add(new float[] {(float) m.trainStep(b[0], b[1]).loss()});
            for (Param p : m.params()) out.add(p.value.data.clone());
            assertArrayEquals(kernelBefore, m.layers().get(0).params().get(0).value.data, "frozen kernel, fuse " + fuse);
            assertEquals(fuse, ((ActivatedLayer) m.layers().get(0)).y == null, "fused: " + fuse);
            runs.add(out);
        }
        for (int i = 0; i < runs.get(0).size(); i++) assertArrayEquals(runs.get(0).get(i), runs.get(1).get(i), "item " + i);
        assertNotEquals(0, runs.get(0).size());
    }

    @Test
    void inferenceAfterFusedStepsIsUnchanged() {
        Model m = Presets.create("seed-001").build(5);
        m.compile(new Adam(3e-3f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        Tensor[] b = batches(m.inputShape()).get(0);
        m.trainStep(b[0], b[1]);
        assertNull(((ActivatedLayer) m.layers().get(0)).y, "fused step");
        List<Tensor> maps = m.forwardAll(b[0]); // the feature-map views still see the convolution's own output
        assertEquals(List.of(6, 26, 26, 32), List.of(maps.get(0).dim(0), maps.get(0).dim(1), maps.get(0).dim(2), maps.get(0).dim(3)));
        assertArrayEquals(m.forward(b[0], false).data, maps.get(maps.size() - 1).data);
    }
}
