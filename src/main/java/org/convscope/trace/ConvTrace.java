package org.convscope.trace;

import org.convscope.engine.Activation;

import java.util.ArrayList;
import java.util.List;

/**
 * The step model of one convolution filter sliding over a grid: one {@link ConvStep} per output
 * cell (see {@link StepTrace}). A frame of the animation is a pure function of (input, kernel, bias,
 * activation, geometry, step index).
 */
public final class ConvTrace extends StepTrace<ConvStep> {
    private final Grid input;   // (H, W, C)
    private final Grid kernel;  // (KH, KW, C)
    private final float bias;
    private final Activation activation;

    /**
     * @param input  the grid the filter slides over, (H, W, C). Not modified.
     * @param kernel one filter, (KH, KW, C) with C matching the input. Not modified.
     */
    public ConvTrace(Grid input, Grid kernel, float bias, Activation activation, int strideH, int strideW,
                     int dilationH, int dilationW, PaddingSpec padding) {
        super(checkedGeometry(input, kernel, strideH, strideW, dilationH, dilationW, padding));
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

    /** Checked before the geometry, whose own messages would not name the mismatch. */
    private static Geometry checkedGeometry(Grid input, Grid kernel, int strideH, int strideW,
                                            int dilationH, int dilationW, PaddingSpec padding) {
        if (kernel.channels() != input.channels()) {
            throw new IllegalArgumentException("the kernel has " + kernel.channels() + " channels but the input has "
                    + input.channels());
        }
        return Geometry.of(input.height(), input.width(), input.channels(), kernel.height(), kernel.width(),
                strideH, strideW, dilationH, dilationW, padding);
    }

    public Grid input() { return input; }
    public Grid kernel() { return kernel; }
    public float bias() { return bias; }
    public Activation activation() { return activation; }

    @Override
    protected ConvStep compute(int index, int i, int j) {
        Geometry geometry = geometry();
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
}
