package org.convscope.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsPngJpegBmpAndGifByContent() throws IOException {
        BufferedImage img = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 2, 0xffffff);
        for (String format : new String[] {"png", "jpeg", "bmp", "gif"}) {
            Path file = dir.resolve("digit." + format + ".img"); // the name does not matter, the content does
            assertTrue(ImageIO.write(img, format, file.toFile()), format);
            BufferedImage back = ImageFiles.read(file);
            assertEquals(7, back.getWidth(), format);
            assertEquals(5, back.getHeight(), format);
        }
    }

    @Test
    void refusesANonImageNamingTheFile() throws IOException {
        Path file = dir.resolve("notes.png");
        Files.writeString(file, "these are not pixels");
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageFiles.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not an image"), e.getMessage());
    }

    @Test
    void refusesAMissingFile() {
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageFiles.read(dir.resolve("gone.png")));
        assertTrue(e.getMessage().contains("no such image file"), e.getMessage());
    }

    @Test
    void refusesAnImageOverFiftyMegapixelsFromItsHeaderAlone() throws IOException {
        // A PNG claiming 10000×10000 pixels whose pixel data is absent: decoding it would fail, so the
        // refusal can only come from the header.
        Path file = dir.resolve("huge.png");
        Files.write(file, pngHeader(10_000, 10_000));
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageFiles.read(file));
        assertTrue(e.getMessage().contains("10000×10000 (100.0 megapixels); at most 50 megapixels"), e.getMessage());
    }

    @Test
    void refusesATruncatedImageAsCorrupt() throws IOException {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 64; i++) img.setRGB(i, i, 0xff00ff);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        Path file = dir.resolve("cut.png");
        Files.write(file, Arrays.copyOf(bytes.toByteArray(), 60));
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageFiles.read(file));
        assertTrue(e.getMessage().startsWith(file + ": the PNG image cannot be decoded"), e.getMessage());
    }

    /** PNG signature and IHDR chunk (8-bit greyscale) of a width × height image, without pixel data. */
    static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream c = new DataOutputStream(chunk);
        c.write("IHDR".getBytes(StandardCharsets.US_ASCII));
        c.writeInt(width);
        c.writeInt(height);
        c.write(new byte[] {8, 0, 0, 0, 0}); // bit depth, colour type grey, compression, filter, interlace
        byte[] body = chunk.toByteArray();
        d.writeInt(body.length - 4);
        d.write(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        d.writeInt((int) crc.getValue());
        return out.toByteArray();
    }
}
