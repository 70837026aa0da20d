package org.convscope.trace;

import org.convscope.data.InputStyle;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Model;
import org.convscope.engine.Presets;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real seed-004 model's first kernels over a real colour picture: the per-channel arithmetic is the engine's. */
public class ColourConvTraceTest {

    /** A picture with all three channels different everywhere: a red-to-blue gradient with a yellow disc. */
    public static BufferedImage picture() {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(220, 30, 40), 64, 48, new Color(20, 60, 230)));
        g.fillRect(0, 0, 64, 48);
        g.setColor(new Color(250, 210, 20));
        g.fillOval(20, 10, 24, 24);
        g.dispose();
        return img;
    }

    @Test
    void everyStepOfEveryFirstLayerFilterEqualsTheEngineOnAColourPicture() {
        Model m = Presets.create("seed-004").build(3);
        Conv2D conv = (Conv2D) m.layers().get(0);
        Tensor x = InputStyle.PICTURE.picture(picture(), m.inputShape()); // (1, 32, 32, 3)
        Tensor y = m.forwardAll(x).get(0); // the first layer's output (1, 32, 32, 6), as the engine computes it
        Grid input = Grid.fromTensor(x);
        for (int f = 0; f < conv.filters(); f++) {
            ConvTrace trace = new ConvTrace(input, ConvTraceTest.filter(conv.kernel(), f), conv.bias().data[f],
                    conv.activation(), 1, 1, PaddingSpec.same());
            assertEquals(32 * 32, trace.stepCount());
            for (int s = 0; s < trace.stepCount(); s++) {
                ConvStep step = trace.step(s);
                float expected = y.get(0, step.outRow(), step.outCol(), f);
                assertEquals(expected, step.output(), 1e-5f * (1 + Math.abs(expected)), "filter " + f + " step " + s);
                assertEquals(3, step.channelSums().length);
                for (int c = 0; c < 3; c++) assertEquals(9, step.terms(c).size());
            }
        }
    }

    @Test
    void theColourEquationNamesRedGreenAndBlueAndAddsTheirSumsToTheBias() {
        Model m = Presets.create("seed-004").build(3);
        Conv2D conv = (Conv2D) m.layers().get(0);
        Tensor x = InputStyle.PICTURE.picture(picture(), m.inputShape());
        ConvStep step = new ConvTrace(Grid.fromTensor(x), ConvTraceTest.filter(conv.kernel(), 0), conv.bias().data[0],
                conv.activation(), 1, 1, PaddingSpec.same()).step(16 * 32 + 16);
        String eq = step.perChannelEquation();
        assertTrue(eq.startsWith("R: " + step.channelEquation(0) + ", G: " + step.channelEquation(1) + ", B: "
                + step.channelEquation(2) + ", "), eq);
        assertTrue(eq.endsWith(step.biasEquation()), eq);
        assertTrue(step.channelSums()[0] != step.channelSums()[1], "the channels really differ: " + eq);
    }
}
