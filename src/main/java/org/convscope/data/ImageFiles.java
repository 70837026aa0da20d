package org.convscope.data;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * Reads image files (PNG, JPEG, BMP, GIF: whatever ImageIO can decode) without trusting them:
 * the format is recognised from the content, not the name, and the size is read from the header
 * before any pixel is decoded, so a huge image is refused instead of exhausting memory.
 */
public final class ImageFiles {
    /** The largest image accepted: 50 megapixels (200 MB as ARGB). */
    public static final long MAX_PIXELS = 50_000_000L;

    private ImageFiles() {
    }

    /** Reads the first frame of an image file. */
    public static BufferedImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new ImageFormatException(file + ": no such image file");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads the first frame of an image from a stream; {@code source} names it in messages.
     * @throws ImageFormatException when the content is not a supported image, is corrupt, or has more
     *         than {@link #MAX_PIXELS} pixels
     */
    public static BufferedImage read(InputStream in, String source) throws IOException {
        try (ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            if (iis == null) throw new ImageFormatException(source + ": cannot be read as an image");
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new ImageFormatException(source + ": not an image (PNG, JPEG, BMP or GIF expected)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                String format = reader.getFormatName().toUpperCase(Locale.ROOT);
                long width = reader.getWidth(0), height = reader.getHeight(0);
                if (width * height > MAX_PIXELS) {
                    throw new ImageFormatException(String.format(Locale.ROOT,
                            "%s: the image is %d×%d (%.1f megapixels); at most %d megapixels are accepted",
                            source, width, height, width * height / 1e6, MAX_PIXELS / 1_000_000));
                }
                if (width < 1 || height < 1) throw new ImageFormatException(source + ": the " + format + " image is empty");
                try {
                    return reader.read(0);
                } catch (IOException | RuntimeException e) {
                    throw new ImageFormatException(source + ": the " + format + " image cannot be decoded ("
                            + e.getMessage() + "); it is corrupt, truncated or of an unsupported kind", e);
                }
            } catch (ImageFormatException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new ImageFormatException(source + ": the image header cannot be read (" + e.getMessage() + ")", e);
            } finally {
                reader.dispose();
            }
        }
    }
}
