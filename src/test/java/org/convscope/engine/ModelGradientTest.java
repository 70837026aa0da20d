package org.convscope.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The seed-001 model end to end on two images: a random subset of every layer's parameters through
 * {@link Model#trainStep} (fused softmax + cross-entropy), and of the input gradient through the
 * same backward chain, against central differences of the model's loss.
 * <p>
 * Pixels are in [0, 1) like a real image, so thousands of ReLU and max-pool kinks lie near the
 * operating point, and a float32 step large enough to rise above rounding (10⁻²) crosses dozens of
 * them. So the numerical side runs in double ({@link DoubleForward}) with a step of 10⁻⁶.
 */
class ModelGradientTest {
    private static final Loss LOSS = Loss.SPARSE_CATEGORICAL_CROSSENTROPY;
    private static final int PER_PARAM = 8;

    @Test
    void seed001BackwardMatchesNumericalGradientEndToEnd() {
        Model model = Presets.create("seed-001").build(1);
        Tensor x = GradientCheck.uniform(2, 0, 1, 2, 28, 28, 1);
        Tensor y = new Tensor(new float[] {3, 7}, 2);
        DoubleForward reference = new DoubleForward(model);
        double[] xd = new double[x.size()];
        for (int i = 0; i < xd.length; i++) xd[i] = x.data[i];
        DoubleSupplier loss = () -> reference.loss(xd, 2, y.data);

        model.compile(new GradientCapture(), LOSS);
        double trainLoss = model.trainStep(x, y).loss();
        assertEquals(loss.getAsDouble(), trainLoss, 1e-5, "the double forward computes the same loss");

        GradientCheck check = new GradientCheck(1e-6, 2e-3, 1e-5);
        List<Param> params = model.trainableParams();
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            compare(check, p.name + "#" + i, p.grad.data, reference.values(p), loss, i);
        }

        // ∂L/∂x: the chain trainStep runs, continued down to the input
        Tensor probabilities = model.forward(x, true);
        List<Layer> layers = model.layers();
        Tensor grad = layers.get(layers.size() - 1).backwardFromPreActivation(LOSS.gradientWrtSoftmaxLogits(probabilities, y));
        for (int i = layers.size() - 2; i >= 0; i--) grad = layers.get(i).backward(grad);
        compare(check, "dInput", grad.data, xd, loss, 99);

        check.assertPassed("seed-001");
    }

    @Test
    void maxPoolingOverReluGivesTheSameGradientsAsTheTwoBackwardPassesOneAfterTheOther() {
        // seed-001 (2×2 pools that tile their input), seed-004 (a pool over an Activation('relu') layer) and 3×3 pools
        // of stride 2 (overlapping windows share winners)
        Model overlapping = new Model(Shape.of(12, 12, 1))
                .add(new Conv2D(4, 3, Activation.RELU))
                .add(new MaxPooling2D(3, 3, 2, 2, Padding.VALID))
                .add(new Conv2D(8, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.RELU, true))
                .add(new MaxPooling2D(2, Padding.SAME))
                .add(new Flatten())
                .add(new Dense(10, Activation.SOFTMAX));
        for (Model model : new Model[] {Presets.create("seed-001").build(1), Presets.create("seed-004").build(2), overlapping.build(3)}) {
            Shape in = model.inputShape();
            Tensor x = GradientCheck.uniform(6, -0.5f, 1, in.withBatch(3)); // negative pixels: many windows entirely ≤ 0
            Tensor y = new Tensor(new float[] {3, 7, 0}, 3);
            model.compile(new GradientCapture(), LOSS);
            model.trainStep(x, y); // pooling hands the ReLU layer below ∂L/∂z
            List<Param> params = model.trainableParams();
            float[][] fused = new float[params.size()][];
            for (int i = 0; i < fused.length; i++) {
                fused[i] = params.get(i).grad.data.clone();
                params.get(i).zeroGrad();
            }

            Tensor probabilities = model.forward(x, true); // every layer's own backward pass, one after the other
            List<Layer> layers = model.layers();
            Tensor grad = layers.get(layers.size() - 1).backwardFromPreActivation(LOSS.gradientWrtSoftmaxLogits(probabilities, y));
            for (int i = layers.size() - 2; i >= 0; i--) grad = layers.get(i).backward(grad);
            for (int i = 0; i < fused.length; i++) {
                assertArrayEquals(params.get(i).grad.data, fused[i], params.get(i).name + " of " + model.name());
            }
        }
    }

    /** Central differences in double along {@link #PER_PARAM} seeded coordinates of {@code values}. */
    private static void compare(GradientCheck check, String what, float[] analytic, double[] values, DoubleSupplier loss, long seed) {
        for (int i : GradientCheck.pick(values.length, PER_PARAM, seed)) {
            check.compare(what + "[" + i + "]", analytic[i], check.numeric(values, i, loss));
        }
    }
}
