package org.convscope.app.maps;

import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;

import java.util.Arrays;

/**
 * A pen drawing a "7" on an input of the model's shape, one small step at a time, as the draw view
 * feeds the model while a student draws: each step returns the input (1, H, W, C) after one more pen
 * event. For benchmarks. No JavaFX.
 */
public final class StrokeSimulator {
    private static final double[][] PATH = {{0.22, 0.25}, {0.75, 0.25}, {0.45, 0.8}}; // fractions of the image
    private final Shape shape;
    private final int steps;
    private final float[] canvas; // (H, W, C)
    private int step;

    public StrokeSimulator(Shape inputShape, int steps) {
        if (inputShape.rank() != 3) throw new IllegalArgumentException("the model's input is not an image: " + inputShape);
        this.shape = inputShape;
        this.steps = steps;
        this.canvas = new float[inputShape.size()];
    }

    /** The input after the next pen event; the drawing restarts on a blank canvas after the last step. */
    public Tensor next() {
        if (step == steps) {
            Arrays.fill(canvas, 0);
            step = 0;
        }
        double t = (double) step++ / Math.max(1, steps - 1) * (PATH.length - 1);
        int seg = Math.min((int) t, PATH.length - 2);
        double f = t - seg;
        double y = (PATH[seg][1] + (PATH[seg + 1][1] - PATH[seg][1]) * f) * shape.dim(0);
        double x = (PATH[seg][0] + (PATH[seg + 1][0] - PATH[seg][0]) * f) * shape.dim(1);
        dab(y, x, Math.max(1.2, shape.dim(0) / 18.0));
        return new Tensor(canvas.clone(), shape.withBatch(1));
    }

    /** A soft round brush of radius r at (y, x): intensity 1 inside, falling off over one pixel. */
    private void dab(double y, double x, double r) {
        int h = shape.dim(0), w = shape.dim(1), c = shape.last();
        for (int i = Math.max(0, (int) (y - r - 1)); i <= Math.min(h - 1, (int) (y + r + 1)); i++) {
            for (int j = Math.max(0, (int) (x - r - 1)); j <= Math.min(w - 1, (int) (x + r + 1)); j++) {
                double d = Math.hypot(i + 0.5 - y, j + 0.5 - x);
                float v = (float) Math.max(0, Math.min(1, r + 0.5 - d));
                for (int k = 0; k < c; k++) {
                    int o = (i * w + j) * c + k;
                    canvas[o] = Math.max(canvas[o], v);
                }
            }
        }
    }
}
