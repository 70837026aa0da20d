package org.convscope.trace.explain;

import org.convscope.engine.Activation;
import org.convscope.engine.AveragePooling2D;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Dense;
import org.convscope.engine.Flatten;
import org.convscope.engine.Model;
import org.convscope.engine.Padding;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Saliency against central differences of the class score z_k (before the softmax). The models are smooth (tanh,
 * average pooling), so a float step of 10⁻² stays far from kinks; z_k is read off a twin whose last layer is linear.
 */
class SaliencyTest {

    /** A LeNet-like model of tanh convolutions over a (6, 6, channels) input; with {@code softmax} false its logits. */
    private static Model smooth(int channels, boolean softmax) {
        return new Model(Shape.of(6, 6, channels))
                .add(new Conv2D(4, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.TANH, true))
                .add(new AveragePooling2D(2, Padding.VALID))
                .add(new Conv2D(6, 2, Activation.TANH))
                .add(new Flatten())
                .add(new Dense(5, softmax ? Activation.SOFTMAX : Activation.LINEAR))
                .build(3);
    }

    private static Tensor image(int channels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor x = Tensor.zeros(1, 6, 6, channels);
        for (int i = 0; i < x.size(); i++) x.data[i] = (float) random.nextDouble();
        return x;
    }

    private static void copyWeights(Model from, Model to) {
        for (int i = 0; i < from.params().size(); i++) {
            float[] v = from.params().get(i).value.data;
            System.arraycopy(v, 0, to.params().get(i).value.data, 0, v.length);
        }
    }

    /** ∂z_k/∂x[i] by central differences on the logits twin, in double. x restored. */
    private static double numeric(Model logits, Tensor x, int k, int i) {
        float eps = 1e-2f, v = x.data[i];
        x.data[i] = v + eps;
        double up = logits.forward(x, false).data[k];
        x.data[i] = v - eps;
        double down = logits.forward(x, false).data[k];
        x.data[i] = v;
        return (up - down) / ((double) (v + eps) - (v - eps));
    }

    @Test
    void gradientTimesInputEqualsCentralDifferencesOfTheClassScore() {
        Model model = smooth(1, true), logits = smooth(1, false);
        copyWeights(model, logits);
        Tensor x = image(1, 1);
        for (int k = 0; k < 5; k++) {
            HeatMap g = Saliency.gradient(model, x, k), gx = Saliency.gradientTimesInput(model, x, k);
            for (int p = 0; p < 36; p++) {
                double d = numeric(logits, x, k, p);
                assertEquals(Math.abs(d), g.get(p / 6, p % 6), 1e-3 * Math.abs(d) + 2e-5, "|∂z/∂x| class " + k + " pixel " + p);
                assertEquals(x.data[p] * d, gx.get(p / 6, p % 6), 1e-3 * Math.abs(d) + 2e-5, "x·∂z/∂x class " + k + " pixel " + p);
            }
        }
    }

    @Test
    void colourSaliencyTakesTheLargestChannelAndTimesInputSumsThem() {
        Model model = smooth(3, true), logits = smooth(3, false);
        copyWeights(model, logits);
        Tensor x = image(3, 2);
        HeatMap g = Saliency.gradient(model, x, 2), gx = Saliency.gradientTimesInput(model, x, 2);
        for (int p = 0; p < 36; p++) {
            double max = 0, sum = 0;
            for (int c = 0; c < 3; c++) {
                double d = numeric(logits, x, 2, p * 3 + c);
                max = Math.max(max, Math.abs(d));
                sum += x.data[p * 3 + c] * d;
            }
            assertEquals(max, g.get(p / 6, p % 6), 1e-3 * max + 2e-5, "pixel " + p);
            assertEquals(sum, gx.get(p / 6, p % 6), 1e-3 * Math.abs(max) + 5e-5, "pixel " + p);
        }
    }

    @Test
    void refusesAClassOrImageTheModelDoesNotHave() {
        Model model = smooth(1, true);
        var e = assertThrows(IllegalArgumentException.class, () -> Saliency.gradient(model, image(1, 1), 5));
        assertEquals("class 5 is not one of the model's 0..4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Saliency.gradient(model, Tensor.zeros(1, 5, 5, 1), 0));
    }
}
