package org.convscope.app.common;

import org.convscope.engine.Activation;
import org.convscope.trace.ConvTrace;
import org.convscope.trace.KernelPreset;
import org.convscope.trace.PaddingSpec;
import org.convscope.trace.Samples;
import org.convscope.trace.render.Frames;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DescriptionsTest {
    private static final List<String> DIGITS = Arrays.asList("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @Test
    void aPredictionNamesTheTopTwoClassesInPercent() {
        float[] p = new float[10];
        p[7] = 0.981f;
        p[1] = 0.012f;
        p[3] = 0.007f;
        assertEquals("Prediction 7, 98 percent; next 1, 1 percent", Descriptions.prediction(DIGITS, p));
        assertEquals("No prediction yet", Descriptions.prediction(DIGITS, null));
    }

    @Test
    void aStepSaysItsCellAndValueAsTheEngineComputedThem() {
        ConvTrace t = new ConvTrace(Samples.seedPatch(), KernelPreset.SHARPEN.kernel(3, 1), 0, Activation.RELU, 1, 1, PaddingSpec.valid());
        assertEquals("Step 1 of 25: output row 0, column 0 = 138", Descriptions.step(t, 0));
        assertEquals("Step 2 of 25: output row 0, column 1 = 164", Descriptions.step(t, 1));
        ConvTrace same = new ConvTrace(Samples.toy5(), KernelPreset.IDENTITY.kernel(3, 1), 0, Activation.LINEAR, 2, 1, PaddingSpec.same());
        assertEquals("input 5×5, padded to 7×7; the window covers rows -1 to 1, columns 1 to 3",
                Descriptions.window(Frames.conv(same, 1, 0).inputs().get(0)).replace('−', '-'));
    }

    @Test
    void featureMapsNameTheStrongestMap() {
        float[] v = new float[2 * 2 * 3]; // (H, W, C) = (2, 2, 3)
        v[3 * 3 + 2] = 4.5f; // row 1, column 1, map 2
        v[1] = 1f;
        assertEquals("conv2d: 3 feature maps of 2×2; the strongest is map 2, up to 4.5", Descriptions.featureMaps("conv2d", 2, 2, 3, v));
    }

    @Test
    void aChartGivesItsLastValues() {
        assertEquals("Loss, epoch 3: train 0.1000, validation 0.2000",
                Descriptions.chart("Loss", "epoch", List.of("train", "batches", "validation"),
                        Arrays.asList(new double[] {3, 0.1}, null, new double[] {3, 0.2})));
        assertEquals("Loss: no values yet", Descriptions.chart("Loss", "epoch", List.of("train"), Arrays.asList((double[]) null)));
    }
}
