package org.convscope.data;

import org.convscope.engine.Activation;
import org.convscope.engine.Dense;
import org.convscope.engine.Flatten;
import org.convscope.engine.Model;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputStyleTest {
    private static final List<String> DIGITS = KnownDataset.MNIST.classNames();

    @Test
    void digitModelsOfAnySizeDefaultToMnistStyleAndColourModelsToThePicture() {
        assertEquals(InputStyle.MNIST, InputStyle.defaultFor(Shape.of(28, 28, 1), List.of("a", "b")));
        assertEquals(InputStyle.MNIST, InputStyle.defaultFor(Shape.of(100, 100, 1), DIGITS));
        assertEquals(InputStyle.FASHION_MNIST, InputStyle.defaultFor(Shape.of(28, 28, 1), KnownDataset.FASHION_MNIST.classNames()));
        assertEquals(InputStyle.PICTURE, InputStyle.defaultFor(Shape.of(100, 100, 1), List.of("cat", "dog")));
        assertEquals(InputStyle.PICTURE, InputStyle.defaultFor(Shape.of(32, 32, 3), DIGITS));
    }

    @Test
    void specsReadBackAndBadOnesSayWhy() {
        for (InputStyle s : List.of(InputStyle.MNIST, InputStyle.FASHION_MNIST, InputStyle.PICTURE,
                new InputStyle(InputStyle.Polarity.DARK_ON_LIGHT, InputStyle.Centring.BOX, 0.5f))) {
            assertEquals(s, InputStyle.parse(s.spec()), s.spec());
        }
        assertEquals("polarity=dark-on-light,centring=box,box=0.5",
                new InputStyle(InputStyle.Polarity.DARK_ON_LIGHT, InputStyle.Centring.BOX, 0.5f).spec());
        String m = assertThrows(IllegalArgumentException.class, () -> InputStyle.parse("polarity=purple")).getMessage();
        assertEquals("preprocessing 'polarity=purple': 'purple' is not a polarity", m);
        m = assertThrows(IllegalArgumentException.class, () -> InputStyle.parse("box=big")).getMessage();
        assertTrue(m.contains("box 'big' is not a number"), m);
        m = assertThrows(IllegalArgumentException.class, () -> InputStyle.parse("colour=red")).getMessage();
        assertTrue(m.contains("unknown key 'colour'"), m);
    }

    /** The drawing pad's ink: a vertical stroke in the pad's top-left quarter. */
    private static float[] stroke(int size) {
        float[] ink = new float[size * size];
        for (int y = size / 8; y < size / 2; y++) for (int x = size / 6; x < size / 6 + size / 20; x++) ink[y * size + x] = 1;
        return ink;
    }

    @Test
    void aHundredPixelDigitModelGetsTheDrawingCentredAsBrightInkOnBlack() {
        // issue 20: a 100×100 model trained on white-on-black digits was given dark ink on white, just resized
        Shape in = Shape.of(100, 100, 1);
        Tensor x = InputStyle.defaultFor(in, DIGITS).pad(stroke(280), 280, 280, in);
        assertEquals(0f, x.get(0, 0, 0, 0), "the paper is black");
        assertEquals(0f, x.get(0, 99, 99, 0));
        GreyImage field = new GreyImage(100, 100, x.data);
        double[] mass = field.centreOfMass();
        assertEquals(50, mass[0], 1.0, "centred by mass");
        assertEquals(50, mass[1], 1.0);
        GreyImage.Box box = field.boundingBox(0.05f);
        assertEquals(71, box.height(), 2, "the longer side is scaled to 20/28 of the side, as MNIST's 20 of 28");
    }

    @Test
    void darkOnLightAndPictureStylesKeepWhitePaperWhite() {
        Shape in = Shape.of(40, 40, 1);
        InputStyle darkOnLight = new InputStyle(InputStyle.Polarity.DARK_ON_LIGHT, InputStyle.Centring.MASS, 0.5f);
        Tensor centred = darkOnLight.pad(stroke(280), 280, 280, in);
        assertEquals(1f, centred.get(0, 0, 0, 0), "paper is white");
        assertTrue(centred.get(0, 20, 20, 0) < 0.5f, "ink is dark at the centre");
        Tensor whole = InputStyle.PICTURE.pad(stroke(280), 280, 280, in);
        assertEquals(1f, whole.get(0, 39, 39, 0), 1e-6f, "the whole pad, dark ink on white paper");
        assertTrue(whole.get(0, 12, 7, 0) < 0.5f, "the stroke stays where it was drawn: " + whole.get(0, 12, 7, 0));
    }

    @Test
    void aColourModelGetsThePicturesColoursCentreCropped() {
        BufferedImage img = new BufferedImage(90, 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 90, 30);
        g.setColor(new Color(255, 128, 0));
        g.fillRect(30, 0, 30, 30);
        g.dispose();
        Tensor x = InputStyle.PICTURE.picture(img, Shape.of(8, 8, 3));
        for (int y = 0; y < 8; y++) {
            for (int q = 0; q < 8; q++) {
                assertEquals(1f, x.get(0, y, q, 0), 1e-6f);
                assertEquals(128 / 255f, x.get(0, y, q, 1), 1e-6f);
                assertEquals(0f, x.get(0, y, q, 2), 1e-6f);
            }
        }
    }

    @Test
    void theStyleIsSavedInTheModelFileAndReadBack(@TempDir Path tmp) throws IOException {
        Model m = new Model(Shape.of(6, 6, 1)).add(new Flatten()).add(new Dense(2, Activation.SOFTMAX));
        m.build(1);
        Path file = tmp.resolve("m.convscope");
        ModelIO.save(m, file);
        assertNull(ModelIO.load(file).preprocessing(), "not set: the default applies");
        InputStyle custom = new InputStyle(InputStyle.Polarity.DARK_ON_LIGHT, InputStyle.Centring.BOX, 0.75f);
        m.setPreprocessing(custom.spec());
        ModelIO.save(m, file);
        Model loaded = ModelIO.load(file);
        assertEquals(custom, InputStyle.of(loaded));
        assertEquals(custom.spec(), loaded.copy().preprocessing(), "copies keep it");
    }
}
