package org.convscope.trace;

import org.convscope.engine.Activation;

import java.util.ArrayList;
import java.util.List;

/**
 * The step model of one convolution filter sliding over a grid: one {@link ConvStep} per output
 * cell, row-major, computed on demand so that scrubbing to any index is immediate. A frame of the
 * animation is a pure function of (input, kernel, bias, activation, geometry, step index).
 */
public final class ConvTrace {
    private final Geometry geometry;
    private final Grid input;   // (H, W, C)
    private final Grid kernel;  // (KH, KW, C)
    private final float bias;
    private final Activation activation;
    /** Every output value, computed once; a benign race, as any thread computes the same grid. */
    private volatile Grid output;

    /**
     * @param input  the grid the filter slides over, (H, W, C). Not modified.
     * @param kernel one filter, (KH, KW, C) with C matching the input. Not modified.
     */
    public ConvTrace(Grid input, Grid kernel, float bias, Activation activation, int strideH, int strideW,
                     int dilationH, int dilationW, PaddingSpec padding) {
        if (kernel.channels() != input.channels()) {
            throw new IllegalArgumentException("the kernel has " + kernel.channels() + " channels but the input has "
                    + input.channels());
        }
        this.geometry = Geometry.of(input.height(), input.width(), input.channels(), kernel.height(), kernel.width(),
                strideH, strideW, dilationH, dilationW, padding);
        this.input = input;
        this.kernel = kernel;
        this.bias = bias;
        this.activation = activation;
    }

    /** Same stride and dilation along both axes. */
    public ConvTrace(Grid input, Grid kernel, float bias, Activation activation, int stride, int dilation,
                     PaddingSpec padding) {
        this(input, kernel, bias, activation, stride, stride, dilation, dilation, padding);
    }

    public Geometry geometry() { return geometry; }
    public Grid input() { return input; }
    public Grid kernel() { return kernel; }
    public float bias() { return bias; }
    public Activation activation() { return activation; }

    public int stepCount() {
        return geometry.cellCount();
    }

    /** The step that computes output cell {@code (i, j)}. */
    public int indexOf(int i, int j) {
        if (i < 0 || i >= geometry.outH() || j < 0 || j >= geometry.outW()) {
            throw new IndexOutOfBoundsException("no output cell (" + i + ", " + j + ") in "
                    + geometry.outH() + "×" + geometry.outW());
        }
        return i * geometry.outW() + j;
    }

    /** Step {@code index} (0 ≤ index &lt; stepCount), row-major over the output. */
    public ConvStep step(int index) {
        if (index < 0 || index >= stepCount()) {
            throw new IndexOutOfBoundsException("step " + index + " of " + stepCount());
        }
        int i = index / geometry.outW(), j = index % geometry.outW();
        int c = input.channels();
        List<ConvStep.Term> terms = new ArrayList<>(kernel.height() * kernel.width() * c);
        double[] sums = new double[c];
        for (int u = 0; u < kernel.height(); u++) {
            int r = geometry.inputRow(i, u);
            for (int v = 0; v < kernel.width(); v++) {
                int q = geometry.inputCol(j, v);
                boolean pad = !geometry.inside(r, q);
                for (int ch = 0; ch < c; ch++) {
                    float x = pad ? 0f : input.get(r, q, ch);
                    float w = kernel.get(u, v, ch);
                    terms.add(new ConvStep.Term(r, q, ch, u, v, x, w, pad));
                    sums[ch] += (double) x * w;
                }
            }
        }
        float[] channelSums = new float[c];
        double z = bias;
        for (int ch = 0; ch < c; ch++) {
            channelSums[ch] = (float) sums[ch];
            z += sums[ch];
        }
        float pre = (float) z;
        return new ConvStep(index, i, j, List.copyOf(terms), channelSums, bias, pre, activation,
                ActivationNames.apply(activation, pre));
    }

    /** The step for output cell {@code (i, j)}. */
    public ConvStep stepAt(int i, int j) {
        return step(indexOf(i, j));
    }

    /** Every output value, {@code (OH, OW, 1)}: the finished feature map. */
    public Grid output() {
        Grid done = output;
        if (done != null) return done;
        float[] out = new float[stepCount()];
        for (int s = 0; s < out.length; s++) out[s] = step(s).output();
        output = new Grid(geometry.outH(), geometry.outW(), 1, out);
        return output;
    }
}
