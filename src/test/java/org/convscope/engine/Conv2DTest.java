package org.convscope.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class Conv2DTest {

    /** A built conv with seeded weights and nonzero biases. */
    private static Conv2D conv(int filters, int kh, int kw, int stride, Padding padding, int dilation,
                               Activation activation, boolean bias, Shape in) {
        Conv2D c = new Conv2D(filters, kh, kw, stride, stride, padding, dilation, dilation, activation, bias);
        c.build(in, new Rng(7));
        GradientCheck.randomizeParams(c, 11);
        return c;
    }

    /**
     * An input in [−1, 1) whose pre-activations z all keep 0.05 away from 0, so no step of the check
     * (which moves z by at most ε·max(1, |x|, |w|) = 10⁻²) crosses a kink of the activation.
     */
    private static Tensor inputOffKinks(Conv2D layer, int... shape) {
        Conv2D linear = new Conv2D(layer.filters(), layer.kernelH(), layer.kernelW(), layer.strideH(), layer.strideW(),
                layer.padding(), layer.dilationH(), layer.dilationW(), Activation.LINEAR, layer.useBias());
        linear.build(layer.inputShape(), new Rng(0));
        for (int i = 0; i < layer.params().size(); i++) {
            float[] src = layer.params().get(i).value.data;
            System.arraycopy(src, 0, linear.params().get(i).value.data, 0, src.length);
        }
        for (long seed = 1; ; seed++) {
            Tensor x = GradientCheck.uniform(seed, -1, 1, shape);
            if (GradientCheck.distanceFromZero(linear.forward(x, false)) > 0.05) return x;
        }
    }

    private static void check(int filters, int kh, int kw, int stride, Padding padding, int dilation,
                              Activation activation, boolean bias, int n, int h, int w, int c) {
        Conv2D layer = conv(filters, kh, kw, stride, padding, dilation, activation, bias, Shape.of(h, w, c));
        Tensor x = inputOffKinks(layer, n, h, w, c);
        GradientCheck.checkLayer(layer, x, true, 3);
    }

    /** A linear stride-1 convolution has no kinks: any input will do (too many outputs to keep all off 0). */
    private static void checkLinear(int filters, int kh, int kw, Padding padding, int n, int h, int w, int c) {
        Conv2D layer = conv(filters, kh, kw, 1, padding, 1, Activation.LINEAR, true, Shape.of(h, w, c));
        GradientCheck.checkLayer(layer, GradientCheck.uniform(5, -1, 1, n, h, w, c), true, 3);
    }

    @Test
    void backwardMatchesNumericalGradientValidStride1() {
        check(3, 3, 3, 1, Padding.VALID, 1, Activation.LINEAR, true, 2, 5, 5, 2);
    }

    @Test
    void backwardMatchesNumericalGradientWithStride2() {
        check(3, 3, 3, 2, Padding.VALID, 1, Activation.LINEAR, true, 2, 7, 6, 2);
    }

    @Test
    void backwardMatchesNumericalGradientSameOddInput() {
        check(2, 3, 3, 1, Padding.SAME, 1, Activation.LINEAR, true, 1, 5, 5, 2);
    }

    @Test
    void backwardMatchesNumericalGradientSameEvenInputEvenKernel() {
        check(2, 2, 2, 1, Padding.SAME, 1, Activation.LINEAR, true, 1, 6, 6, 2);
        check(2, 4, 4, 2, Padding.SAME, 1, Activation.LINEAR, true, 1, 6, 6, 1);
    }

    @Test
    void backwardMatchesNumericalGradientSameOddInputEvenKernelStride2() {
        check(2, 2, 2, 1, Padding.SAME, 1, Activation.LINEAR, true, 1, 5, 5, 1);
        check(2, 4, 4, 2, Padding.SAME, 1, Activation.LINEAR, true, 1, 7, 7, 1);
    }

    @Test
    void backwardMatchesNumericalGradientWithNonSquareKernel() {
        check(2, 2, 3, 1, Padding.SAME, 1, Activation.LINEAR, true, 1, 5, 6, 2);
    }

    @Test
    void backwardMatchesNumericalGradientWithDilation2() {
        check(2, 3, 3, 1, Padding.VALID, 2, Activation.LINEAR, true, 2, 7, 7, 2);
        check(2, 3, 3, 1, Padding.SAME, 2, Activation.LINEAR, true, 1, 6, 5, 1);
    }

    @Test
    void backwardMatchesNumericalGradientWithMultiChannelInput() {
        check(4, 3, 3, 1, Padding.VALID, 1, Activation.LINEAR, true, 2, 5, 5, 3);
    }

    @Test
    void backwardMatchesNumericalGradientOfAOneChannelInputConvolvedDirectly() {
        // 1 channel, stride 1, valid: the forward pass and the kernel gradient skip im2col on the fast path
        checkLinear(20, 3, 3, Padding.VALID, 2, 7, 6, 1);
        checkLinear(3, 2, 4, Padding.VALID, 3, 5, 9, 1);
    }

    @Test
    void backwardMatchesNumericalGradientWhenTheInputGradientGoesByWinograd() {
        // a 3×3 stride-1 kernel with ≥ 8 filters: ∂L/∂x is the Winograd convolution of ∂L/∂z with the turned kernel
        // (with < 8 input channels, so that the forward pass the central differences take is im2col's, rounding less)
        checkLinear(8, 3, 3, Padding.VALID, 2, 7, 9, 3);
        checkLinear(9, 3, 3, Padding.SAME, 1, 6, 5, 2);
    }

    @Test
    void gradientsByWinogradEqualTheIm2colOnes() {
        // 13×11 outputs: tiles hang over the bottom and right edges; 2 and 3 images: one core's share, or both cores'
        for (int n : new int[] {2, 3}) {
            for (Padding padding : Padding.values()) {
                Shape in = Shape.of(13, 11, 12); // 12 channels: the forward pass goes by Winograd too; its rounding as WinogradTest allows
                Tensor x = GradientCheck.uniform(3, -1, 1, n, 13, 11, 12);
                Conv2D fast = conv(16, 3, 3, 1, padding, 1, Activation.LINEAR, true, in);
                Tensor dOut = GradientCheck.uniform(4, -1, 1, fast.outputShape(in).withBatch(n));
                fast.forward(x, true);
                float[] dxByWinograd = fast.backward(dOut).data.clone();
                fast.forward(x, true);
                fast.backward(dOut); // a second step adds to the gradient: each adds the same
                float[] dwByWinograd = fast.params().get(0).grad.data;
                Gemm.use(new EjmlGemm());
                try {
                    Conv2D reference = conv(16, 3, 3, 1, padding, 1, Activation.LINEAR, true, in);
                    reference.forward(x, true);
                    float[] dxByIm2col = reference.backward(dOut).data;
                    reference.forward(x, true);
                    reference.backward(dOut);
                    float[] dwByIm2col = reference.params().get(0).grad.data;
                    for (int i = 0; i < dxByIm2col.length; i++) {
                        assertEquals(dxByIm2col[i], dxByWinograd[i], 1e-4 * Math.max(1, Math.abs(dxByIm2col[i])), padding + ", ∂L/∂x at " + i);
                    }
                    for (int i = 0; i < dwByIm2col.length; i++) {
                        assertEquals(dwByIm2col[i], dwByWinograd[i], 1e-4 * Math.max(1, Math.abs(dwByIm2col[i])), padding + ", ∂L/∂W at " + i);
                    }
                } finally {
                    Gemm.use(Gemm.fastest());
                }
            }
        }
    }

    @Test
    void backwardMatchesNumericalGradientWithoutBias() {
        Conv2D layer = conv(3, 3, 3, 1, Padding.VALID, 1, Activation.LINEAR, false, Shape.of(5, 5, 2));
        assertNull(layer.bias());
        assertEquals(1, layer.params().size());
        GradientCheck.checkLayer(layer, GradientCheck.uniform(1, -1, 1, 2, 5, 5, 2), true, 3);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backwardMatchesNumericalGradientWithEachActivation(Activation activation) {
        check(3, 3, 3, 1, Padding.VALID, 1, activation, true, 2, 5, 5, 2);
    }

    @Test
    void backwardAccumulatesIntoParameterGradients() {
        Conv2D layer = conv(2, 3, 3, 1, Padding.VALID, 1, Activation.LINEAR, true, Shape.of(4, 4, 1));
        Tensor x = GradientCheck.uniform(1, -1, 1, 1, 4, 4, 1);
        Tensor dOut = GradientCheck.gaussian(2, 1, 2, 2, 2);
        layer.forward(x, true);
        layer.backward(dOut);
        float[] once = layer.params().get(0).grad.data.clone();
        layer.backward(dOut);
        float[] twice = layer.params().get(0).grad.data;
        for (int i = 0; i < once.length; i++) assertEquals(2 * once[i], twice[i], 1e-5f * Math.max(1, Math.abs(twice[i])));
    }

    /** The classic sharpening kernel over a patch of a photo: 5·144 − 134 − 153 − 141 − 154 = 138. */
    @Test
    void sharpenKernelOverPixelsGives138() {
        Conv2D layer = new Conv2D(1, 3, Activation.LINEAR);
        layer.build(Shape.of(3, 3, 1), new Rng(0));
        float[] kernel = {0, -1, 0, -1, 5, -1, 0, -1, 0}; // (3, 3, 1, 1)
        System.arraycopy(kernel, 0, layer.kernel().data, 0, 9);
        Tensor pixels = new Tensor(new float[] {134, 134, 117, 153, 144, 141, 152, 154, 150}, 1, 3, 3, 1);
        Tensor y = layer.forward(pixels, false);
        assertArrayEquals(new int[] {1, 1, 1, 1}, y.shape());
        assertEquals(138f, y.data[0]);
    }

    @Test
    void forwardSumsOverInputChannelsAndAddsBias() {
        // x (1, 1, 2, 2): two pixels with channels (1, 2) and (3, 4); kernel 1×2 → one output pixel.
        Conv2D layer = new Conv2D(1, 1, 2, 1, 1, Padding.VALID, 1, 1, Activation.LINEAR, true);
        layer.build(Shape.of(1, 2, 2), new Rng(0));
        System.arraycopy(new float[] {1, -1, 2, 0.5f}, 0, layer.kernel().data, 0, 4); // (1, 2, 2, 1)
        layer.bias().data[0] = 10;
        Tensor y = layer.forward(new Tensor(new float[] {1, 2, 3, 4}, 1, 1, 2, 2), false);
        assertEquals(10 + 1 * 1 - 1 * 2 + 2 * 3 + 0.5f * 4, y.data[0]); // 17
    }
}
