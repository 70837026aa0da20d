package org.convscope.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The speed work changes no maths: the same model and batch give every layer's output, every gradient and
 * the updated weights on the fast path (Vector API GEMM) and on the reference path (EJML) equal to float rounding.
 */
class FastPathTest {

    @AfterEach
    void restoreTheDefaultGemm() {
        Gemm.use(Gemm.fastest());
    }

    /** Every layer's output for a batch, then every parameter after one Adam step, under {@code gemm}. */
    private static List<float[]> run(Gemm gemm, String preset, Tensor x, Tensor y) {
        Gemm.use(gemm);
        Model m = Presets.create(preset).build(7);
        m.compile(new Adam(1e-3f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        List<float[]> out = new ArrayList<>();
        for (Tensor t : m.forwardAll(x)) out.add(t.data.clone());
        m.trainStep(x, y);
        for (Param p : m.params()) out.add(p.value.data.clone());
        return out;
    }

    @Test
    void seed001AgreesLayerByLayerAndAfterATrainingStep() {
        agree("seed-001", Shape.of(28, 28, 1));
    }

    @Test
    void lenet5WithSamePaddingAndTanhAgrees() {
        agree("lenet5", Shape.of(28, 28, 1));
    }

    @Test
    void seed004WithThreeChannelsAndActivationLayersAgrees() {
        agree("seed-004", Shape.of(32, 32, 3));
    }

    private static void agree(String preset, Shape input) {
        int n = 5;
        Tensor x = GradientCheck.uniform(3, 0f, 1f, input.withBatch(n));
        Tensor y = Tensor.zeros(n);
        for (int i = 0; i < n; i++) y.data[i] = i % 10;
        List<float[]> reference = run(new EjmlGemm(), preset, x, y);
        List<float[]> fast = run(Gemm.fastest(), preset, x, y);
        assertEquals(reference.size(), fast.size());
        for (int i = 0; i < reference.size(); i++) {
            float[] r = reference.get(i), f = fast.get(i);
            assertEquals(r.length, f.length);
            for (int j = 0; j < r.length; j++) {
                assertEquals(r[j], f[j], 1e-4 * Math.max(1, Math.abs(r[j])), preset + ": array " + i + " differs at " + j);
            }
        }
    }

    @Test
    void firstLayerSkipsOnlyItsInputGradient() {
        Conv2D skipping = new Conv2D(4, 3, Activation.RELU), full = new Conv2D(4, 3, Activation.RELU);
        skipping.build(Shape.of(6, 6, 2), new Rng(1));
        full.build(Shape.of(6, 6, 2), new Rng(1));
        Tensor x = GradientCheck.gaussian(2, 3, 6, 6, 2), dOut = GradientCheck.gaussian(4, 3, 4, 4, 4);
        skipping.forward(x, true);
        full.forward(x, true);
        assertNull(skipping.backward(dOut, false));
        full.backward(dOut);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(full.params().get(i).grad.data, skipping.params().get(i).grad.data, 0f);
        }
    }

    @Test
    void maxPoolingFastLoopMatchesThePlainOneIncludingTiesAndSamePadding() {
        // values on a coarse grid, so windows hold ties: the first cell in row-major order must win in both
        Tensor x = GradientCheck.uniform(5, -2f, 2f, 3, 7, 9, 5);
        for (int i = 0; i < x.data.length; i++) x.data[i] = Math.round(x.data[i]);
        MaxPooling2D[] layers = {new MaxPooling2D(2, Padding.VALID), new MaxPooling2D(2, Padding.SAME),
                new MaxPooling2D(3, 3, 2, 2, Padding.SAME), new MaxPooling2D(3, 2, 1, 2, Padding.VALID)};
        for (MaxPooling2D pool : layers) {
            pool.build(x.exampleShape(), new Rng(0));
            Tensor fast = pool.forward(x, true);
            Tensor dOut = GradientCheck.gaussian(6, fast.shape());
            Tensor fastDx = pool.backward(dOut);
            Tensor plain = pool.forwardReference(x);
            Tensor plainDx = pool.backward(dOut);
            assertArrayEquals(plain.data, fast.data, 0f, pool.config().toString());
            assertArrayEquals(plainDx.data, fastDx.data, 0f, pool.config().toString());
        }
    }
}
