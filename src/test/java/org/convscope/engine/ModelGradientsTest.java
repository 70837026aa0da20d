package org.convscope.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Model#gradients}: the gradient of a score {@code s = Σ dOut ⊙ out} after one inference, against
 * central differences of s, with respect to the input and to layers' outputs; and that it leaves training alone.
 */
class ModelGradientsTest {

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }

    private static double dot(Tensor r, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) s += r.data[i] * y[i];
        return s;
    }

    @Test
    void seed001GradientsMatchCentralDifferencesOfTheScore() {
        Model model = Presets.create("seed-001").build(4);
        Tensor x = GradientCheck.uniform(3, 0, 1, 1, 28, 28, 1);
        Tensor dOut = GradientCheck.gaussian(5, 1, 10);
        Model.Gradients g = model.gradients(x, 6, dOut, false);

        DoubleForward reference = new DoubleForward(model);
        GradientCheck check = new GradientCheck(1e-6, 2e-3, 1e-6);
        double[] xd = toDouble(x.data);
        for (int i : GradientCheck.pick(xd.length, 60, 1)) {
            check.compare("dInput[" + i + "]", g.inputGradient().data[i], check.numeric(xd, i, () -> dot(dOut, reference.output(xd, 1, 0))));
        }
        for (int layer : new int[] {0, 2, 3, 5}) { // conv, conv, pooled maps, hidden dense: ∂s/∂(that output)
            double[] out = toDouble(g.outputs().get(layer).data);
            float[] analytic = g.outputGradients().get(layer).data;
            for (int i : GradientCheck.pick(out.length, 40, layer)) {
                if (layer <= 2 && out[i] <= 0) continue; // a ReLU map: its zeros tie in their max-pool window
                check.compare("layer " + layer + "[" + i + "]", analytic[i], check.numeric(out, i, () -> dot(dOut, reference.output(out, 1, layer + 1))));
            }
        }
        check.assertPassed("seed-001 gradients");
        assertSame(dOut, g.outputGradients().get(6), "the last output gradient is dOut itself");
        assertArrayEquals(model.forward(x, false).data, g.outputs().get(6).data, 1e-6f);
    }

    @Test
    void beforeSoftmaxDifferentiatesTheLogits() {
        Model softmax = Presets.create("seed-001").build(2);
        Model linear = new Model(Shape.of(28, 28, 1))
                .add(new Conv2D(32, 3, Activation.RELU)).add(new MaxPooling2D(2, Padding.VALID))
                .add(new Conv2D(64, 3, Activation.RELU)).add(new MaxPooling2D(2, Padding.SAME))
                .add(new Flatten()).add(new Dense(64, Activation.RELU)).add(new Dense(10, Activation.LINEAR)).build(9);
        Param.copyValues(softmax.params(), linear.params());
        Tensor x = GradientCheck.uniform(6, 0, 1, 2, 28, 28, 1);
        Tensor dOut = GradientCheck.gaussian(7, 2, 10);

        float[] fromLogits = softmax.gradients(x, 6, dOut, true).inputGradient().data;
        float[] ofLinear = linear.gradients(x, 6, dOut, false).inputGradient().data;
        assertArrayEquals(ofLinear, fromLogits, 1e-5f);
        float[] ofProbabilities = softmax.gradients(x, 6, dOut, false).inputGradient().data;
        assertTrue(maxDifference(ofProbabilities, ofLinear) > 1e-3, "through the softmax the gradient is another one");
    }

    /** A filter's response before its ReLU, scored at the second convolution: ∂s/∂x against central differences. */
    @Test
    void scoresAnInnerLayerBeforeItsActivation() {
        Model model = Presets.create("seed-001").build(6);
        Model linearConvs = new Model(Shape.of(28, 28, 1))
                .add(new Conv2D(32, 3, Activation.RELU)).add(new MaxPooling2D(2, Padding.VALID))
                .add(new Conv2D(64, 3, Activation.LINEAR)).build(1);
        Param.copyValues(model.params().subList(0, 4), linearConvs.params());
        Tensor x = GradientCheck.uniform(17, 0, 1, 1, 28, 28, 1);
        Tensor dOut = GradientCheck.gaussian(18, 1, 11, 11, 64);
        Model.Gradients g = model.gradients(x, 2, dOut, true);
        assertEquals(3, g.outputs().size());
        assertEquals(3, g.outputGradients().size());

        DoubleForward reference = new DoubleForward(linearConvs);
        GradientCheck check = new GradientCheck(1e-6, 2e-3, 1e-6);
        double[] xd = toDouble(x.data);
        for (int i : GradientCheck.pick(xd.length, 60, 2)) {
            check.compare("dInput[" + i + "]", g.inputGradient().data[i], check.numeric(xd, i, () -> dot(dOut, reference.output(xd, 1, 0))));
        }
        check.assertPassed("pre-activation of conv2d_1");
    }

    @Test
    void inputScaleIsPartOfTheInputGradient() {
        Model scaled = Presets.create("seed-001").build(3).setInputScale(255);
        Model plain = scaled.copy().setInputScale(1);
        Tensor x = GradientCheck.uniform(8, 0, 1 / 255f, 1, 28, 28, 1);
        Tensor x255 = Tensor.zeros(1, 28, 28, 1);
        for (int i = 0; i < x255.size(); i++) x255.data[i] = 255 * x.data[i];
        Tensor dOut = GradientCheck.gaussian(9, 1, 10);
        float[] g = scaled.gradients(x, 6, dOut, false).inputGradient().data;
        float[] g1 = plain.gradients(x255, 6, dOut, false).inputGradient().data;
        for (int i = 0; i < g.length; i++) assertEquals(255 * g1[i], g[i], 1e-4 * (1 + Math.abs(g[i])), "pixel " + i);
    }

    /**
     * Rescaling, BatchNormalization with moving statistics, Dropout (identity), average pooling, an Activation layer
     * and softmax: all smooth, so float central differences with ε = 10⁻² hold (a ReLU-like kink would not).
     */
    @Test
    void inferenceLayersAreDifferentiatedAsTheMapTheyApply() {
        Model model = new Model(Shape.of(6, 6, 2))
                .add(new Rescaling(2, -1))
                .add(new Conv2D(3, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.TANH, true))
                .add(new BatchNormalization())
                .add(new Dropout(0.5f))
                .add(new AveragePooling2D(2, Padding.VALID))
                .add(new ActivationLayer(Activation.SIGMOID))
                .add(new Flatten())
                .add(new Dense(4, Activation.SOFTMAX))
                .build(11);
        BatchNormalization bn = (BatchNormalization) model.layers().get(2);
        List<Param> stats = bn.params(); // gamma, beta, moving mean, moving variance
        float[][] values = {{1.5f, -0.7f, 2}, {0.2f, 0.1f, -0.3f}, {0.3f, -0.2f, 0.1f}, {0.5f, 2, 1.2f}};
        for (int p = 0; p < 4; p++) System.arraycopy(values[p], 0, stats.get(p).value.data, 0, 3);
        Tensor x = GradientCheck.uniform(12, 0, 1, 2, 6, 6, 2);
        Tensor dOut = GradientCheck.gaussian(13, 2, 4);
        float[] analytic = model.gradients(x, 7, dOut, false).inputGradient().data;

        Tensor probe = x.copy();
        GradientCheck check = new GradientCheck();
        check.compareAll("dInput", analytic, probe.data, () -> GradientCheck.dot(dOut, model.forward(probe, false)), Integer.MAX_VALUE, 1);
        check.assertPassed("inference layers");
    }

    @Test
    void leavesParamGradientsAndTrainableFlagsAloneAndTrainingUndisturbed() {
        Model model = Presets.create("seed-001").build(5);
        model.layers().get(0).setTrainable(false);
        model.compile(new Adam(1e-3f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        Model twin = model.copy();
        twin.layers().get(0).setTrainable(false);
        twin.compile(new Adam(1e-3f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        for (Param p : model.params()) java.util.Arrays.fill(p.grad.data, 0.25f);

        model.gradients(GradientCheck.uniform(14, 0, 1, 2, 28, 28, 1), 6, GradientCheck.gaussian(15, 2, 10), true);
        for (Param p : model.params()) for (float v : p.grad.data) assertEquals(0.25f, v, "no param gradient is touched: " + p.name);
        assertEquals(List.of(false, true, true, true, true, true, true), model.layers().stream().map(Layer::isTrainable).toList());

        Tensor xb = GradientCheck.uniform(16, 0, 1, 4, 28, 28, 1);
        Tensor yb = new Tensor(new float[] {1, 2, 3, 4}, 4);
        assertEquals(twin.trainStep(xb, yb).loss(), model.trainStep(xb, yb).loss(), 0);
        for (int i = 0; i < model.params().size(); i++) {
            assertArrayEquals(twin.params().get(i).value.data, model.params().get(i).value.data, "after a step: " + model.params().get(i).name);
        }
    }

    @Test
    void refusesAScoreOfTheWrongShape() {
        Model model = Presets.create("seed-001").build(1);
        var e = assertThrows(IllegalArgumentException.class, () -> model.gradients(Tensor.zeros(1, 28, 28, 1), 6, Tensor.zeros(1, 9), false));
        assertTrue(e.getMessage().contains("[1, 10]"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> model.gradients(Tensor.zeros(1, 28, 28, 1), 7, Tensor.zeros(1, 10), false));
    }

    /**
     * A graph (conv_a feeds conv_b and the add; the input feeds conv_a and the concatenation): the input gradient
     * of a score at the top and at the inner add equals central differences of that layer's output, and the
     * output gradient of a layer two paths read is the sum of both (it would be one path's if the sum were lost).
     */
    @Test
    void graphGradientsSumOverBranchesAndScoreAnyLayer() {
        Model model = GraphModelTest.residual().build(3);
        Tensor x = GradientCheck.uniform(8, -1, 1, 1, 6, 6, 2);
        for (int scored : new int[] {2, model.layers().size() - 1}) {
            Tensor dOut = GradientCheck.gaussian(9 + scored, model.forwardAll(x).get(scored).shape());
            Model.Gradients g = model.gradients(x, scored, dOut, false);
            float eps = 1e-2f;
            for (int i = 0; i < x.size(); i += 5) {
                float keep = x.data[i];
                x.data[i] = keep + eps;
                double up = dot(model.forwardAll(x).get(scored), toDouble(dOut.data));
                x.data[i] = keep - eps;
                double down = dot(model.forwardAll(x).get(scored), toDouble(dOut.data));
                x.data[i] = keep;
                double numeric = (up - down) / (2 * eps);
                assertEquals(numeric, g.inputGradient().data[i], 2e-3 * Math.max(1, Math.abs(numeric)), "scored " + scored + ", dInput[" + i + "]");
            }
        }
        // conv_a's output gradient, scored at the add: ∂(add)/∂conv_a directly plus through conv_b
        Tensor dAdd = GradientCheck.gaussian(21, 1, 6, 6, 3);
        Model.Gradients g = model.gradients(x, 2, dAdd, false);
        Tensor throughConvB = model.gradients(x, 1, dAdd, false).outputGradients().get(0); // ∂(Σ dAdd⊙conv_b)/∂conv_a
        float[] sum = g.outputGradients().get(0).data;
        for (int i = 0; i < sum.length; i++) assertEquals(dAdd.data[i] + throughConvB.data[i], sum[i], 1e-5, "conv_a[" + i + "]");
    }

    private static double maxDifference(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
