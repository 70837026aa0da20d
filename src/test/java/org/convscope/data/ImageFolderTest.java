package org.convscope.data;

import org.convscope.engine.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFolderTest {
    @TempDir
    Path dir;

    /** Writes a picture of one colour, {@code w × h}, in {@code format} (png, bmp, gif, jpg). */
    static Path picture(Path file, int w, int h, Color colour, String format) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, w, h);
        g.dispose();
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, format, file.toFile()), format);
        return file;
    }

    private void classes(Path root, int perClass, String... names) throws IOException {
        Color[] colours = {Color.RED, Color.BLUE, Color.GREEN};
        for (int k = 0; k < names.length; k++) {
            for (int i = 0; i < perClass; i++) picture(root.resolve(names[k]).resolve(i + ".png"), 20 + i, 16, colours[k], "png");
        }
    }

    @Test
    void classFoldersBecomeSortedClassesWithASeededSplitOfEachClass() throws IOException {
        classes(dir, 10, "zebra", "apple");
        ImageFolder.Loaded a = ImageFolder.load(dir, Shape.of(8, 8, 3), 7, null);
        assertEquals(List.of("apple", "zebra"), a.dataset().classNames(), "folder names, sorted as Keras sorts them");
        assertEquals(16, a.dataset().trainImages().batch());
        assertEquals(4, a.dataset().testImages().batch(), "20 % of each class is kept for testing");
        assertArrayEquals(new int[] {4, 8, 8, 3}, a.dataset().testImages().shape());
        int[] testPerClass = new int[2];
        for (float l : a.dataset().testLabels().data) testPerClass[(int) l]++;
        assertArrayEquals(new int[] {2, 2}, testPerClass);
        assertArrayEquals(new int[] {10, 10}, a.report().trainCounts(), "the report counts the folder as the user sees it");
        // the label follows the picture: zebra's pictures are red, apple's blue
        for (int i = 0; i < 16; i++) {
            boolean red = a.dataset().trainImages().get(i, 4, 4, 0) > 0.9f;
            assertEquals(red ? 1f : 0f, a.dataset().trainLabels().data[i]);
        }
        ImageFolder.Loaded again = ImageFolder.load(dir, Shape.of(8, 8, 3), 7, null);
        assertArrayEquals(a.dataset().testImages().data, again.dataset().testImages().data, "same seed, same split");
        assertEquals(10, a.report().sizes().size(), "ten widths 20..29, all 16 high: " + a.report().sizes());
    }

    @Test
    void givenTrainAndValidationFoldersAreKept() throws IOException {
        classes(dir.resolve("train"), 3, "cat", "dog");
        classes(dir.resolve("validation"), 2, "cat", "dog");
        ImageFolder.Loaded a = ImageFolder.load(dir, Shape.of(4, 4, 1), 1, null);
        assertEquals(List.of("cat", "dog"), a.dataset().classNames());
        assertEquals(6, a.dataset().trainImages().batch());
        assertEquals(4, a.dataset().testImages().batch());
        assertTrue(a.report().split());
        assertArrayEquals(new int[] {2, 2}, a.report().testCounts());
    }

    @Test
    void aTestClassWithoutATrainingFolderIsRefused() throws IOException {
        classes(dir.resolve("train"), 2, "cat", "dog");
        classes(dir.resolve("test"), 2, "cat", "fox");
        DatasetException e = assertThrows(DatasetException.class, () -> ImageFolder.load(dir, Shape.of(4, 4, 1), 1, null));
        assertTrue(e.getMessage().contains("class 'fox' has no folder in"), e.getMessage());
    }

    @Test
    void colourIsConvertedToTheModelsChannels() throws IOException {
        picture(dir.resolve("a/red.png"), 12, 12, new Color(255, 0, 0), "png");
        picture(dir.resolve("a/red2.png"), 12, 12, new Color(255, 0, 0), "png");
        picture(dir.resolve("b/grey.png"), 12, 12, new Color(128, 128, 128), "png");
        picture(dir.resolve("b/grey2.png"), 12, 12, new Color(128, 128, 128), "png");
        var grey = ImageFolder.load(dir, Shape.of(6, 6, 1), 1, null).dataset();
        var rgb = ImageFolder.load(dir, Shape.of(6, 6, 3), 1, null).dataset();
        for (var d : List.of(grey, rgb)) {
            for (int i = 0; i < d.trainImages().batch(); i++) {
                boolean red = d.trainLabels().data[i] == 0;
                if (d == grey) {
                    assertEquals(red ? 0.299f : 128 / 255f, d.trainImages().get(i, 2, 3, 0), 1e-3f, "BT.601 brightness");
                } else {
                    float[] px = {d.trainImages().get(i, 2, 3, 0), d.trainImages().get(i, 2, 3, 1), d.trainImages().get(i, 2, 3, 2)};
                    assertArrayEquals(red ? new float[] {1, 0, 0} : new float[] {128 / 255f, 128 / 255f, 128 / 255f}, px, 1e-3f);
                }
            }
        }
    }

    @Test
    void aWidePictureIsCentreCroppedNotSquashed() {
        // 60×20: blue | red | green thirds; a square input sees only the red middle
        BufferedImage img = new BufferedImage(60, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 20, 20);
        g.setColor(Color.RED);
        g.fillRect(20, 0, 20, 20);
        g.setColor(Color.GREEN);
        g.fillRect(40, 0, 20, 20);
        g.dispose();
        float[] out = new float[5 * 5 * 3];
        ImageFolder.fit(img, Shape.of(5, 5, 3), out, 0);
        for (int i = 0; i < 25; i++) assertArrayEquals(new float[] {1, 0, 0}, Arrays.copyOfRange(out, 3 * i, 3 * i + 3), 1e-6f);
        // a 1:3 input of the same picture keeps all three colours, left to right
        float[] wide = new float[1 * 3 * 3];
        ImageFolder.fit(img, Shape.of(1, 3, 3), wide, 0);
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, wide, 1e-6f);
    }

    @Test
    void everyFormatGreyOrColourIsRead() throws IOException {
        picture(dir.resolve("a/x.bmp"), 10, 10, Color.WHITE, "bmp");
        picture(dir.resolve("a/x.gif"), 30, 9, Color.WHITE, "gif");
        picture(dir.resolve("b/x.jpg"), 9, 30, Color.BLACK, "jpg");
        BufferedImage grey = new BufferedImage(7, 7, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(grey, "png", dir.resolve("b/grey.png").toFile());
        var loaded = ImageFolder.verify(dir, null);
        assertTrue(loaded.skipped().isEmpty(), loaded.skipped().toString());
        assertArrayEquals(new int[] {2, 2}, loaded.trainCounts());
        assertEquals(Map.of("10×10", 1, "30×9", 1, "9×30", 1, "7×7", 1), loaded.sizes());
    }

    @Test
    void badFilesAreSkippedWithTheirReasonAndTheRestIsLoaded() throws IOException {
        classes(dir, 5, "a", "b");
        Files.writeString(dir.resolve("a/notes.txt"), "not a picture");
        byte[] png = Files.readAllBytes(dir.resolve("a/0.png"));
        Files.write(dir.resolve("a/truncated.png"), Arrays.copyOf(png, png.length / 2));
        Files.write(dir.resolve("b/huge.png"), ImageFilesTest.pngHeader(50_000, 50_000));
        List<int[]> progress = new ArrayList<>();
        ImageFolder.Loaded l = ImageFolder.load(dir, Shape.of(4, 4, 3), 1, (done, total) -> {
            synchronized (progress) {
                progress.add(new int[] {done, total});
            }
        });
        assertEquals(10, l.dataset().trainImages().batch() + l.dataset().testImages().batch());
        List<ImageFolder.Skipped> skipped = l.report().skipped();
        assertEquals(3, skipped.size(), skipped.toString());
        assertEquals(dir.resolve("a/notes.txt"), skipped.get(0).file());
        assertTrue(skipped.get(0).reason().startsWith("not an image"), skipped.get(0).reason());
        assertTrue(skipped.get(1).reason().contains("cannot be decoded"), skipped.get(1).reason());
        assertTrue(skipped.get(2).reason().contains("50000×50000") && skipped.get(2).reason().contains("megapixels"),
                "refused from its header: " + skipped.get(2).reason());
        assertEquals(13, progress.size());
        assertTrue(progress.stream().anyMatch(p -> p[0] == 13 && p[1] == 13));
    }

    @Test
    void unusableFoldersSaySoPlainly() throws IOException {
        assertTrue(assertThrows(DatasetException.class, () -> ImageFolder.load(dir, Shape.of(4, 4, 1), 1, null))
                .getMessage().contains("holds no class folders"));
        classes(dir, 3, "only");
        assertTrue(assertThrows(DatasetException.class, () -> ImageFolder.load(dir, Shape.of(4, 4, 1), 1, null))
                .getMessage().contains("has only one class folder ('only')"));
        Files.createDirectories(dir.resolve("empty"));
        String m = assertThrows(DatasetException.class, () -> ImageFolder.load(dir, Shape.of(4, 4, 1), 1, null)).getMessage();
        assertTrue(m.contains("class 'empty' has no usable training images"), m);
        assertFalse(ImageFolder.verify(dir, null).problems().isEmpty());
        Path none = Files.createDirectories(dir.resolve("x/a"));
        Files.createDirectories(dir.resolve("x/b"));
        m = assertThrows(DatasetException.class, () -> ImageFolder.load(none.getParent(), Shape.of(4, 4, 1), 1, null)).getMessage();
        assertTrue(m.contains("holds no usable images"), m);
    }

    @Test
    void anInterruptCancelsTheLoad() throws IOException {
        classes(dir, 4, "a", "b");
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedIOException.class, () -> ImageFolder.load(dir, Shape.of(4, 4, 1), 1, null));
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }
    }
}
