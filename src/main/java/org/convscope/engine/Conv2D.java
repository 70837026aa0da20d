package org.convscope.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * 2-D convolution (cross-correlation, as in every deep-learning library), channels-last:
 * <pre>
 *   z[n, i, j, f] = b[f] + Σ_{u, v, c} x[n, i·s_h − p_top + u·d_h, j·s_w − p_left + v·d_w, c] · W[u, v, c, f]
 *   y = activation(z)
 * </pre>
 * with zeros outside the input. Computed as im2col + one GEMM: every output position becomes a row
 * of the window's values, (N·OH·OW, KH·KW·C), times the kernel viewed as (KH·KW·C, F). A 1-channel
 * input (stride 1, valid, no dilation) is convolved directly on the fast path instead: its im2col rows
 * would be only KH·KW long, and its kernel gradient is summed directly too. A 3×3 kernel with stride 1
 * over many channels goes by {@link Winograd}'s transforms, with fewer multiplications, and so do its ∂L/∂W and ∂L/∂x
 * (by the transposed algorithm; with few channels but many filters, ∂L/∂x alone, as a convolution of ∂L/∂z).
 */
public final class Conv2D extends ActivatedLayer {
    private final int filters;
    private final int kernelH;
    private final int kernelW;
    private final int strideH;
    private final int strideW;
    private final Padding padding;
    private final int dilationH;
    private final int dilationW;
    private final boolean useBias;
    private Initializer kernelInitializer = Initializer.GLOROT_UNIFORM;
    private Initializer biasInitializer = Initializer.ZEROS;
    private Regularizer kernelRegularizer;

    private Param kernel; // (KH, KW, C_in, F)
    private Param bias;   // (F)

    // cache of the last forward pass
    private int[] xShape;
    private Tensor x;     // (N, H, W, C_in), kept for the backward pass: the direct or Winograd kernel gradient, or cols
    private float[] cols; // (N·OH·OW, KH·KW·C_in), reused across passes (it may be longer)
    private boolean colsFilled; // whether cols holds the windows of x
    private final StepTensor stepZ = new StepTensor();
    private final StepTensor stepDx = new StepTensor();
    private final Winograd.TransformedKernel transformed = new Winograd.TransformedKernel();
    // scratch of the backward pass, reused
    private float[] dCols; // (N·OH·OW, KH·KW·C_in)
    private float[] turnedKernel; // (3, 3, F, C_in): the kernel turned by 180°, for ∂L/∂x by Winograd
    private final Winograd.TransformedKernel transformedTurned = new Winograd.TransformedKernel();
    private final Winograd.Backward backward = new Winograd.Backward();
    private int[] windowOffsets; // (OH·OW): where each output position's window starts in a 1-channel image
    private int windowOffsetsWidth;

    public Conv2D(int filters, int kernelH, int kernelW, int strideH, int strideW, Padding padding,
                  int dilationH, int dilationW, Activation activation, boolean useBias) {
        super(activation);
        if (filters < 1 || kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("Conv2D needs filters, kernel size, strides and dilation ≥ 1");
        }
        if ((strideH > 1 || strideW > 1) && (dilationH > 1 || dilationW > 1)) {
            throw new IllegalArgumentException("Conv2D cannot combine strides > 1 with dilation > 1 (as in Keras)");
        }
        this.filters = filters;
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.strideH = strideH;
        this.strideW = strideW;
        this.padding = padding;
        this.dilationH = dilationH;
        this.dilationW = dilationW;
        this.useBias = useBias;
    }

    /** Keras' {@code Conv2D(filters, (k, k), activation=...)}: stride 1, valid, no dilation. */
    public Conv2D(int filters, int kernel, Activation activation) {
        this(filters, kernel, kernel, 1, 1, Padding.VALID, 1, 1, activation, true);
    }

    public Conv2D withInitializers(Initializer kernelInit, Initializer biasInit) {
        this.kernelInitializer = kernelInit;
        this.biasInitializer = biasInit;
        return this;
    }

    /** Adds an L1/L2 penalty on the kernel (null for none). */
    public Conv2D withKernelRegularizer(Regularizer regularizer) {
        this.kernelRegularizer = regularizer;
        return this;
    }

    @Override
    public String className() {
        return "Conv2D";
    }

    @Override
    public Shape outputShape(Shape in) {
        requireRank(in, 3, "Conv2D", "put it before Flatten");
        int oh = padding.outputSize(in.dim(0), kernelH, strideH, dilationH);
        int ow = padding.outputSize(in.dim(1), kernelW, strideW, dilationW);
        if (oh < 1 || ow < 1) {
            int spanH = dilationH * (kernelH - 1) + 1;
            int spanW = dilationW * (kernelW - 1) + 1;
            throw new IllegalArgumentException("Conv2D kernel " + spanH + "×" + spanW
                    + (dilationH > 1 || dilationW > 1 ? " (with dilation)" : "")
                    + " is larger than its " + in.dim(0) + "×" + in.dim(1) + " input");
        }
        return Shape.of(oh, ow, filters);
    }

    @Override
    protected void initialize(Shape in, Rng rng) {
        int c = in.last();
        kernel = new Param("kernel", Tensor.zeros(kernelH, kernelW, c, filters), true, kernelRegularizer);
        kernelInitializer.fill(kernel.value, kernelH * kernelW * c, kernelH * kernelW * filters, rng);
        if (useBias) {
            bias = Param.trainable("bias", filters);
            biasInitializer.fill(bias.value, c, filters, rng);
        }
    }

    @Override
    public List<Param> params() {
        List<Param> ps = new ArrayList<>(2);
        if (kernel != null) ps.add(kernel);
        if (bias != null) ps.add(bias);
        return ps;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
        int[] padH = padding.amounts(h, kernelH, strideH, dilationH);
        int[] padW = padding.amounts(w, kernelW, strideW, dilationW);
        int oh = Padding.outputSize(h, kernelH, strideH, dilationH, padH[0], padH[1]);
        int ow = Padding.outputSize(w, kernelW, strideW, dilationW, padW[0], padW[1]);
        int rows = n * oh * ow;
        int k = kernelH * kernelW * c;
        xShape = x.shape();
        this.x = x;
        z = stepZ.get(reuseBuffers, n, oh, ow, filters); // (N, OH, OW, F), every value written below
        // ReLU in place: y > 0 exactly where z > 0, so its backward pass needs only y.
        boolean relu = activation == Activation.RELU;
        float[] b = useBias ? bias.value.data : null;
        if (convolvesDirectly(c)) {
            colsFilled = false;
            prepareWindowOffsets();
            Tensor out = z;
            Parallel.forRange(n, (long) rows * filters, (part, b0, b1) -> {
                for (int img = b0; img < b1; img++) convolveRows(img, 0, oh, out.data, img * oh * ow * filters);
            });
        } else if (Winograd.applies(kernelH, kernelW, strideH, strideW, dilationH, dilationW, c)) {
            colsFilled = false;
            Winograd.convolve(x.data, n, h, w, c, transformed.of(kernel.value.data, c, filters), filters, padH[0], padW[0], oh, ow, b, relu, z.data);
        } else {
            fillCols();
            Gemm.current().multiply(false, false, rows, filters, k, cols, kernel.value.data, z.data, false);
            Kernels.addBias(z.data, rows, filters, b, relu);
        }
        y = relu ? z : activation.forward(z);
        return y;
    }

    /**
     * Whether the forward pass convolves directly: a 1-channel input, stride 1, valid, no dilation, on the
     * fast path (under the EJML reference GEMM it takes im2col + GEMM, which tests compare against).
     */
    private boolean convolvesDirectly(int channels) {
        return channels == 1 && strideH == 1 && strideW == 1 && dilationH == 1 && dilationW == 1
                && padding == Padding.VALID && !(Gemm.current() instanceof EjmlGemm);
    }

    /** Whether {@link ConvPooling} can make this layer's output a band of rows at a time: convolved directly, ending in ReLU. */
    boolean convolvesInBands() {
        return inputShape() != null && convolvesDirectly(inputShape().last()) && activation == Activation.RELU;
    }

    /**
     * Starts a forward pass whose output {@link ConvPooling} makes a band of rows at a time ({@link #convolveRows}) and
     * never whole: keeps x (N, H, W, 1) for the backward pass and returns the output's shape (N, OH, OW, F).
     */
    int[] startBandedForward(Tensor x) {
        xShape = x.shape();
        this.x = x;
        colsFilled = false;
        z = y = null; // never made
        prepareWindowOffsets();
        return new int[] {x.dim(0), x.dim(1) - kernelH + 1, x.dim(2) - kernelW + 1, filters};
    }

    /**
     * {@link #kernelGradientOfImage} when the max pooling {@code pool} reads this layer through its ReLU and this layer's
     * output was never made ({@link ConvPooling}): ∂L/∂z from the pooling's gradient dOut (N, OH', OW', F), not modified.
     */
    void kernelGradientOfPooledImage(int img, MaxPooling2D pool, Tensor dOut, int f0, int f1) {
        int h = xShape[1], w = xShape[2], positions = (h - kernelH + 1) * (w - kernelW + 1);
        ElementKernels.current().kernelGradientOfPooledImage(x.data, img * h * w, windowOffsets, positions, w,
                dOut.data, pool.output().data, pool.winners(), pool.windowOf(), img * (dOut.size() / dOut.dim(0)), img * positions * filters,
                kernelH, kernelW, filters, f0, f1, kernel.grad.data, useBias ? bias.grad.data : null);
    }

    /** Makes {@link #windowOffsets} for the last forward pass' input, before the backward pass' threads read it. */
    private void prepareWindowOffsets() {
        int w = xShape[2], ow = w - kernelW + 1, positions = (xShape[1] - kernelH + 1) * ow;
        if (windowOffsets != null && windowOffsets.length == positions && windowOffsetsWidth == w) return;
        windowOffsets = new int[positions]; // output position (i, j)'s window starts at x[i·w + j]
        for (int p = 0; p < positions; p++) windowOffsets[p] = p / ow * w + p % ow;
        windowOffsetsWidth = w;
    }

    /**
     * Output rows [r0, r1) of image img of the last forward pass' input, convolved directly with bias and ReLU fused,
     * into out from o: (r1 − r0, OW, F). Only when {@link #convolvesDirectly}. out modified.
     */
    void convolveRows(int img, int r0, int r1, float[] out, int o) {
        int h = xShape[1], w = xShape[2], ow = w - kernelW + 1;
        ElementKernels kernels = ElementKernels.current();
        for (int i = r0; i < r1; i++) {
            kernels.convolveRow(x.data, (img * h + i) * w, w, kernel.value.data, kernelH, kernelW, filters, 0, filters, ow,
                    useBias ? bias.value.data : null, activation == Activation.RELU, out, o + (i - r0) * ow * filters);
        }
    }

    /** cols = im2col(x) for the last forward pass' input. */
    private void fillCols() {
        int n = xShape[0], h = xShape[1], w = xShape[2], c = xShape[3];
        int[] padH = padding.amounts(h, kernelH, strideH, dilationH);
        int[] padW = padding.amounts(w, kernelW, strideW, dilationW);
        int oh = Padding.outputSize(h, kernelH, strideH, dilationH, padH[0], padH[1]);
        int ow = Padding.outputSize(w, kernelW, strideW, dilationW, padW[0], padW[1]);
        long size = (long) n * oh * ow * kernelH * kernelW * c;
        float[] windows = cols = Kernels.atLeast(cols, (int) size);
        float[] xd = x.data;
        Parallel.forRange(n, size, (part, b0, b1) -> im2col(xd, b0, b1, h, w, c, oh, ow, padH[0], padW[0], windows));
        colsFilled = true;
    }

    /** From ∂L/∂z (N·OH·OW, F), not modified: kernel and bias gradients (+=), and ∂L/∂x when asked (else null). */
    @Override
    protected Tensor backwardLinear(float[] g, boolean inputGradient) {
        int n = xShape[0], h = xShape[1], w = xShape[2], c = xShape[3];
        int oh = y.dim(1), ow = y.dim(2);
        int rows = n * oh * ow;
        int k = kernelH * kernelW * c;
        Tensor dx = inputGradient ? stepDx.get(reuseBuffers, xShape) : null; // (N, H, W, C)
        int padTop = padding.amounts(h, kernelH, strideH, dilationH)[0];
        int padLeft = padding.amounts(w, kernelW, strideW, dilationW)[0];
        boolean winograd = Winograd.applies(kernelH, kernelW, strideH, strideW, dilationH, dilationW, c); // as forward
        if (winograd && (isTrainable() || inputGradient)) {
            backward.run(x.data, n, h, w, c, g, oh, ow, filters, padTop, padLeft, isTrainable() ? kernel.grad.data : null,
                    transformed.of(kernel.value.data, c, filters), inputGradient ? dx.data : null);
        }
        if (isTrainable()) {
            if (convolvesDirectly(c)) {
                kernelGradientDirectly(g, n, oh * ow); // and the bias gradient, in the same pass over ∂L/∂z
            } else if (!winograd) {
                if (!colsFilled) fillCols();
                // dW (K, F) += colsᵀ (K, rows) · dZ (rows, F)
                Gemm.current().multiply(true, false, k, filters, rows, cols, g, kernel.grad.data, true);
            }
            if (useBias && !convolvesDirectly(c)) Kernels.addColumnSums(g, rows, filters, bias.grad.data);
        }
        if (!inputGradient || winograd) return dx;
        if (Winograd.applies(kernelH, kernelW, strideH, strideW, dilationH, dilationW, filters)) {
            // Too few channels for Winograd forward, enough filters for it here: ∂L/∂x is ∂L/∂z convolved with the kernel
            // turned by 180° and its channels swapped:
            //   dx[p, q, c] = Σ_{u, v, f} dz[p + padTop − u, q + padLeft − v, f] · W[u, v, c, f]
            // a 3×3 stride-1 convolution of dz (padded by 2 − padTop) with W'[a, b, f, c] = W[2 − a, 2 − b, c, f].
            float[] turned = turnedKernel = Kernels.atLeast(turnedKernel, 9 * c * filters); // (3, 3, F, C)
            float[] wd = kernel.value.data;
            for (int a = 0; a < 3; a++) {
                for (int bb = 0; bb < 3; bb++) {
                    for (int f = 0; f < filters; f++) {
                        for (int ch = 0; ch < c; ch++) turned[((a * 3 + bb) * filters + f) * c + ch] = wd[(((2 - a) * 3 + 2 - bb) * c + ch) * filters + f];
                    }
                }
            }
            Winograd.convolve(g, n, oh, ow, filters, transformedTurned.of(turned, filters, c), c, 2 - padTop, 2 - padLeft, h, w, null, false, dx.data);
            return dx;
        }
        float[] dWindows = dCols = Kernels.atLeast(dCols, rows * k); // (N·OH·OW, K) = dZ · Wᵀ
        Gemm.current().multiply(false, true, rows, k, filters, g, kernel.value.data, dWindows, false);
        Parallel.forRange(n, (long) rows * k, (part, b0, b1) -> {
            java.util.Arrays.fill(dx.data, b0 * h * w * c, b1 * h * w * c, 0f); // a reused dx holds the last step's
            col2im(dWindows, b0, b1, h, w, c, oh, ow, padTop, padLeft, dx.data);
        });
        return dx;
    }

    /**
     * dW (KH, KW, 1, F) += Σ over images and output positions of the window times ∂L/∂z, and db (F) += Σ ∂L/∂z, for
     * a direct convolution of a 1-channel input: its im2col rows (KH·KW long) are never built. The filters are split
     * between the cores ({@link #kernelGradientParts}), so each value is summed by one thread, images in order.
     * g (N·OH·OW, F) not modified.
     */
    private void kernelGradientDirectly(float[] g, int n, int positions) {
        Parallel.forRange(filters, kernelGradientParts(), 16, (part, f0, f1) -> {
            for (int img = 0; img < n; img++) kernelGradientOfImage(img, g, img * positions * filters, f0, f1);
        });
    }

    /** Into how many parts {@link #kernelGradientDirectly}, and {@link ConvPooling}'s, split the filters. */
    int kernelGradientParts() {
        long work = 2L * xShape[0] * (xShape[1] - kernelH + 1) * (xShape[2] - kernelW + 1) * kernelH * kernelW * filters;
        return work >= Parallel.MIN_SHARED_WORK ? Parallel.THREADS : 1;
    }

    /**
     * dW and db += the direct kernel gradient of image img of the last forward pass, filters [f0, f1), from its ∂L/∂z
     * at g[o + p·F + f] for output positions p (OH·OW), not modified.
     */
    void kernelGradientOfImage(int img, float[] g, int o, int f0, int f1) {
        int h = xShape[1], w = xShape[2], ow = w - kernelW + 1, positions = (h - kernelH + 1) * ow;
        ElementKernels.current().kernelGradientOfImage(x.data, img * h * w, windowOffsets, positions, w, g, o, kernelH, kernelW,
                filters, f0, f1, kernel.grad.data, useBias ? bias.grad.data : null);
    }

    /**
     * Copies every window of images [b0, b1) of x into its row of cols (zeros where it hangs over the edge).
     * x not modified; cols modified.
     */
    private void im2col(float[] x, int b0, int b1, int h, int w, int c, int oh, int ow, int padTop, int padLeft, float[] cols) {
        int k = kernelH * kernelW * c;
        int row = b0 * oh * ow;
        for (int b = b0; b < b1; b++) {
            int imageBase = b * h * w * c;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++, row++) {
                    int dst = row * k;
                    int q0 = j * strideW - padLeft;
                    // Without dilation a kernel row inside the image is one run of KW·C floats of x.
                    boolean runs = dilationW == 1 && q0 >= 0 && q0 + kernelW <= w;
                    for (int u = 0; u < kernelH; u++) {
                        int r = i * strideH - padTop + u * dilationH;
                        if (runs && r >= 0 && r < h) {
                            copy(x, imageBase + (r * w + q0) * c, cols, dst, kernelW * c);
                            dst += kernelW * c;
                            continue;
                        }
                        for (int v = 0; v < kernelW; v++, dst += c) {
                            int q = q0 + v * dilationW;
                            if (r >= 0 && r < h && q >= 0 && q < w) {
                                copy(x, imageBase + (r * w + q) * c, cols, dst, c);
                            } else {
                                java.util.Arrays.fill(cols, dst, dst + c, 0f);
                            }
                        }
                    }
                }
            }
        }
    }

    /** dst[to..to+n) = src[from..from+n); a loop for short runs, where a call per run would cost more than the copy. */
    private static void copy(float[] src, int from, float[] dst, int to, int n) {
        if (n < 16) {
            for (int i = 0; i < n; i++) dst[to + i] = src[from + i];
        } else {
            System.arraycopy(src, from, dst, to, n);
        }
    }

    /** The adjoint of im2col for images [b0, b1): adds every row of dCols back onto its window. dx modified (+=). */
    private void col2im(float[] dCols, int b0, int b1, int h, int w, int c, int oh, int ow, int padTop, int padLeft, float[] dx) {
        int k = kernelH * kernelW * c;
        int row = b0 * oh * ow;
        for (int b = b0; b < b1; b++) {
            int imageBase = b * h * w * c;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++, row++) {
                    int src = row * k;
                    int q0 = j * strideW - padLeft;
                    boolean runs = dilationW == 1 && q0 >= 0 && q0 + kernelW <= w; // as in im2col
                    for (int u = 0; u < kernelH; u++) {
                        int r = i * strideH - padTop + u * dilationH;
                        if (runs && r >= 0 && r < h) {
                            int dst = imageBase + (r * w + q0) * c;
                            for (int e = 0; e < kernelW * c; e++) dx[dst + e] += dCols[src + e];
                            src += kernelW * c;
                            continue;
                        }
                        for (int v = 0; v < kernelW; v++, src += c) {
                            int q = q0 + v * dilationW;
                            if (r >= 0 && r < h && q >= 0 && q < w) {
                                int dst = imageBase + (r * w + q) * c;
                                for (int ch = 0; ch < c; ch++) dx[dst + ch] += dCols[src + ch];
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public String paramFormula() {
        int c = inputShape() == null ? 0 : inputShape().last();
        long total = paramCount();
        return kernelH + "·" + kernelW + "·" + c + "·" + filters + (useBias ? " + " + filters : "") + " = " + String.format("%,d", total);
    }

    @Override
    public LayerConfig config() {
        return new LayerConfig()
                .put("filters", filters)
                .put("kernel_size", List.of(kernelH, kernelW))
                .put("strides", List.of(strideH, strideW))
                .put("padding", padding.kerasName)
                .put("dilation_rate", List.of(dilationH, dilationW))
                .put("activation", activation.kerasName)
                .put("use_bias", useBias)
                .put("kernel_initializer", kernelInitializer.kerasName)
                .put("bias_initializer", biasInitializer.kerasName)
                .put("kernel_regularizer", RegularizerConfig.toMap(kernelRegularizer));
    }

    static Conv2D fromConfig(LayerConfig cfg) {
        int[] k = cfg.getPair("kernel_size", null);
        if (k == null) throw new IllegalArgumentException("missing 'kernel_size'");
        int[] s = cfg.getPair("strides", new int[] {1, 1});
        int[] d = cfg.getPair("dilation_rate", new int[] {1, 1});
        return new Conv2D(cfg.getInt("filters"), k[0], k[1], s[0], s[1],
                Padding.fromKeras(cfg.getString("padding", "valid")), d[0], d[1],
                Activation.fromKeras(cfg.getString("activation", "linear")), cfg.getBoolean("use_bias", true))
                .withInitializers(Initializer.fromKeras(cfg.getString("kernel_initializer", "glorot_uniform")),
                        Initializer.fromKeras(cfg.getString("bias_initializer", "zeros")))
                .withKernelRegularizer(RegularizerConfig.fromMap(cfg.getMap("kernel_regularizer")));
    }

    public int filters() { return filters; }
    public int kernelH() { return kernelH; }
    public int kernelW() { return kernelW; }
    public int strideH() { return strideH; }
    public int strideW() { return strideW; }
    public Padding padding() { return padding; }
    public int dilationH() { return dilationH; }
    public int dilationW() { return dilationW; }
    public boolean useBias() { return useBias; }
    /** The kernel (KH, KW, C_in, F); null before build. */
    public Tensor kernel() { return kernel == null ? null : kernel.value; }
    /** The bias (F); null without bias or before build. */
    public Tensor bias() { return bias == null ? null : bias.value; }
}
