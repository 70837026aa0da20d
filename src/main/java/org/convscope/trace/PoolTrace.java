package org.convscope.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The step model of max or average pooling over one channel of a grid: one {@link PoolStep} per
 * output cell (see {@link StepTrace}). Padding is Keras' {@code valid} or {@code same}
 * (pooling has no explicit zeros: padded cells are left out, not counted as 0).
 */
public final class PoolTrace extends StepTrace<PoolStep> {

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
    private final Grid input; // (H, W, C)
    private final int channel;

    /** @param input (H, W, C). Not modified. {@code channel} selects the channel pooled. */
    public PoolTrace(Kind kind, Grid input, int channel, int poolH, int poolW, int strideH, int strideW,
                     PaddingSpec padding) {
        super(checkedGeometry(input, channel, poolH, poolW, strideH, strideW, padding));
        this.kind = kind;
        this.input = input;
        this.channel = channel;
    }

    /** Checked before the geometry, whose own messages would not name what pooling rules out. */
    private static Geometry checkedGeometry(Grid input, int channel, int poolH, int poolW, int strideH, int strideW,
                                            PaddingSpec padding) {
        if (padding.kind() == PaddingSpec.Kind.EXPLICIT) {
            throw new IllegalArgumentException("pooling padding is valid or same");
        }
        if (channel < 0 || channel >= input.channels()) {
            throw new IllegalArgumentException("no channel " + channel + " in a " + input.channels() + "-channel input");
        }
        return Geometry.of(input.height(), input.width(), input.channels(), poolH, poolW, strideH, strideW,
                1, 1, padding);
    }

    /** Keras' default: a square pool moved by its own size. */
    public PoolTrace(Kind kind, Grid input, int channel, int pool, int stride, PaddingSpec padding) {
        this(kind, input, channel, pool, pool, stride, stride, padding);
    }

    public Kind kind() { return kind; }
    public Grid input() { return input; }
    public int channel() { return channel; }

    @Override
    protected PoolStep compute(int index, int i, int j) {
        Geometry geometry = geometry();
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
}
