package org.convscope.trace.render;

import org.convscope.trace.Grid;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an image file as a grid of pixel intensities 0..255, grey (1 channel) or RGB (3), shrunk by
 * area averaging so that its longer side is at most {@code maxSide} cells (a step-through of a
 * 1000-pixel photo would never end).
 */
public final class ImageInput {
    private ImageInput() {
    }

    public static Grid read(Path file, boolean rgb, int maxSide) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no image file '" + file + "'");
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) throw new IllegalArgumentException("'" + file + "' is not an image ImageIO can read (PNG, JPEG, GIF, BMP)");
        return fromImage(img, rgb, maxSide);
    }

    /** {@code img} not modified. */
    public static Grid fromImage(BufferedImage img, boolean rgb, int maxSide) {
        int w = img.getWidth(), h = img.getHeight();
        if ((long) w * h > 50_000_000L) throw new IllegalArgumentException("the image is too large: " + w + "×" + h);
        double scale = Math.max(1.0, Math.max(w, h) / (double) maxSide);
        int oh = Math.max(1, (int) Math.round(h / scale)), ow = Math.max(1, (int) Math.round(w / scale));
        int channels = rgb ? 3 : 1;
        double[] sum = new double[oh * ow * channels];
        int[] count = new int[oh * ow];
        for (int y = 0; y < h; y++) {
            int r = Math.min(oh - 1, (int) (y / scale));
            for (int x = 0; x < w; x++) {
                int q = Math.min(ow - 1, (int) (x / scale));
                int argb = img.getRGB(x, y);
                int red = argb >> 16 & 255, green = argb >> 8 & 255, blue = argb & 255;
                int cell = r * ow + q;
                count[cell]++;
                if (rgb) {
                    sum[cell * 3] += red;
                    sum[cell * 3 + 1] += green;
                    sum[cell * 3 + 2] += blue;
                } else {
                    sum[cell] += 0.299 * red + 0.587 * green + 0.114 * blue;
                }
            }
        }
        float[] d = new float[sum.length];
        for (int i = 0; i < d.length; i++) d[i] = Math.round(sum[i] / count[i / channels]);
        return new Grid(oh, ow, channels, d);
    }
}
