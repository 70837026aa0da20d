package org.convscope.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LossTest {
    private static final int N = 3;
    private static final int K = 4;

    /** Probabilities: a softmax of seeded logits, well inside (0, 1). */
    private static Tensor probabilities(long seed) {
        return Activation.SOFTMAX.forward(GradientCheck.gaussian(seed, N, K));
    }

    /** Targets for {@code loss}: labels (N) for the sparse loss, else one-hot rows (N, K). */
    private static Tensor targets(Loss loss) {
        int[] labels = {2, 0, 3};
        if (loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY) return new Tensor(new float[] {2, 0, 3}, N);
        Tensor t = Tensor.zeros(N, K);
        for (int n = 0; n < N; n++) t.data[n * K + labels[n]] = 1;
        return t;
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void gradientMatchesNumericalGradient(Loss loss) {
        Tensor p = probabilities(1), y = targets(loss);
        GradientCheck check = new GradientCheck(1e-3, GradientCheck.RTOL, GradientCheck.ATOL);
        check.compareAll("d" + loss.kerasName, loss.gradient(p, y).data, p.data, () -> loss.value(p, y), Integer.MAX_VALUE, 0)
                .assertPassed(loss.kerasName);
    }

    @Test
    void meanSquaredErrorGradientMatchesNumericalGradientForRealTargets() {
        Tensor p = GradientCheck.gaussian(1, N, K), y = GradientCheck.gaussian(2, N, K);
        Loss loss = Loss.MEAN_SQUARED_ERROR;
        new GradientCheck().compareAll("dmse", loss.gradient(p, y).data, p.data, () -> loss.value(p, y), Integer.MAX_VALUE, 0)
                .assertPassed("mse");
    }

    @Test
    void valuesMatchTheFormulas() {
        Tensor p = new Tensor(new float[] {0.5f, 0.25f, 0.25f, 0.1f, 0.8f, 0.1f}, 2, 3);
        Tensor oneHot = new Tensor(new float[] {1, 0, 0, 0, 0, 1}, 2, 3);
        Tensor labels = new Tensor(new float[] {0, 2}, 2);
        double ce = -(Math.log(0.5) + Math.log(0.1)) / 2;
        assertEquals(ce, Loss.CATEGORICAL_CROSSENTROPY.value(p, oneHot), 1e-6);
        assertEquals(ce, Loss.SPARSE_CATEGORICAL_CROSSENTROPY.value(p, labels), 1e-6);
        double mse = ((0.25 + 0.0625 + 0.0625) / 3 + (0.01 + 0.64 + 0.81) / 3) / 2;
        assertEquals(mse, Loss.MEAN_SQUARED_ERROR.value(p, oneHot), 1e-6);
    }

    @Test
    void crossEntropyClipsZeroProbabilities() {
        Tensor p = new Tensor(new float[] {0, 1}, 1, 2);
        assertEquals(-Math.log(1e-7), Loss.SPARSE_CATEGORICAL_CROSSENTROPY.value(p, new Tensor(new float[] {0}, 1)), 1e-4);
    }

    @Test
    void sparseLossRejectsLabelsOutsideTheClasses() {
        Tensor p = probabilities(1);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Loss.SPARSE_CATEGORICAL_CROSSENTROPY.value(p, new Tensor(new float[] {0, 4, 1}, N)));
        assertEquals("label 4.0 is not a class index in [0, 4)", e.getMessage());
    }

    /** The fused gradient (p − y)/N keeps its size when the softmax saturates, where 1/p would blow up. */
    @Test
    void fusedSoftmaxGradientStaysExactWhenSaturated() {
        Tensor p = Activation.SOFTMAX.forward(new Tensor(new float[] {60, 0, 0}, 1, 3)); // p ≈ (1, 1e-26, 1e-26)
        Tensor g = Loss.SPARSE_CATEGORICAL_CROSSENTROPY.gradientWrtSoftmaxLogits(p, new Tensor(new float[] {1}, 1));
        assertArrayEquals(new float[] {1, -1, 0}, g.data, 1e-6f);
    }

    // ---- the loss through a whole model: Model.trainStep against central differences ------------

    /** The loss trainStep minimises, recomputed from scratch: data loss + regularization penalties. */
    static double modelLoss(Model model, Tensor x, Tensor y) {
        double penalty = 0;
        for (Param p : model.trainableParams()) if (p.regularizer != null) penalty += p.regularizer.penalty(p.value);
        return model.loss().value(model.forward(x, true), y) + penalty;
    }

    /** Runs trainStep with weights held still and compares every param gradient with central differences. */
    static void checkTrainStep(Model model, Loss loss, Tensor x, Tensor y, GradientCheck check, int perParam) {
        model.compile(new GradientCapture(), loss);
        model.trainStep(x, y);
        List<Param> params = model.trainableParams();
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            check.compareAll(p.name + "#" + i, p.grad.data.clone(), p.value.data, () -> modelLoss(model, x, y), perParam, i);
        }
        check.assertPassed(model.name() + " with " + loss.kerasName);
    }

    private static Model smallClassifier(Layer... tail) {
        Model m = new Model(Shape.of(5, 5, 1))
                .add(new Conv2D(2, 3, 3, 1, 1, Padding.VALID, 1, 1, Activation.TANH, true))
                .add(new Flatten());
        for (Layer l : tail) m.add(l);
        m.build(21);
        for (Layer l : m.layers()) GradientCheck.randomizeParams(l, 22);
        return m;
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void trainStepGradientMatchesNumericalGradientWithSoftmaxOutput(Loss loss) {
        Model model = smallClassifier(new Dense(K, Activation.SOFTMAX));
        checkTrainStep(model, loss, GradientCheck.uniform(3, 0, 1, N, 5, 5, 1), targets(loss), new GradientCheck(), Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void trainStepGradientMatchesNumericalGradientWithSoftmaxActivationLayer(Loss loss) {
        Model model = smallClassifier(new Dense(K, Activation.LINEAR), new ActivationLayer(Activation.SOFTMAX));
        checkTrainStep(model, loss, GradientCheck.uniform(3, 0, 1, N, 5, 5, 1), targets(loss), new GradientCheck(), Integer.MAX_VALUE);
    }

    @Test
    void trainStepGradientMatchesNumericalGradientWithSigmoidOutput() {
        Model model = smallClassifier(new Dense(K, Activation.SIGMOID));
        Loss loss = Loss.CATEGORICAL_CROSSENTROPY;
        checkTrainStep(model, loss, GradientCheck.uniform(3, 0, 1, N, 5, 5, 1), targets(loss), new GradientCheck(), Integer.MAX_VALUE);
    }

    // ---- regularization -------------------------------------------------------------------------

    @Test
    void regularizerGradientMatchesNumericalGradient() {
        Regularizer reg = new Regularizer(0.03f, 0.2f);
        Tensor w = GradientCheck.uniform(4, -1, 1, 20);
        for (int i = 0; i < w.size(); i++) w.data[i] += Math.signum(w.data[i]) * 0.05f; // off the |w| kink
        Tensor grad = GradientCheck.gaussian(5, 20);
        Tensor before = grad.copy();
        reg.addGradient(w, grad);
        float[] added = new float[20];
        for (int i = 0; i < 20; i++) added[i] = grad.data[i] - before.data[i];
        new GradientCheck().compareAll("dpenalty", added, w.data, () -> reg.penalty(w), Integer.MAX_VALUE, 0)
                .assertPassed("L1L2");
    }

    @Test
    void regularizerPenaltyMatchesTheFormula() {
        Tensor w = new Tensor(new float[] {1, -2, 0.5f}, 3);
        assertEquals(0.1 * 3.5 + 0.01 * 5.25, new Regularizer(0.1f, 0.01f).penalty(w), 1e-6);
    }

    @Test
    void trainStepGradientIncludesTheRegularizer() {
        Model model = smallClassifier(new Dense(K, Activation.SOFTMAX).withKernelRegularizer(new Regularizer(0, 0.5f)));
        Loss loss = Loss.SPARSE_CATEGORICAL_CROSSENTROPY;
        checkTrainStep(model, loss, GradientCheck.uniform(3, 0, 1, N, 5, 5, 1), targets(loss), new GradientCheck(), Integer.MAX_VALUE);
    }
}
