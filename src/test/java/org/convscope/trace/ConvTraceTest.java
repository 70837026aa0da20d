package org.convscope.trace;

import org.convscope.engine.Activation;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Padding;
import org.convscope.engine.Rng;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvTraceTest {

    /** Input sizes odd and even, 1 and 3 channels, kernels 1–4, strides 1–3, dilation 1–2, valid/same/explicit. */
    static Stream<Arguments> geometries() {
        List<Arguments> cases = new ArrayList<>();
        int[][] sizes = {{7, 7}, {8, 6}, {5, 9}};
        String[] paddings = {"valid", "same", "1", "2"};
        for (int[] hw : sizes) {
            for (int channels : new int[] {1, 3}) {
                for (int k : new int[] {1, 2, 3, 4}) {
                    for (int stride = 1; stride <= 3; stride++) {
                        for (int dilation = 1; dilation <= 2; dilation++) {
                            if (stride > 1 && dilation > 1) continue; // the engine, like Keras, forbids both
                            for (String pad : paddings) {
                                int zeros = pad.equals("same") || pad.equals("valid") ? 0 : Integer.parseInt(pad);
                                boolean fits = pad.equals("same") || dilation * (k - 1) + 1 <= Math.min(hw[0], hw[1]) + 2 * zeros;
                                if (fits) cases.add(Arguments.of(hw[0], hw[1], channels, k, stride, dilation, pad));
                            }
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}×{1}×{2} k{3} s{4} d{5} {6}")
    @MethodSource("geometries")
    void everyStepEqualsTheEngineConv2DAtItsCell(int h, int w, int c, int k, int stride, int dilation, String pad) {
        PaddingSpec padding = PaddingSpec.parse(pad);
        Grid input = randomGrid(h, w, c, 11 * h + w + c);
        boolean explicit = padding.kind() == PaddingSpec.Kind.EXPLICIT;
        Padding enginePadding = padding.kind() == PaddingSpec.Kind.SAME ? Padding.SAME : Padding.VALID;
        int extra = explicit ? padding.top() : 0;
        Grid engineInput = explicit ? zeroPadded(input, extra) : input;

        Conv2D conv = new Conv2D(2, k, k, stride, stride, enginePadding, dilation, dilation, Activation.RELU, true);
        conv.build(Shape.of(engineInput.height(), engineInput.width(), c), new Rng(5));
        Rng rng = new Rng(9);
        for (int i = 0; i < conv.bias().data.length; i++) conv.bias().data[i] = rng.uniform(-1, 1);
        Tensor y = conv.forward(engineInput.toTensor(), false); // (1, OH, OW, 2)

        for (int f = 0; f < 2; f++) {
            ConvTrace trace = new ConvTrace(input, filter(conv.kernel(), f), conv.bias().data[f], Activation.RELU,
                    stride, dilation, padding);
            assertEquals(y.dim(1), trace.geometry().outH(), "output height");
            assertEquals(y.dim(2), trace.geometry().outW(), "output width");
            assertEquals(y.dim(1) * y.dim(2), trace.stepCount());
            for (int s = 0; s < trace.stepCount(); s++) {
                ConvStep step = trace.step(s);
                float expected = y.get(0, step.outRow(), step.outCol(), f);
                assertEquals(expected, step.output(), 1e-4f * (1 + Math.abs(expected)), "step " + s);
                assertEquals(k * k * c, step.terms().size());
                float sum = conv.bias().data[f];
                for (float cs : step.channelSums()) sum += cs;
                assertEquals(step.preActivation(), sum, 1e-4f * (1 + Math.abs(sum)));
            }
        }
    }

    @Test
    void sharpenOverTheSeedPatchGives138WithItsEquation() {
        ConvTrace trace = new ConvTrace(Samples.seedPatch(), KernelPreset.SHARPEN.kernel(3, 1), 0, Activation.RELU,
                1, 1, PaddingSpec.valid());
        ConvStep first = trace.step(0);
        assertEquals(138f, first.output());
        assertEquals("134×0 + 134×(−1) + 117×0 + 126×(−1) + 130×5 + 128×(−1) + 112×0 + 124×(−1) + 119×0 = 138",
                first.channelEquation(0));
        assertEquals("138 + 0 (bias) = 138", first.biasEquation());
        assertEquals("ReLU(138) → 138", first.activationEquation());
    }

    @Test
    void dumoulinVisinFigureOneGivesTheirOutput() {
        Grid kernel = Grid.of(new float[][] {{0, 1, 2}, {2, 2, 0}, {0, 1, 2}});
        ConvTrace trace = new ConvTrace(Samples.toy5(), kernel, 0, Activation.LINEAR, 1, 1, PaddingSpec.valid());
        assertEquals(Grid.of(new float[][] {{12, 12, 17}, {10, 17, 19}, {9, 6, 14}}), trace.output());
    }

    @Test
    void paddingCellsAreMarkedAndReadAsZero() {
        ConvTrace trace = new ConvTrace(Samples.toy5(), KernelPreset.BOX_BLUR.kernel(3, 1), 0, Activation.LINEAR,
                1, 1, PaddingSpec.explicit(1));
        ConvStep corner = trace.stepAt(0, 0);
        long pads = corner.terms().stream().filter(ConvStep.Term::padding).count();
        assertEquals(5, pads);
        assertTrue(corner.terms().stream().filter(ConvStep.Term::padding).allMatch(t -> t.input() == 0));
        assertEquals(-1, corner.terms().get(0).row());
    }

    @Test
    void negativePreActivationIsClippedByReluInTheEquation() {
        Grid kernel = Grid.of(new float[][] {{-1}});
        ConvTrace trace = new ConvTrace(Grid.of(new float[][] {{2.5f}}), kernel, 0.5f, Activation.RELU, 1, 1, PaddingSpec.valid());
        ConvStep step = trace.step(0);
        assertEquals("2.5×(−1) = −2.5", step.channelEquation(0));
        assertEquals("−2.5 + 0.5 (bias) = −2", step.biasEquation());
        assertEquals("ReLU(−2) → 0", step.activationEquation());
    }

    @Test
    void multiChannelBiasEquationAddsTheChannelSums() {
        Grid input = new Grid(1, 1, 3, new float[] {1, 2, 3});
        Grid kernel = new Grid(1, 1, 3, new float[] {1, -1, 2});
        ConvStep step = new ConvTrace(input, kernel, 1, Activation.LINEAR, 1, 1, PaddingSpec.valid()).step(0);
        assertEquals("1 + (−2) + 6 + 1 (bias) = 6", step.biasEquation());
        assertEquals("2×(−1) = −2", step.channelEquation(1));
    }

    @Test
    void stepAtAndIndexOfAgree() {
        ConvTrace trace = new ConvTrace(Samples.toy7(), KernelPreset.SOBEL_X.kernel(3, 1), 0, Activation.LINEAR,
                2, 1, PaddingSpec.same());
        for (int s = 0; s < trace.stepCount(); s++) {
            ConvStep step = trace.step(s);
            assertEquals(s, trace.indexOf(step.outRow(), step.outCol()));
            ConvStep again = trace.stepAt(step.outRow(), step.outCol());
            assertEquals(s, again.index());
            assertEquals(step.terms(), again.terms());
        }
    }

    static Grid randomGrid(int h, int w, int c, long seed) {
        Rng rng = new Rng(seed);
        float[] d = new float[h * w * c];
        for (int i = 0; i < d.length; i++) d[i] = rng.uniform(-2, 2);
        return new Grid(h, w, c, d);
    }

    static Grid zeroPadded(Grid g, int p) {
        int h = g.height() + 2 * p, w = g.width() + 2 * p, c = g.channels();
        float[] d = new float[h * w * c];
        for (int r = 0; r < g.height(); r++) {
            for (int q = 0; q < g.width(); q++) {
                for (int ch = 0; ch < c; ch++) d[((r + p) * w + q + p) * c + ch] = g.get(r, q, ch);
            }
        }
        return new Grid(h, w, c, d);
    }

    /** Filter f of a (KH, KW, C, F) kernel as (KH, KW, C). */
    static Grid filter(Tensor kernel, int f) {
        int kh = kernel.dim(0), kw = kernel.dim(1), c = kernel.dim(2), filters = kernel.dim(3);
        float[] d = new float[kh * kw * c];
        for (int i = 0; i < d.length; i++) d[i] = kernel.data[i * filters + f];
        return new Grid(kh, kw, c, d);
    }
}
