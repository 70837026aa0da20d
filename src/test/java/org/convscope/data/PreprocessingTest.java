package org.convscope.data;

import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreprocessingTest {

    /** A "7" of stroke 5 px, 30×50 px, with its top-left corner at (x, y), on a picture of the given colours. */
    static BufferedImage sevenAt(int width, int height, int x, int y, Color paper, Color ink) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(paper);
        g.fillRect(0, 0, width, height);
        g.setColor(ink);
        g.setStroke(new BasicStroke(5, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        g.drawPolyline(new int[] {x + 3, x + 27, x + 10}, new int[] {y + 3, y + 3, y + 47}, 3);
        g.dispose();
        return img;
    }

    @Test
    void smallOffCentreDigitComesOutScaledToTwentyAndCentredByMass() {
        BufferedImage img = sevenAt(640, 480, 500, 40, Color.WHITE, Color.BLACK);
        Preprocessing.Centred c = Preprocessing.mnist(img);

        assertFalse(c.blank());
        assertTrue(c.inverted(), "dark ink on white paper is inverted");
        GreyImage.Box box = c.inkBox();
        assertTrue(box.x() >= 500 && box.x() < 505 && box.y() >= 40 && box.y() < 45, "box found at the stroke: " + box);
        assertEquals(20, c.scaled().height(), "the longer side (height) is scaled to 20");
        assertEquals(Math.round(box.width() * 20.0 / box.height()), c.scaled().width(), "aspect ratio kept");
        assertEquals(20, c.field().boundingBox(0f).longerSide());
        assertEquals(14, c.mass()[0], 0.5);
        assertEquals(14, c.mass()[1], 0.5);
        assertArrayEquals(new int[] {1, 28, 28, 1}, c.tensor().shape());
        for (float v : c.tensor().data) assertTrue(v >= 0 && v <= 1);
        assertEquals(1f, c.field().max(), 0.05f, "the stroke's core is full ink");
    }

    @Test
    void lightInkOnDarkPaperIsNotInvertedAndGivesTheSameDigit() {
        Preprocessing.Centred dark = Preprocessing.mnist(sevenAt(200, 200, 20, 100, Color.BLACK, Color.WHITE));
        Preprocessing.Centred light = Preprocessing.mnist(sevenAt(200, 200, 20, 100, Color.WHITE, Color.BLACK));
        assertFalse(dark.inverted());
        assertTrue(light.inverted());
        assertEquals(light.inkBox(), dark.inkBox());
        assertArrayEquals(light.tensor().data, dark.tensor().data, 0.02f);
    }

    @Test
    void greyPaperAndFaintShadowDoNotCountAsInk() {
        BufferedImage img = sevenAt(300, 300, 200, 200, new Color(200, 200, 190), new Color(40, 40, 60));
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(190, 190, 180)); // a shadow 5 % darker than the paper
        g.fillRect(0, 0, 150, 150);
        g.dispose();
        Preprocessing.Centred c = Preprocessing.mnist(img);
        assertTrue(c.inkBox().x() >= 200 && c.inkBox().y() >= 200, "the shadow is not in the box: " + c.inkBox());
        assertEquals(0f, c.ink().get(10, 10));
    }

    @Test
    void blankPictureGivesAnEmptyField() {
        BufferedImage img = new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB);
        Preprocessing.Centred c = Preprocessing.mnist(img);
        assertTrue(c.blank());
        assertNull(c.scaled());
        assertNull(c.mass());
        assertEquals(0f, c.field().max());
        assertArrayEquals(new int[] {1, 28, 28, 1}, c.tensor().shape());
    }

    @Test
    void drawingPadInkGoesThroughTheSameCentring() {
        int w = 280, h = 280;
        float[] ink = new float[w * h];
        for (int y = 10; y < 70; y++) {
            for (int x = 200; x < 215; x++) ink[y * w + x] = 1f; // a "1" in the top-right corner
        }
        ink[5] = Float.NaN;
        Preprocessing.Centred c = Preprocessing.mnistFromInk(ink, w, h);
        assertEquals(new GreyImage.Box(200, 10, 15, 60), c.inkBox());
        assertEquals(20, c.scaled().height());
        assertEquals(5, c.scaled().width());
        assertEquals(14, c.mass()[0], 0.5);
        assertEquals(14, c.mass()[1], 0.5);
        assertEquals(0f, c.ink().values()[5], "NaN is no ink");
        assertEquals(ink[0], 0f, "the pad's array is not modified");
    }

    @Test
    void emptyDrawingPadIsBlank() {
        assertTrue(Preprocessing.mnistFromInk(new float[28 * 28], 28, 28).blank());
    }

    @Test
    void fashionRecipeFitsTheLongerSideToTwentyEightAndCentresTheBox() {
        BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 300);
        g.setColor(Color.DARK_GRAY);
        g.fillRect(10, 20, 200, 100); // a wide item
        g.dispose();
        Preprocessing.Centred c = Preprocessing.fashionMnist(img);
        assertEquals(28, c.scaled().width());
        assertEquals(14, c.scaled().height());
        assertEquals(new GreyImage.Box(0, 7, 28, 14), c.field().boundingBox(0f));
    }

    @Test
    void faintPartsCountAsClothingButNotAsDigitInk() {
        BufferedImage img = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 100, 100);
        g.setColor(Color.BLACK);
        g.fillRect(40, 40, 20, 20);
        g.setColor(new Color(240, 240, 240)); // a white shirt's faint sleeve
        g.fillRect(10, 40, 30, 20);
        g.dispose();
        assertEquals(new GreyImage.Box(10, 40, 50, 20), Preprocessing.fashionMnist(img).inkBox());
        assertEquals(new GreyImage.Box(40, 40, 20, 20), Preprocessing.mnist(img).inkBox());
    }

    @Test
    void rgbPathResizesEachChannel() {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(255, 0, 51));
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        Tensor t = Preprocessing.rgb(img, 32, 32);
        assertArrayEquals(new int[] {1, 32, 32, 3}, t.shape());
        assertEquals(1f, t.get(0, 5, 7, 0), 1e-5f);
        assertEquals(0f, t.get(0, 5, 7, 1), 1e-5f);
        assertEquals(0.2f, t.get(0, 31, 31, 2), 1e-5f);
    }

    @Test
    void greyFromRgbUsesBt601Weights() {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 2, 0x00ff00);
        GreyImage g = Preprocessing.grey(img);
        assertEquals(0.587f, g.get(1, 2), 1e-4f);
        assertEquals(0f, g.get(0, 0));
    }

    @Test
    void transparentPixelsAreWhitePaper() {
        BufferedImage img = new BufferedImage(3, 3, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(1, 1, 0xff000000);
        GreyImage g = Preprocessing.grey(img);
        assertEquals(1f, g.get(0, 0));
        assertEquals(0f, g.get(1, 1));
    }

    @Test
    void forModelPicksThePathFromTheInputShapeAndClasses() {
        BufferedImage img = sevenAt(120, 120, 10, 10, Color.WHITE, Color.BLACK);
        Tensor digits = Preprocessing.forModel(img, Shape.of(28, 28, 1), KnownDataset.MNIST.classNames());
        assertArrayEquals(Preprocessing.mnist(img).tensor().data, digits.data);
        Tensor clothes = Preprocessing.forModel(img, Shape.of(28, 28, 1), KnownDataset.FASHION_MNIST.classNames());
        assertArrayEquals(Preprocessing.fashionMnist(img).tensor().data, clothes.data);
        assertArrayEquals(new int[] {1, 32, 32, 3}, Preprocessing.forModel(img, Shape.of(32, 32, 3), List.of()).shape());
        assertArrayEquals(new int[] {1, 100, 100, 1}, Preprocessing.forModel(img, Shape.of(100, 100, 1), List.of()).shape());
        assertEquals(InputStyle.MNIST, InputStyle.defaultFor(Shape.of(28, 28, 1), List.of()));
        assertEquals(InputStyle.PICTURE, InputStyle.defaultFor(Shape.of(32, 32, 3), List.of()));
    }
}
