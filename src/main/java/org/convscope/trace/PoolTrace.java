package org.convscope.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The step model of max or average pooling over one channel of a grid: one {@link PoolStep} per
 * output cell, row-major, computed on demand. Padding is Keras' {@code valid} or {@code same}
 * (pooling has no explicit zeros: padded cells are left out, not counted as 0).
 */
public final class PoolTrace {

    public enum Kind {
        MAX("max"), AVERAGE("average");

        public final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Kind kind;
    private final Geometry geometry;
    private final Grid input; // (H, W, C)
    private final int channel;
    /** Every output value, computed once; a benign race, as any thread computes the same grid. */
    private volatile Grid output;

    /** @param input (H, W, C). Not modified. {@code channel} selects the channel pooled. */
    public PoolTrace(Kind kind, Grid input, int channel, int poolH, int poolW, int strideH, int strideW,
                     PaddingSpec padding) {
        if (padding.kind() == PaddingSpec.Kind.EXPLICIT) {
            throw new IllegalArgumentException("pooling padding is valid or same");
        }
        if (channel < 0 || channel >= input.channels()) {
            throw new IllegalArgumentException("no channel " + channel + " in a " + input.channels() + "-channel input");
        }
        this.kind = kind;
        this.input = input;
        this.channel = channel;
        this.geometry = Geometry.of(input.height(), input.width(), input.channels(), poolH, poolW, strideH, strideW,
                1, 1, padding);
    }

    /** Keras' default: a square pool moved by its own size. */
    public PoolTrace(Kind kind, Grid input, int channel, int pool, int stride, PaddingSpec padding) {
        this(kind, input, channel, pool, pool, stride, stride, padding);
    }

    public Kind kind() { return kind; }
    public Geometry geometry() { return geometry; }
    public Grid input() { return input; }
    public int channel() { return channel; }

    public int stepCount() {
        return geometry.cellCount();
    }

    public int indexOf(int i, int j) {
        if (i < 0 || i >= geometry.outH() || j < 0 || j >= geometry.outW()) {
            throw new IndexOutOfBoundsException("no output cell (" + i + ", " + j + ")");
        }
        return i * geometry.outW() + j;
    }

    public PoolStep step(int index) {
        if (index < 0 || index >= stepCount()) throw new IndexOutOfBoundsException("step " + index + " of " + stepCount());
        int i = index / geometry.outW(), j = index % geometry.outW();
        List<PoolStep.Cell> window = new ArrayList<>();
        int winner = -1, count = 0;
        double sum = 0;
        for (int u = 0; u < geometry.kernelH(); u++) {
            int r = geometry.inputRow(i, u);
            for (int v = 0; v < geometry.kernelW(); v++) {
                int q = geometry.inputCol(j, v);
                if (!geometry.inside(r, q)) {
                    window.add(new PoolStep.Cell(r, q, 0f, true));
                    continue;
                }
                float x = input.get(r, q, channel);
                if (winner < 0 || x > window.get(winner).value()) winner = window.size();
                window.add(new PoolStep.Cell(r, q, x, false));
                sum += x;
                count++;
            }
        }
        float out = kind == Kind.MAX ? window.get(winner).value() : (float) (sum / count);
        return new PoolStep(index, i, j, kind, List.copyOf(window), kind == Kind.MAX ? winner : -1, out);
    }

    public PoolStep stepAt(int i, int j) {
        return step(indexOf(i, j));
    }

    /** Every output value of the channel, {@code (OH, OW, 1)}. */
    public Grid output() {
        Grid done = output;
        if (done != null) return done;
        float[] out = new float[stepCount()];
        for (int s = 0; s < out.length; s++) out[s] = step(s).output();
        output = new Grid(geometry.outH(), geometry.outW(), 1, out);
        return output;
    }
}
