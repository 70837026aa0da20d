package org.convscope.engine.export;

import org.convscope.engine.Activation;
import org.convscope.engine.ActivationLayer;
import org.convscope.engine.Add;
import org.convscope.engine.Concatenate;
import org.convscope.engine.DepthwiseConv2D;
import org.convscope.engine.GlobalAveragePooling2D;
import org.convscope.engine.GlobalMaxPooling2D;
import org.convscope.engine.SeparableConv2D;
import org.convscope.engine.ZeroPadding2D;
import org.convscope.engine.AveragePooling2D;
import org.convscope.engine.BatchNormalization;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Dense;
import org.convscope.engine.Dropout;
import org.convscope.engine.Flatten;
import org.convscope.engine.LeakyReLU;
import org.convscope.engine.MaxPooling2D;
import org.convscope.engine.Model;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Padding;
import org.convscope.engine.Param;
import org.convscope.engine.Presets;
import org.convscope.engine.Regularizer;
import org.convscope.engine.Rescaling;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The models every export is tested on, and what the tests feed them. */
public final class ExportModels {
    private ExportModels() {
    }

    /**
     * Every preset, stacks and graphs (random weights, biases and statistics too), both pretrained models, and a
     * model of every layer and option of each kind.
     */
    public static Stream<String> names() {
        return Stream.concat(Presets.NAMES.stream(), Stream.of("mnist-cnn", "fashion-cnn", "every-layer", "every-graph-layer", "three-way-add"));
    }

    /** The named model, built, with every weight set so that none is left at its initial 0 or 1. */
    public static Model model(String name) throws IOException {
        if (name.endsWith("-cnn")) return ModelIO.load(Path.of("assets", "models", name + ".convscope"));
        Model m = switch (name) {
            case "every-layer" -> everyLayer();
            case "every-graph-layer" -> everyGraphLayer();
            case "three-way-add" -> threeWayAdd();
            default -> Presets.create(name).build(7);
        };
        randomize(m, 11);
        return m;
    }

    /**
     * Every layer the engine has, with the options Keras writes differently: a model trained on 0–255
     * pixels (input scale 255), 'same' padding, strides, dilation, no bias, an L2 kernel regularizer, batch
     * normalization, frozen layers.
     */
    public static Model everyLayer() {
        Model m = new Model(Shape.of(9, 9, 2))
                .add(new Conv2D(4, 3, 3, 2, 1, Padding.SAME, 1, 1, Activation.ELU, false))
                .add(new BatchNormalization(0.9f, 0.01f))
                .add(new LeakyReLU(0.1f))
                .add(new Conv2D(3, 2, 2, 1, 1, Padding.VALID, 2, 2, Activation.SELU, true).withKernelRegularizer(new Regularizer(0, 1e-3f)))
                .add(new AveragePooling2D(2, 2, 1, 1, Padding.SAME))
                .add(new ActivationLayer(Activation.TANH))
                .add(ActivationLayer.relu())
                .add(new MaxPooling2D(2, Padding.SAME))
                .add(new Flatten())
                .add(new Dropout(0.25f))
                .add(new Dense(6, Activation.SIGMOID))
                .add(new BatchNormalization(0.99f, 1e-3f))
                .add(new Dense(5, Activation.LEAKY_RELU, false))
                .add(new Rescaling(2f, -0.5f))
                .add(new Dense(3, Activation.LINEAR))
                .add(ActivationLayer.softmax());
        m.layers().get(0).setTrainable(false);
        m.layers().get(1).setTrainable(false);
        m.setName("every_layer");
        return m.build(3).setInputScale(255);
    }

    /**
     * A graph of every layer only graphs have, with the options Keras writes differently: uneven zero padding,
     * a depthwise convolution (multiplier 2, stride 2), a dilated separable one, frozen; a tensor used three
     * times (conv2d feeds the depthwise convolution, the Add and a Concatenate), the input used twice (a
     * Concatenate joins a branch from it), global average and max pooling of the same map joined
     * (a Concatenate of vectors); a model that scales its input, so the leading Rescaling the export adds
     * feeds two layers (by 2, not 255: without a normalisation before them, 0–255 inputs would saturate the
     * softmax and hide any difference).
     */
    public static Model everyGraphLayer() {
        Model m = new Model(Shape.of(8, 8, 2));
        String in = m.inputName();
        m.add(new ZeroPadding2D(1, 0, 0, 1), "zero_padding2d", in)                               // (9, 9, 2)
                .add(new Conv2D(4, 3, Activation.RELU), "conv2d", "zero_padding2d")              // (7, 7, 4)
                .add(new DepthwiseConv2D(3, 3, 1, 1, Padding.SAME, 1, 1, 2, Activation.LINEAR, true), "depthwise_conv2d", "conv2d") // (7, 7, 8)
                .add(new BatchNormalization(0.99f, 1e-3f), "batch_normalization", "depthwise_conv2d")
                .add(new SeparableConv2D(4, 3, 3, 1, 1, Padding.SAME, 2, 2, 1, Activation.RELU, true), "separable_conv2d", "batch_normalization")
                .add(new Add(), "add", "separable_conv2d", "conv2d")
                .add(new Conv2D(3, 2, Activation.TANH), "conv2d_1", in)                           // (7, 7, 3)
                .add(new Concatenate(), "concatenate", "add", "conv2d_1", "conv2d")              // (7, 7, 11)
                .add(new DepthwiseConv2D(3, 3, 2, 2, Padding.SAME, 1, 1, 1, Activation.RELU, false), "depthwise_conv2d_1", "concatenate") // (4, 4, 11)
                .add(new GlobalAveragePooling2D(), "global_average_pooling2d", "depthwise_conv2d_1")
                .add(new GlobalMaxPooling2D(), "global_max_pooling2d", "depthwise_conv2d_1")
                .add(new Concatenate(), "concatenate_1", "global_average_pooling2d", "global_max_pooling2d") // (22)
                .add(new Dense(3, Activation.SOFTMAX), "dense", "concatenate_1");
        m.layers().get(4).setTrainable(false);
        m.setName("every_graph_layer");
        return m.build(5).setInputScale(2);
    }

    /** An Add of three tensors, one of them twice, on vectors (ONNX's Add takes two; this is its Sum). */
    public static Model threeWayAdd() {
        Model m = new Model(Shape.of(4));
        m.add(new Dense(3, Activation.RELU), "a", m.inputName())
                .add(new Dense(3, Activation.TANH), "b", m.inputName())
                .add(new Add(), "add", "a", "b", "a")
                .add(new Dense(2, Activation.SOFTMAX), "dense", "add");
        return m.build(1);
    }

    /**
     * Seeded random weights at a scale that keeps every layer's output, and the softmax, away from saturation
     * (kernels σ = 1.5/√fan-in, so that a difference anywhere shows in the outputs): biases and β around 0,
     * γ around 1, moving variances in 0.3–1.3.
     */
    public static void randomize(Model m, long seed) {
        Random r = new Random(seed);
        for (Param p : m.params()) {
            int[] shape = p.value.shape();
            int fanIn = p.value.data.length / shape[shape.length - 1];
            for (int i = 0; i < p.value.data.length; i++) {
                p.value.data[i] = switch (p.name) {
                    case "moving_variance" -> 0.3f + r.nextFloat();
                    case "gamma" -> 1 + (float) (r.nextGaussian() * 0.2);
                    case "kernel", "pointwise_kernel" -> (float) (r.nextGaussian() * 1.5 / Math.sqrt(fanIn));
                    case "depthwise_kernel" -> (float) (r.nextGaussian() * 1.5 / Math.sqrt(shape[0] * shape[1])); // each output reads one channel
                    default -> (float) (r.nextGaussian() * 0.1); // bias, beta, moving mean
                };
            }
        }
    }

    public static Tensor input(Model m, int n, long seed) {
        Random r = new Random(seed);
        Tensor x = Tensor.zeros(m.inputShape().withBatch(n)); // (N, H, W, C)
        for (int i = 0; i < x.data.length; i++) x.data[i] = r.nextFloat();
        return x;
    }

    public static float maxDifference(Tensor a, Tensor b) {
        assertArrayEquals(a.shape(), b.shape());
        float worst = 0;
        for (int i = 0; i < a.data.length; i++) worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]));
        return worst;
    }
}
