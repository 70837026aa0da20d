package org.convscope.app.transfer;

import org.convscope.app.draw.Sketch;

import java.util.SplittableRandom;

/**
 * Pen strokes of simple shapes as a student would draw them on the pad, each time a little different:
 * random place, size, pen thickness, slant and wobble. Seeded. Drawn through {@link Sketch}, so the
 * ink goes through the same preprocessing as a real drawing.
 */
final class ShapeStrokes {
    enum Shape { CIRCLE, CROSS }

    private final SplittableRandom random;

    ShapeStrokes(long seed) {
        random = new SplittableRandom(seed);
    }

    /** Clears {@code sketch} and draws one {@code shape} on it. */
    void draw(Sketch sketch, Shape shape) {
        sketch.clear();
        double size = between(0.25, 0.4) * Sketch.SIZE; // half the shape's width
        double cx = between(size + 20, Sketch.SIZE - size - 20), cy = between(size + 20, Sketch.SIZE - size - 20);
        double pen = between(9, 18), wobble = 0.06 * size;
        switch (shape) {
            case CIRCLE -> {
                double start = between(0, 2 * Math.PI), squash = between(0.8, 1.2), turn = between(0.95, 1.1);
                int steps = 48;
                for (int i = 0; i <= steps; i++) {
                    double a = start + 2 * Math.PI * turn * i / steps;
                    double x = cx + size * Math.cos(a) + between(-wobble, wobble) / 3;
                    double y = cy + size * squash * Math.sin(a) + between(-wobble, wobble) / 3;
                    if (i == 0) sketch.begin(x, y, pen, false); else sketch.extend(x, y);
                }
                sketch.end();
            }
            case CROSS -> {
                double tilt = between(-0.3, 0.3);
                for (double angle : new double[] {Math.PI / 4 + tilt, -Math.PI / 4 + tilt}) {
                    double dx = size * Math.cos(angle), dy = size * Math.sin(angle);
                    int steps = 12;
                    for (int i = 0; i <= steps; i++) {
                        double t = -1 + 2.0 * i / steps;
                        double x = cx + t * dx + between(-wobble, wobble) / 2, y = cy + t * dy + between(-wobble, wobble) / 2;
                        if (i == 0) sketch.begin(x, y, pen, false); else sketch.extend(x, y);
                    }
                    sketch.end();
                }
            }
        }
    }

    private double between(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }
}
