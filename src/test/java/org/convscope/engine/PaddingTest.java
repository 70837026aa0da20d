package org.convscope.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

class PaddingTest {

    /**
     * Keras' {@code conv_output_length}: the dilated kernel spans {@code k + (k − 1)(d − 1)} cells;
     * {@code valid} keeps {@code in − span + 1} positions, {@code same} keeps {@code in}; then every
     * stride-th one: {@code ⌈length / stride⌉}. Zero or less means the kernel does not fit.
     */
    private static int kerasOutputLength(int in, int k, Padding padding, int stride, int dilation) {
        int span = k + (k - 1) * (dilation - 1);
        int length = padding == Padding.VALID ? in - span + 1 : in;
        return length <= 0 ? 0 : (length + stride - 1) / stride;
    }

    @Test
    void conv2dOutputShapeMatchesKerasForEveryGeometry() {
        List<String> wrong = new ArrayList<>();
        int cases = 0;
        for (Padding padding : Padding.values()) {
            for (int in : new int[] {5, 6, 7, 8, 28}) {
                for (int k = 1; k <= 5; k++) {
                    for (int stride = 1; stride <= 3; stride++) {
                        for (int dilation = 1; dilation <= (stride == 1 ? 2 : 1); dilation++) { // Keras: no strides with dilation
                            cases++;
                            int expected = kerasOutputLength(in, k, padding, stride, dilation);
                            int expectedW = kerasOutputLength(in + 1, k, padding, stride, dilation);
                            Conv2D conv = new Conv2D(1, k, k, stride, stride, padding, dilation, dilation, Activation.LINEAR, true);
                            String label = padding.kerasName + " in " + in + "×" + (in + 1) + " k " + k + " s " + stride + " d " + dilation;
                            if (expected == 0 || expectedW == 0) {
                                assertThrows(IllegalArgumentException.class, () -> conv.outputShape(Shape.of(in, in + 1, 1)), label);
                                continue;
                            }
                            Shape out = conv.outputShape(Shape.of(in, in + 1, 1));
                            conv.build(Shape.of(in, in + 1, 1), new Rng(0));
                            int[] forwardShape = conv.forward(Tensor.zeros(1, in, in + 1, 1), false).shape();
                            if (!out.equals(Shape.of(expected, expectedW, 1))
                                    || !java.util.Arrays.equals(forwardShape, new int[] {1, expected, expectedW, 1})) {
                                wrong.add(label + ": expected " + expected + "×" + expectedW + ", got " + out + " (forward "
                                        + java.util.Arrays.toString(forwardShape) + ")");
                            }
                        }
                    }
                }
            }
        }
        assertEquals(200, cases);
        if (!wrong.isEmpty()) fail(String.join("\n", wrong));
    }

    @Test
    void poolingOutputShapeMatchesKerasForEveryGeometry() {
        for (Padding padding : Padding.values()) {
            for (int in : new int[] {5, 6, 7, 8, 28}) {
                for (int pool = 1; pool <= 3; pool++) {
                    for (int stride = 1; stride <= 3; stride++) {
                        int expected = kerasOutputLength(in, pool, padding, stride, 1);
                        Shape out = new MaxPooling2D(pool, pool, stride, stride, padding).outputShape(Shape.of(in, in, 2));
                        assertEquals(Shape.of(expected, expected, 2), out, padding.kerasName + " in " + in + " pool " + pool + " s " + stride);
                    }
                }
            }
        }
    }

    @Test
    void samePaddingPutsTheOddCellAtTheEnd() {
        assertArrayEquals(new int[] {0, 1}, Padding.SAME.amounts(5, 2, 1, 1));
        assertArrayEquals(new int[] {1, 2}, Padding.SAME.amounts(4, 4, 1, 1));
        assertArrayEquals(new int[] {0, 1}, Padding.SAME.amounts(4, 3, 2, 1)); // out 2: (2 − 1)·2 + 3 − 4 = 1
        assertArrayEquals(new int[] {1, 1}, Padding.SAME.amounts(5, 3, 2, 1)); // out 3: (3 − 1)·2 + 3 − 5 = 2
        assertArrayEquals(new int[] {2, 2}, Padding.SAME.amounts(6, 3, 1, 2)); // dilated span 5
        assertArrayEquals(new int[] {0, 0}, Padding.SAME.amounts(6, 2, 2, 1)); // windows tile exactly
        assertArrayEquals(new int[] {0, 0}, Padding.VALID.amounts(6, 3, 1, 1));
    }

    private static Conv2D convWithKernel(int k, int stride, float[] kernel, int in) {
        Conv2D conv = new Conv2D(1, k, k, stride, stride, Padding.SAME, 1, 1, Activation.LINEAR, false);
        conv.build(Shape.of(in, in, 1), new Rng(0));
        System.arraycopy(kernel, 0, conv.kernel().data, 0, kernel.length);
        return conv;
    }

    private static Tensor counting(int in) {
        Tensor x = Tensor.zeros(1, in, in, 1);
        for (int i = 0; i < x.size(); i++) x.data[i] = i + 1;
        return x;
    }

    @Test
    void sameConvolutionPadsBottomAndRightWithAnEvenKernel() {
        // x = [1 2 3; 4 5 6; 7 8 9], kernel [1 10; 100 1000]: each digit of an output shows which
        // neighbour it came from; padding only at the bottom/right means the window starts on the cell.
        Tensor y = convWithKernel(2, 1, new float[] {1, 10, 100, 1000}, 3).forward(counting(3), false);
        assertArrayEquals(new float[] {
                1 + 20 + 400 + 5000, 2 + 30 + 500 + 6000, 3 + 600,
                4 + 50 + 700 + 8000, 5 + 60 + 800 + 9000, 6 + 900,
                7 + 80, 8 + 90, 9}, y.data);
    }

    @Test
    void sameConvolutionWithStride2PadsBottomAndRight() {
        // 4×4 of 1..16, 3×3 kernel of ones, stride 2: out 2×2 and one padded row/column at the end.
        float[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        Tensor y = convWithKernel(3, 2, ones, 4).forward(counting(4), false);
        assertArrayEquals(new float[] {
                1 + 2 + 3 + 5 + 6 + 7 + 9 + 10 + 11, 3 + 4 + 7 + 8 + 11 + 12,
                9 + 10 + 11 + 13 + 14 + 15, 11 + 12 + 15 + 16}, y.data);
    }

    @Test
    void samePoolingPadsBottomAndRight() {
        // 5×5 of 1..25, average pool 2 stride 2: out 3×3; the last row/column of windows holds one real row/column
        AveragePooling2D pool = new AveragePooling2D(2, Padding.SAME);
        pool.build(Shape.of(5, 5, 1), new Rng(0));
        Tensor y = pool.forward(counting(5), false);
        assertEquals((1 + 2 + 6 + 7) / 4f, y.data[0]);
        assertEquals((5 + 10) / 2f, y.data[2]);
        assertEquals((21 + 22) / 2f, y.data[6]);
        assertEquals(25, y.data[8]);
    }
}
