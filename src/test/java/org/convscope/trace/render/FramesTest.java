package org.convscope.trace.render;

import org.convscope.engine.Activation;
import org.convscope.trace.ConvTrace;
import org.convscope.trace.KernelPreset;
import org.convscope.trace.PaddingSpec;
import org.convscope.trace.Samples;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FramesTest {

    @Test
    void convFrameShowsTheWindowThePaddingAndTheOutputSoFar() {
        ConvTrace trace = new ConvTrace(Samples.toy5(), KernelPreset.BOX_BLUR.kernel(3, 1), 0, Activation.LINEAR,
                2, 1, PaddingSpec.explicit(1));
        Frame f = Frames.conv(trace, 4, 0); // output (1, 1) of 3×3
        GridPicture in = f.inputs().get(0);
        assertEquals(7, in.paddedWidth());
        assertEquals(new GridPicture.Cell(1, 1), in.window().get(0));
        assertEquals(9, in.window().size());
        assertEquals(5, f.output().filled());
        assertEquals(new GridPicture.Cell(1, 1), f.output().current());
        assertEquals("rows:    ⌊(5 + 1 + 1 − 1·(3 − 1) − 1) / 2⌋ + 1 = 3", f.formulas().get(0));
        assertNull(in.winner());
    }

    @Test
    void droppedRowsAreTheTrailingOnesTheFloorLosesAndAreNamed() {
        ConvTrace trace = new ConvTrace(Samples.seedPatch(), KernelPreset.IDENTITY.kernel(2, 1), 0, Activation.LINEAR,
                2, 1, PaddingSpec.valid()); // (7 − 2) % 2 = 1
        Frame f = Frames.conv(trace, 0, 0);
        GridPicture in = f.inputs().get(0);
        assertEquals(true, in.isDropped(6, 0));
        assertEquals(false, in.isDropped(5, 5));
        assertEquals("rows:    ⌊(7 + 0 + 0 − 1·(2 − 1) − 1) / 2⌋ + 1 = 3   (the floor drops 1 row)", f.formulas().get(0));
    }

    @Test
    void gifStepsAreAllOrEvenlySpacedWithFirstAndLast() {
        assertArrayEquals(new int[] {0, 1, 2}, Frames.sampledSteps(3, 200));
        assertArrayEquals(new int[] {0, 3, 5, 8}, Frames.sampledSteps(9, 4));
    }

    @Test
    void indexedFramesKeepTheirExactColours() {
        BufferedImage rgb = FrameRenderer.render(Frames.conv(new ConvTrace(Samples.toy5(), KernelPreset.SOBEL_X.kernel(3, 1),
                0, Activation.RELU, 1, 1, PaddingSpec.same()), 3, 0));
        BufferedImage indexed = GifWriter.indexed(rgb);
        int same = 0, total = rgb.getWidth() * rgb.getHeight();
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) if (rgb.getRGB(x, y) == indexed.getRGB(x, y)) same++;
        }
        assertEquals(1.0, same / (double) total, 0.01); // only rare antialiasing shades may move to a neighbour
    }
}
