package org.convscope.app.draw;

import org.convscope.engine.Activation;
import org.convscope.engine.Dense;
import org.convscope.engine.Presets;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifierTest {
    private final Classifier classifier = new Classifier();

    private static float[] verticalBar() {
        Sketch s = new Sketch();
        s.begin(224, 80, 14, false);
        s.extend(224, 370);
        return s.inkCopy();
    }

    private static BufferedImage redSquare() {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 64, 64);
        g.setColor(Color.RED);
        g.fillRect(16, 16, 32, 32);
        g.dispose();
        return img;
    }

    private static double sum(float[] p) {
        double s = 0;
        for (float v : p) s += v;
        return s;
    }

    @Test
    void aDigitModelGetsTheMnistStepsAndAProbabilityPerClass() {
        Model model = Presets.create("seed-001").build(1);
        Classification c = classifier.classify(model, verticalBar());
        assertNotNull(c.steps());
        assertArrayEquals(new int[]{1, 28, 28, 1}, c.input().shape());
        assertEquals(10, c.probabilities().length);
        assertEquals(1.0, sum(c.probabilities()), 1e-4);
        assertEquals(14, c.steps().mass()[0], 0.6); // centred by mass
    }

    @Test
    void aBlankPadIsNotClassified() {
        Classification c = classifier.classify(Presets.create("seed-001").build(1), new float[Sketch.SIZE * Sketch.SIZE]);
        assertTrue(c.blank());
        assertEquals(-1, c.top());
    }

    @Test
    void aColourPictureGoesInColourToAnRgbModel() {
        Model rgb = Presets.create("seed-004").build(1); // (32, 32, 3)
        Classification c = classifier.classify(rgb, redSquare());
        assertArrayEquals(new int[]{1, 32, 32, 3}, c.input().shape());
        assertNull(c.note());
        float[] centre = Arrays.copyOfRange(c.input().data, (16 * 32 + 16) * 3, (16 * 32 + 16) * 3 + 3);
        assertTrue(centre[0] > 0.9 && centre[1] < 0.1 && centre[2] < 0.1, Arrays.toString(centre));
    }

    @Test
    void aGreyModelSeesTheGreyVersionOfAColourPictureAndSaysSo() {
        Classification c = classifier.classify(Presets.create("seed-001").build(1), redSquare());
        assertNotNull(c.note());
        assertTrue(c.note().contains("grey"));
        assertFalse(c.blank());
    }

    @Test
    void modelsThatDoNotTakePicturesAreExplained() {
        assertNull(Classifier.unsupported(Presets.create("seed-001").build(1)));
        Model flat = new Model(Shape.of(784)).add(new Dense(10, Activation.SOFTMAX)).build(1);
        assertTrue(Classifier.unsupported(flat).contains("784"));
        Model misnamed = Presets.create("seed-001").build(1).setClassNames(java.util.List.of("cat", "dog"));
        assertTrue(Classifier.unsupported(misnamed).contains("names 2 classes but gives 10"));
    }

    @Test
    void colourIsToldFromGrey() {
        BufferedImage grey = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        grey.setRGB(3, 3, 0x808080);
        assertFalse(Classifier.isColour(grey));
        assertTrue(Classifier.isColour(redSquare()));
    }
}
