package org.convscope.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layers graph models are made of: Add, Concatenate, global pooling, zero padding, depthwise and separable convolutions. */
class GraphLayersTest {

    /** Checks a merge layer's ∂L/∂x_i for L = Σ r ⊙ layer(x_1, …, x_k) against central differences along every input. */
    private static void checkMerge(MergeLayer layer, List<Tensor> xs, long seed) {
        List<Shape> shapes = xs.stream().map(Tensor::exampleShape).toList();
        layer.build(shapes, new Rng(0));
        Tensor y = layer.forward(xs, true);
        Tensor r = GradientCheck.gaussian(seed, y.shape());
        boolean[] all = new boolean[xs.size()];
        java.util.Arrays.fill(all, true);
        Tensor[] dx = layer.backward(r, all);
        List<Tensor> probes = new ArrayList<>();
        for (Tensor x : xs) probes.add(x.copy());
        DoubleSupplier loss = () -> GradientCheck.dot(r, layer.forward(probes, true));
        GradientCheck check = new GradientCheck();
        for (int k = 0; k < xs.size(); k++) check.compareAll("dInput" + k, dx[k].data, probes.get(k).data, loss, Integer.MAX_VALUE, seed);
        check.assertPassed(layer.className());
    }

    @Test
    void addSumsItsInputsAndPassesTheGradientToEach() {
        Tensor a = new Tensor(new float[] {1, 2, 3, 4}, 1, 2, 2, 1), b = new Tensor(new float[] {10, 20, 30, 40}, 1, 2, 2, 1);
        Add add = new Add();
        add.build(List.of(a.exampleShape(), b.exampleShape()), new Rng(0));
        assertArrayEquals(new float[] {11, 22, 33, 44}, add.forward(List.of(a, b), false).data);
        checkMerge(new Add(), List.of(GradientCheck.gaussian(1, 2, 3, 3, 2), GradientCheck.gaussian(2, 2, 3, 3, 2),
                GradientCheck.gaussian(3, 2, 3, 3, 2)), 4);
    }

    @Test
    void addRefusesShapesThatDifferAndOffersTheProjection() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Add().outputShape(List.of(Shape.of(8, 8, 4), Shape.of(8, 8, 8))));
        assertTrue(e.getMessage().contains("8×8×4 and 8×8×8") && e.getMessage().contains("1×1 Conv2D"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Add().outputShape(List.of(Shape.of(4))));
        assertThrows(IllegalArgumentException.class, () -> new Add().outputShape(Shape.of(4)));
    }

    @Test
    void concatenateJoinsChannelsInOrder() {
        // two 1×2 maps: a with 1 channel (1, 2), b with 2 channels ((10, 11), (20, 21)) → (1, 10, 11), (2, 20, 21)
        Tensor a = new Tensor(new float[] {1, 2}, 1, 1, 2, 1), b = new Tensor(new float[] {10, 11, 20, 21}, 1, 1, 2, 2);
        Concatenate cat = new Concatenate();
        assertEquals(Shape.of(1, 2, 3), cat.outputShape(List.of(a.exampleShape(), b.exampleShape())));
        cat.build(List.of(a.exampleShape(), b.exampleShape()), new Rng(0));
        assertArrayEquals(new float[] {1, 10, 11, 2, 20, 21}, cat.forward(List.of(a, b), false).data);
        checkMerge(new Concatenate(), List.of(GradientCheck.gaussian(1, 2, 3, 3, 1), GradientCheck.gaussian(2, 2, 3, 3, 3)), 5);
        assertThrows(IllegalArgumentException.class, () -> cat.outputShape(List.of(Shape.of(4, 4, 1), Shape.of(3, 4, 1))));
    }

    @Test
    void globalPoolingTakesTheMeanAndTheMaximumPerChannel() {
        // channel 0: 1, 2, 3, 6 (mean 3, max 6); channel 1: −1, −2, −3, −6 (mean −3, max −1)
        Tensor x = new Tensor(new float[] {1, -1, 2, -2, 3, -3, 6, -6}, 1, 2, 2, 2);
        assertArrayEquals(new float[] {3, -3}, new GlobalAveragePooling2D().forward(x, false).data);
        GlobalMaxPooling2D max = new GlobalMaxPooling2D();
        assertArrayEquals(new float[] {6, -1}, max.forward(x, false).data);
        assertArrayEquals(new float[] {0, 5, 0, 0, 0, 0, 7, 0}, max.backward(new Tensor(new float[] {7, 5}, 1, 2)).data);
        assertEquals(Shape.of(2), new GlobalAveragePooling2D().outputShape(Shape.of(2, 2, 2)));
        GradientCheck.checkLayer(new GlobalAveragePooling2D(), GradientCheck.gaussian(3, 2, 4, 3, 2), true, 6);
        GradientCheck.checkLayer(new GlobalMaxPooling2D(), GradientCheck.distinct(3, 2, 4, 3, 2), true, 6);
    }

    @Test
    void zeroPaddingPutsZerosAroundAndReadsItsThreeKerasSpellings() {
        ZeroPadding2D pad = new ZeroPadding2D(1, 0, 0, 2);
        Tensor x = new Tensor(new float[] {1, 2}, 1, 1, 2, 1);
        assertEquals(Shape.of(2, 4, 1), pad.outputShape(Shape.of(1, 2, 1)));
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 0, 0}, pad.forward(x, false).data);
        GradientCheck.checkLayer(new ZeroPadding2D(2, 1, 0, 3), GradientCheck.gaussian(3, 2, 3, 2, 2), true, 6);
        assertEquals(Shape.of(5, 7, 1), Layers.fromConfig("ZeroPadding2D", config("{\"padding\": [[1, 2], [3, 1]]}")).outputShape(Shape.of(2, 3, 1)));
        assertEquals(Shape.of(4, 9, 1), Layers.fromConfig("ZeroPadding2D", config("{\"padding\": [1, 3]}")).outputShape(Shape.of(2, 3, 1)));
        assertEquals(Shape.of(6, 7, 1), Layers.fromConfig("ZeroPadding2D", config("{\"padding\": 2}")).outputShape(Shape.of(2, 3, 1)));
    }

    private static LayerConfig config(String json) {
        return new LayerConfig(new com.google.gson.Gson().fromJson(json, new com.google.gson.reflect.TypeToken<java.util.Map<String, Object>>() { }.getType()));
    }

    /** A one-channel depthwise convolution with M kernels is a Conv2D with M filters: same weights, same outputs. */
    @ParameterizedTest(name = "k={0} stride={1} {2} dilation={3} M={4}")
    @CsvSource({"3, 1, valid, 1, 1", "3, 2, same, 1, 3", "2, 1, same, 2, 2", "5, 3, valid, 1, 1"})
    void depthwiseOverOneChannelEqualsConv2D(int k, int stride, String padding, int dilation, int m) {
        Padding p = Padding.fromKeras(padding);
        DepthwiseConv2D dw = new DepthwiseConv2D(k, k, stride, stride, p, dilation, dilation, m, Activation.LINEAR, true);
        Conv2D conv = new Conv2D(m, k, k, stride, stride, p, dilation, dilation, Activation.LINEAR, true);
        Shape in = Shape.of(9, 8, 1);
        dw.build(in, new Rng(1));
        conv.build(in, new Rng(1));
        GradientCheck.randomizeParams(dw, 2);
        Param.copyValues(dw.params(), conv.params()); // (K, K, 1, M) both
        Tensor x = GradientCheck.gaussian(3, 2, 9, 8, 1);
        assertEquals(conv.outputShape(in), dw.outputShape(in));
        assertArrayEquals(conv.forward(x, false).data, dw.forward(x, false).data, 1e-5f);
    }

    @ParameterizedTest(name = "k={0} stride={1} {2} dilation={3} M={4} {5}")
    @CsvSource({"3, 1, valid, 1, 1, linear", "3, 2, same, 1, 2, tanh", "2, 1, same, 2, 1, linear", "3, 1, same, 1, 2, sigmoid"})
    void depthwiseBackwardMatchesNumericalGradient(int k, int stride, String padding, int dilation, int m, String activation) {
        DepthwiseConv2D dw = new DepthwiseConv2D(k, k, stride, stride, Padding.fromKeras(padding), dilation, dilation, m,
                Activation.fromKeras(activation), true);
        dw.build(Shape.of(6, 5, 3), new Rng(1));
        GradientCheck.randomizeParams(dw, 2);
        assertEquals(Shape.of(stride == 1 && padding.equals("valid") ? 6 - (k - 1) * dilation : (6 + stride - 1) / stride,
                stride == 1 && padding.equals("valid") ? 5 - (k - 1) * dilation : (5 + stride - 1) / stride, 3 * m), dw.outputShape(Shape.of(6, 5, 3)));
        GradientCheck.checkLayer(dw, GradientCheck.gaussian(4, 2, 6, 5, 3), true, 5);
    }

    /** SeparableConv2D is its depthwise part then a 1×1 Conv2D without the depthwise bias, as in Keras. */
    @Test
    void separableEqualsDepthwiseThenPointwiseConv2D() {
        SeparableConv2D sep = new SeparableConv2D(4, 3, 3, 2, 2, Padding.SAME, 1, 1, 2, Activation.TANH, true);
        Shape in = Shape.of(7, 6, 3);
        sep.build(in, new Rng(1));
        GradientCheck.randomizeParams(sep, 2);
        assertEquals(List.of("depthwise_kernel", "pointwise_kernel", "bias"), sep.params().stream().map(p -> p.name).toList());
        assertEquals(3 * 3 * 3 * 2 + 6 * 4 + 4, sep.paramCount());
        assertEquals("3·3·3·2 + 6·4 + 4 = 82", sep.paramFormula());
        DepthwiseConv2D dw = new DepthwiseConv2D(3, 3, 2, 2, Padding.SAME, 1, 1, 2, Activation.LINEAR, false);
        Conv2D pw = new Conv2D(4, 1, 1, 1, 1, Padding.VALID, 1, 1, Activation.TANH, true);
        dw.build(in, new Rng(0));
        pw.build(dw.outputShape(in), new Rng(0));
        Param.copyValues(sep.params().subList(0, 1), dw.params());
        Param.copyValues(sep.params().subList(1, 3), pw.params());
        Tensor x = GradientCheck.gaussian(3, 2, 7, 6, 3);
        assertArrayEquals(pw.forward(dw.forward(x, false), false).data, sep.forward(x, false).data, 1e-5f);
        GradientCheck.checkLayer(sep, x, true, 6);
    }

    @Test
    void everyNewLayerRoundTripsThroughItsConfig() {
        List<Layer> layers = List.of(new Add(), new Concatenate(), new GlobalAveragePooling2D(), new GlobalMaxPooling2D(),
                new ZeroPadding2D(1, 2, 3, 4),
                new DepthwiseConv2D(3, 2, 1, 1, Padding.SAME, 2, 1, 3, Activation.RELU, false).withInitializer(Initializer.HE_NORMAL),
                new SeparableConv2D(5, 3, 3, 2, 2, Padding.VALID, 1, 1, 2, Activation.ELU, true));
        for (Layer l : layers) {
            assertTrue(Layers.CLASS_NAMES.contains(l.className()), l.className() + " is listed");
            Layer back = Layers.fromConfig(l.className(), l.config());
            assertEquals(l.className(), back.className());
            assertEquals(l.config().asMap(), back.config().asMap(), l.className());
        }
    }

    @Test
    void limitsCountTheWeightsOfTheNewConvolutions() {
        assertEquals(3 * 3 * 8 * 2 + 16, ModelLimits.weightCount(new DepthwiseConv2D(3, 3, 1, 1, Padding.SAME, 1, 1, 2, Activation.LINEAR, true), Shape.of(5, 5, 8)));
        assertEquals(3 * 3 * 8 + 8 * 16 + 16, ModelLimits.weightCount(new SeparableConv2D(16, 3, Padding.SAME, Activation.RELU), Shape.of(5, 5, 8)));
    }
}
