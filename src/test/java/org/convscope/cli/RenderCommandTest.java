package org.convscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderCommandTest {
    @TempDir
    Path dir;

    private String run(int expectedCode, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(expectedCode, code, err.toString());
        return out + err.toString();
    }

    @Test
    void writesOnePngFrame() throws Exception {
        Path png = dir.resolve("step.png");
        String said = run(0, "render", "--view", "conv", "--padding", "same", "--step", "3", "--out", png.toString());
        assertEquals("wrote step 3 of 49 to " + png + System.lineSeparator(), said);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertEquals(1280, img.getWidth());
    }

    @Test
    void writesALoopingGifWithOneFramePerStep() throws Exception {
        Path gif = dir.resolve("pool.gif");
        run(0, "render", "--view", "pool", "--input", "toy5", "--pool", "avg", "--size", "2", "--stride", "1",
                "--gif", "--delay", "100", "--out", gif.toString());
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(16, reader.getNumImages(true)); // 4×4 outputs
            String tree = javax.imageio.metadata.IIOMetadataFormatImpl.standardMetadataFormatName;
            assertNotNull(reader.getImageMetadata(0).getAsTree(tree));
            var nativeTree = reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            assertTrue(containsNode(nativeTree, "ApplicationExtension"), "loop extension present");
        }
    }

    @Test
    void longRunsAreSampledToTheFrameCap() throws Exception {
        Path gif = dir.resolve("digit.gif");
        String said = run(0, "render", "--view", "pool", "--input", "toy7", "--size", "2", "--stride", "1",
                "--gif", "--max-frames", "5", "--out", gif.toString());
        assertEquals("wrote 5 frames (of 36 steps) to " + gif + System.lineSeparator(), said);
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(5, reader.getNumImages(true));
        }
    }

    private static boolean containsNode(org.w3c.dom.Node node, String name) {
        if (node.getNodeName().equals(name)) return true;
        for (org.w3c.dom.Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (containsNode(c, name)) return true;
        }
        return false;
    }

    @Test
    void badArgumentsGiveOneClearLine() {
        String said = run(1, "render", "--view", "conv", "--kernel", "blurry", "--out", dir.resolve("x.png").toString());
        assertTrue(said.startsWith("error: unknown kernel 'blurry'"), said);
        said = run(1, "render", "--view", "conv", "--step", "99", "--out", dir.resolve("x.png").toString());
        assertEquals("error: --step must be 1..25, got 99", said.strip());
        said = run(1, "render", "--view", "conv", "--size", "9", "--out", dir.resolve("x.png").toString());
        assertEquals("error: the 9×9 window does not fit the 7×7 padded input", said.strip());
        said = run(1, "render", "--view", "conv", "--input", dir.resolve("missing.png").toString(), "--out", dir.resolve("x.png").toString());
        assertTrue(said.contains("no such image file"), said);
    }
}
