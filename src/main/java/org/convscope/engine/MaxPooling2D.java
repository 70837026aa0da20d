package org.convscope.engine;

/**
 * {@code y[n, i, j, c] = max over the window of x[n, ·, ·, c]}. The gradient flows only to the
 * cell that won (the first one on ties), remembered during the forward pass.
 */
public final class MaxPooling2D extends Pooling2D {
    private int[] argmax; // (N, OH, OW, C): flat index into x of each window's winner
    private int[] windowOf; // (H·W) of a banded forward pass: where input cell (r, q)'s window is, see windowOf()
    private Tensor y;     // the last forward pass' output: each winner's value, for backwardThroughRelu
    private final StepTensor stepY = new StepTensor();
    private final StepTensor stepDx = new StepTensor();

    public MaxPooling2D(int poolH, int poolW, int strideH, int strideW, Padding padding) {
        super(poolH, poolW, strideH, strideW, padding);
    }

    /** Keras' {@code MaxPooling2D(pool)}: strides = pool size. */
    public MaxPooling2D(int pool, Padding padding) {
        this(pool, pool, pool, pool, padding);
    }

    @Override
    public String className() {
        return "MaxPooling2D";
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Tensor y = this.y = startForward(x, stepY); // every value is written below
        startWinners();
        int h = x.dim(1), w = x.dim(2), c = x.dim(3);
        float[] xd = x.data;
        Parallel.forRange(x.dim(0), (long) x.size(), (part, b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                for (int i = 0; i < y.dim(1); i++) poolRow(xd, (b * h + firstRow(i)) * w * c, 0, b, i);
            }
        });
        return y;
    }

    /**
     * Starts a forward pass over an input (N, H, W, C) = {@code inShape} that is never made whole: {@link ConvPooling}
     * hands its rows in a band at a time ({@link #poolRow}). Returns the output, whose values poolRow writes.
     */
    Tensor startBandedForward(int[] inShape) {
        xShape = inShape.clone();
        int[] out = outputShape(Shape.of(inShape[1], inShape[2], inShape[3])).withBatch(inShape[0]);
        y = stepY.get(reuseBuffers, out);
        startWinners();
        if (windowOf == null || windowOf.length != inShape[1] * inShape[2]) windowOf = new int[inShape[1] * inShape[2]];
        java.util.Arrays.fill(windowOf, -1);
        int oh = y.dim(1), ow = y.dim(2), c = inShape[3];
        int padLeft = padding.amounts(inShape[2], poolW, strideW, 1)[0];
        for (int i = 0; i < oh; i++) {
            for (int r = firstRow(i); r < endRow(i); r++) {
                for (int j = 0; j < ow; j++) {
                    int q1 = Math.min(j * strideW - padLeft + poolW, inShape[2]);
                    for (int q = Math.max(j * strideW - padLeft, 0); q < q1; q++) windowOf[r * inShape[2] + q] = (i * ow + j) * c;
                }
            }
        }
        return y;
    }

    /**
     * For the last banded forward pass ({@link #startBandedForward}), per input cell (r, q) of an image: where the
     * window it lies in has its channel 0 in that image's part of the output, or −1 for none. Windows that overlap
     * would need more than one: only for {@link #windowsDoNotOverlap}.
     */
    int[] windowOf() {
        return windowOf;
    }

    /** The last forward pass' output, each window's largest value. */
    Tensor output() {
        return y;
    }

    /** The last forward pass' winners, as flat indices into its input: (N, OH, OW, C). */
    int[] winners() {
        return argmax;
    }

    private void startWinners() {
        argmax = argmax != null && argmax.length == y.size() ? argmax : new int[y.size()];
    }

    /** The first input row that output row i's windows cover. */
    int firstRow(int i) {
        return Math.max(i * strideH - padding.amounts(xShape[1], poolH, strideH, 1)[0], 0);
    }

    /** One past the last input row that output row i's windows cover. */
    int endRow(int i) {
        return Math.min(i * strideH - padding.amounts(xShape[1], poolH, strideH, 1)[0] + poolH, xShape[1]);
    }

    /**
     * Output row i of image b: each window's max and winner, from input rows [firstRow(i), endRow(i)) held in band
     * from {@code at} (row after row, W·C each). A winner is recorded as its index in band plus {@code shift}: with
     * band the whole input and shift 0 its index in x, as {@link #backward} needs. band not modified.
     */
    void poolRow(float[] band, int at, int shift, int b, int i) {
        int w = xShape[2], c = xShape[3], oh = y.dim(1), ow = y.dim(2);
        int padLeft = padding.amounts(w, poolW, strideW, 1)[0], rows = endRow(i) - firstRow(i);
        ElementKernels kernels = ElementKernels.current();
        for (int j = 0; j < ow; j++) {
            int q0 = Math.max(j * strideW - padLeft, 0), q1 = Math.min(j * strideW - padLeft + poolW, w);
            kernels.maxOfWindow(band, at + q0 * c, w * c, rows, q1 - q0, c, 0, y.data, argmax, ((b * oh + i) * ow + j) * c);
        }
        if (shift != 0) {
            for (int o = (b * oh + i) * ow * c, end = o + ow * c; o < end; o++) argmax[o] += shift;
        }
    }

    /**
     * The plain form of {@link #forward}, one window and channel at a time, kept to check the fast loop
     * against (a test does). Also sets the argmax cache.
     */
    Tensor forwardReference(Tensor x) {
        int h = x.dim(1), w = x.dim(2), c = x.dim(3);
        float[] xd = x.data;
        Tensor y = this.y = startForward(x);
        argmax = new int[y.size()];
        forEachWindow(x, y, (b, base, r0, r1, q0, q1) -> {
            for (int ch = 0; ch < c; ch++) {
                float best = Float.NEGATIVE_INFINITY;
                int bestAt = -1;
                for (int r = r0; r < r1; r++) {
                    for (int q = q0; q < q1; q++) {
                        int at = ((b * h + r) * w + q) * c + ch;
                        if (xd[at] > best || bestAt < 0) {
                            best = xd[at];
                            bestAt = at;
                        }
                    }
                }
                y.data[base + ch] = best;
                argmax[base + ch] = bestAt;
            }
        });
        return y;
    }

    @Override
    public Tensor backward(Tensor dOut) {
        return scatter(dOut, false);
    }

    /**
     * ∂L/∂z of the layer below when that layer ends in ReLU (y = max(z, 0)) and feeds only this one: the two backward
     * passes in one, {@code ∂L/∂z = winner's value > 0 ? ∂L/∂y : 0} at each window's winner, 0 elsewhere. The same
     * numbers as {@link #backward} followed by ReLU's backward pass (the winner's value is the ReLU output there),
     * without the pass over the large map that ReLU's would take. dOut not modified.
     */
    Tensor backwardThroughRelu(Tensor dOut) {
        return scatter(dOut, true);
    }

    /** ∂L/∂x, or ∂L/∂z of the ReLU layer below when {@code throughRelu}: each window's gradient to its winner. */
    private Tensor scatter(Tensor dOut, boolean throughRelu) {
        Tensor dx = stepDx.get(reuseBuffers, xShape); // (N, H, W, C)
        float[] g = dOut.data, d = dx.data, best = y.data;
        int[] winners = argmax;
        int h = xShape[1], w = xShape[2], c = xShape[3];
        int perImage = g.length / Math.max(1, xShape[0]), inPerImage = d.length / Math.max(1, xShape[0]);
        // A reused dx holds the last step's values, so every cell is written. Every winner lies in its own image,
        // so images can be split between cores.
        if (windowsTileTheInput(h, w)) {
            // Output row i's windows cover input rows [i·s_h − p_top, …) whole and nothing else: zero those rows,
            // then write the winners into them while they are in the core's cache.
            int oh = dOut.dim(1), ow = dOut.dim(2);
            int padTop = padding.amounts(h, poolH, strideH, 1)[0];
            Parallel.forRange(xShape[0], (long) g.length, (part, b0, b1) -> {
                for (int b = b0; b < b1; b++) {
                    for (int i = 0; i < oh; i++) {
                        int r0 = Math.max(i * strideH - padTop, 0), r1 = Math.min(i * strideH - padTop + poolH, h);
                        java.util.Arrays.fill(d, (b * h + r0) * w * c, (b * h + r1) * w * c, 0f);
                        int o = (b * oh + i) * ow * c, end = o + ow * c;
                        if (throughRelu) {
                            for (; o < end; o++) d[winners[o]] = best[o] > 0 ? g[o] : 0f;
                        } else {
                            for (; o < end; o++) d[winners[o]] = g[o];
                        }
                    }
                }
            });
            return dx;
        }
        Parallel.forRange(xShape[0], (long) g.length, (part, b0, b1) -> {
            java.util.Arrays.fill(d, b0 * inPerImage, b1 * inPerImage, 0f);
            for (int i = b0 * perImage; i < b1 * perImage; i++) { // overlapping windows can share a winner
                if (!throughRelu || best[i] > 0) d[winners[i]] += g[i];
            }
        });
        return dx;
    }

    /** Whether every input cell lies in at most one window (strides at least the pool size). */
    boolean windowsDoNotOverlap() {
        return strideH >= poolH && strideW >= poolW;
    }

    /**
     * Whether the windows are side by side, not overlapping, and cover every input cell (stride = pool size, and
     * "same" padding or sides that are multiples of it): then each input cell is in exactly one window.
     */
    private boolean windowsTileTheInput(int h, int w) {
        return strideH == poolH && strideW == poolW && (padding == Padding.SAME || h % poolH == 0 && w % poolW == 0);
    }

    static MaxPooling2D fromConfig(LayerConfig cfg) {
        int[][] ps = readConfig(cfg);
        return new MaxPooling2D(ps[0][0], ps[0][1], ps[1][0], ps[1][1], Padding.fromKeras(cfg.getString("padding", "valid")));
    }
}
