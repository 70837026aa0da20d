package org.convscope.trace.render;

import org.convscope.data.ImageFiles;
import org.convscope.data.Preprocessing;
import org.convscope.engine.Tensor;
import org.convscope.trace.Grid;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Image files as grids to step through, in pixel intensities 0..255 (whole numbers read best in an
 * equation). Reading and resampling are the data package's: its size-checked reader, its
 * antialiased resize, and its MNIST-style centring for digits.
 */
public final class ImageInput {
    private ImageInput() {
    }

    /** How a picture becomes a grid. */
    public enum Mode {
        /** Brightness, shrunk to fit the size keeping the aspect ratio. */
        GREY,
        /** Red, green and blue channels, shrunk alike. */
        RGB,
        /** A digit as MNIST has it: bright ink on black, centred by mass in 28×28. */
        MNIST
    }

    public static Grid read(Path file, Mode mode, int maxSide) throws IOException {
        return fromImage(ImageFiles.read(file), mode, maxSide);
    }

    /** {@code image} not modified. */
    public static Grid fromImage(BufferedImage image, Mode mode, int maxSide) {
        if (maxSide < 1) throw new IllegalArgumentException("the grid needs at least one cell a side");
        int w = image.getWidth(), h = image.getHeight();
        double scale = Math.min(1.0, maxSide / (double) Math.max(w, h));
        int ow = Math.max(1, (int) Math.round(w * scale)), oh = Math.max(1, (int) Math.round(h * scale));
        Tensor t = switch (mode) {
            case GREY -> Preprocessing.greyResized(image, oh, ow);
            case RGB -> Preprocessing.rgb(image, oh, ow);
            case MNIST -> Preprocessing.mnist(image).tensor();
        };
        return toBytes(Grid.fromTensor(t));
    }

    /** 0..1 values as rounded 0..255 intensities. */
    public static Grid toBytes(Grid unit) {
        float[] d = new float[unit.height() * unit.width() * unit.channels()];
        int i = 0;
        for (int r = 0; r < unit.height(); r++) {
            for (int q = 0; q < unit.width(); q++) {
                for (int c = 0; c < unit.channels(); c++) d[i++] = Math.round(255 * unit.get(r, q, c));
            }
        }
        return new Grid(unit.height(), unit.width(), unit.channels(), d);
    }
}
