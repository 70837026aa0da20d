package org.convscope.trace;

import org.convscope.data.ImageFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Built-in inputs for the lessons, all deterministic. Values are pixel intensities 0..255 unless said. */
public final class Samples {
    private Samples() {
    }

    /**
     * A 7×7 patch of a photo. With the 3×3 sharpen kernel its first window gives the textbook
     * {@code 134×0 + 134×(−1) + 117×0 + 126×(−1) + 130×5 + 128×(−1) + 112×0 + 124×(−1) + 119×0 = 138}.
     */
    public static Grid seedPatch() {
        return Grid.of(new float[][] {
                {134, 134, 117, 101, 98, 96, 97},
                {126, 130, 128, 110, 102, 99, 95},
                {112, 124, 119, 115, 104, 100, 98},
                {108, 113, 121, 118, 109, 103, 99},
                {104, 107, 115, 122, 114, 106, 101},
                {101, 103, 109, 117, 120, 111, 104},
                {99, 100, 104, 112, 119, 116, 108}});
    }

    /** The 5×5 input of Dumoulin &amp; Visin's "A guide to convolution arithmetic" (2016), Figure 1.1. */
    public static Grid toy5() {
        return Grid.of(new float[][] {
                {3, 3, 2, 1, 0},
                {0, 0, 1, 3, 1},
                {3, 1, 2, 2, 3},
                {2, 0, 0, 2, 2},
                {2, 0, 0, 0, 1}});
    }

    /** A 7×7 toy image, a bright 3×3 square with a diagonal stroke: edges in every direction. */
    public static Grid toy7() {
        return Grid.of(new float[][] {
                {0, 0, 0, 0, 0, 0, 9},
                {0, 9, 9, 9, 0, 9, 0},
                {0, 9, 9, 9, 9, 0, 0},
                {0, 9, 9, 9, 0, 0, 0},
                {0, 0, 9, 0, 0, 0, 0},
                {0, 9, 0, 0, 0, 0, 0},
                {9, 0, 0, 0, 0, 0, 0}});
    }

    /** A 32×32 image of soft blobs for the 32×32 → 16×16 pooling example. */
    public static Grid blobs32() {
        float[] d = new float[32 * 32];
        for (int r = 0; r < 32; r++) {
            for (int q = 0; q < 32; q++) {
                double v = 0.5 + 0.5 * Math.sin(r / 3.0) * Math.cos(q / 4.0 + r / 11.0);
                d[r * 32 + q] = Math.round(255 * v);
            }
        }
        return new Grid(32, 32, 1, d);
    }

    /** An 8×8 RGB image: red grows to the right, green downwards, blue fills a centre square. */
    public static Grid rgb8() {
        float[] d = new float[8 * 8 * 3];
        for (int r = 0; r < 8; r++) {
            for (int q = 0; q < 8; q++) {
                int at = (r * 8 + q) * 3;
                d[at] = Math.round(255f * q / 7);
                d[at + 1] = Math.round(255f * r / 7);
                d[at + 2] = r >= 2 && r < 6 && q >= 2 && q < 6 ? 255 : 0;
            }
        }
        return new Grid(8, 8, 3, d);
    }

    /** The first digit of the MNIST test set (a 7), 28×28, as the dataset stores it: ink 0..255 on black. */
    public static Grid digit() {
        try (InputStream in = Samples.class.getResourceAsStream("mnist-test-0.png")) {
            if (in == null) throw new IllegalStateException("the sample digit is missing from the jar");
            java.awt.image.BufferedImage img = ImageFiles.read(in, "mnist-test-0.png");
            float[] d = new float[28 * 28];
            for (int r = 0; r < 28; r++) {
                for (int q = 0; q < 28; q++) d[r * 28 + q] = img.getRGB(q, r) & 0xff;
            }
            return new Grid(28, 28, 1, d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
