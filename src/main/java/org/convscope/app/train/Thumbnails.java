package org.convscope.app.train;

import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.convscope.engine.Tensor;

/** Dataset images as JavaFX images, as the model sees them (values 0..1, bright = ink). */
public final class Thumbnails {
    private Thumbnails() {
    }

    /** Image {@code n} of {@code images} (N, H, W, C) with C = 1 (grey) or 3 (RGB). Not modified. */
    public static Image of(Tensor images, int n) {
        int h = images.dim(1), w = images.dim(2), c = images.dim(3);
        WritableImage img = new WritableImage(w, h);
        PixelWriter pw = img.getPixelWriter();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (c == 3) {
                    pw.setColor(x, y, Color.color(clamp(images.get(n, y, x, 0)), clamp(images.get(n, y, x, 1)), clamp(images.get(n, y, x, 2))));
                } else {
                    pw.setColor(x, y, Color.gray(clamp(images.get(n, y, x, 0))));
                }
            }
        }
        return img;
    }

    private static double clamp(float v) {
        return Math.max(0, Math.min(1, v));
    }
}
