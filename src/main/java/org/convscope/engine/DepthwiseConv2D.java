package org.convscope.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras' {@code DepthwiseConv2D}: every input channel convolved with its own {@code M} (depth multiplier)
 * kernels, without summing over channels, channels-last:
 * <pre>
 *   z[n, i, j, c·M + m] = b[c·M + m] + Σ_{u, v} x[n, i·s_h − p_top + u·d_h, j·s_w − p_left + v·d_w, c] · W[u, v, c, m]
 *   y = activation(z)
 * </pre>
 * with zeros outside the input; strides, padding and dilation as in {@link Conv2D}. Backward:
 * {@code ∂L/∂W[u, v, c, m] = Σ_{n, i, j} ∂L/∂z[n, i, j, c·M + m] · x[n, i·s_h − p_top + u·d_h, …, c]},
 * {@code ∂L/∂b[k] = Σ ∂L/∂z[…, k]}, and ∂L/∂x adds every window's {@code ∂L/∂z · W} back onto the cells it read.
 * A plain loop over windows (no GEMM: each output reads only K_h·K_w values).
 */
public final class DepthwiseConv2D extends ActivatedLayer {
    private final int kernelH;
    private final int kernelW;
    private final int strideH;
    private final int strideW;
    private final Padding padding;
    private final int dilationH;
    private final int dilationW;
    private final int depthMultiplier;
    private final boolean useBias;
    private Initializer kernelInitializer = Initializer.GLOROT_UNIFORM;

    private Param kernel; // (KH, KW, C_in, M)
    private Param bias;   // (C_in·M)
    private Tensor x;     // (N, H, W, C_in) of the last forward pass

    public DepthwiseConv2D(int kernelH, int kernelW, int strideH, int strideW, Padding padding, int dilationH, int dilationW,
                           int depthMultiplier, Activation activation, boolean useBias) {
        super(activation);
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1 || depthMultiplier < 1) {
            throw new IllegalArgumentException("DepthwiseConv2D needs kernel size, strides, dilation and depth multiplier ≥ 1");
        }
        if ((strideH > 1 || strideW > 1) && (dilationH > 1 || dilationW > 1)) {
            throw new IllegalArgumentException("DepthwiseConv2D cannot combine strides > 1 with dilation > 1 (as in Keras)");
        }
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.strideH = strideH;
        this.strideW = strideW;
        this.padding = padding;
        this.dilationH = dilationH;
        this.dilationW = dilationW;
        this.depthMultiplier = depthMultiplier;
        this.useBias = useBias;
    }

    /** Keras' {@code DepthwiseConv2D(k, padding=…, activation=…)}: stride 1, no dilation, multiplier 1. */
    public DepthwiseConv2D(int kernel, Padding padding, Activation activation) {
        this(kernel, kernel, 1, 1, padding, 1, 1, 1, activation, true);
    }

    public DepthwiseConv2D withInitializer(Initializer kernelInit) {
        this.kernelInitializer = kernelInit;
        return this;
    }

    @Override
    public String className() {
        return "DepthwiseConv2D";
    }

    @Override
    public Shape outputShape(Shape in) {
        requireRank(in, 3, className(), "put it before Flatten");
        int oh = padding.outputSize(in.dim(0), kernelH, strideH, dilationH);
        int ow = padding.outputSize(in.dim(1), kernelW, strideW, dilationW);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(className() + " kernel " + (dilationH * (kernelH - 1) + 1) + "×" + (dilationW * (kernelW - 1) + 1)
                    + " is larger than its " + in.dim(0) + "×" + in.dim(1) + " input");
        }
        return Shape.of(oh, ow, in.last() * depthMultiplier);
    }

    @Override
    protected void initialize(Shape in, Rng rng) {
        int c = in.last();
        kernel = new Param("depthwise_kernel", Tensor.zeros(kernelH, kernelW, c, depthMultiplier), true, null);
        kernelInitializer.fill(kernel.value, kernelH * kernelW * c, kernelH * kernelW * depthMultiplier, rng);
        if (useBias) bias = Param.trainable("bias", c * depthMultiplier);
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
        this.x = x;
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3), m = depthMultiplier;
        int padTop = padding.amounts(h, kernelH, strideH, dilationH)[0], padLeft = padding.amounts(w, kernelW, strideW, dilationW)[0];
        int oh = padding.outputSize(h, kernelH, strideH, dilationH), ow = padding.outputSize(w, kernelW, strideW, dilationW);
        z = Tensor.zeros(n, oh, ow, c * m); // (N, OH, OW, C_in·M)
        float[] k = kernel.value.data, zd = z.data, xd = x.data;
        Parallel.forRange(n, (long) n * oh * ow * c * m * kernelH * kernelW, (part, b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int out = ((b * oh + i) * ow + j) * c * m;
                        if (bias != null) System.arraycopy(bias.value.data, 0, zd, out, c * m);
                        for (int u = 0; u < kernelH; u++) {
                            int r = i * strideH - padTop + u * dilationH;
                            if (r < 0 || r >= h) continue;
                            for (int v = 0; v < kernelW; v++) {
                                int q = j * strideW - padLeft + v * dilationW;
                                if (q < 0 || q >= w) continue;
                                int in = ((b * h + r) * w + q) * c, kw = (u * kernelW + v) * c * m;
                                for (int ch = 0; ch < c; ch++) {
                                    float xv = xd[in + ch];
                                    for (int mm = 0; mm < m; mm++) zd[out + ch * m + mm] += xv * k[kw + ch * m + mm];
                                }
                            }
                        }
                    }
                }
            }
        });
        y = activation.forward(z);
        return y;
    }

    /** From ∂L/∂z (N, OH, OW, C_in·M), not modified: kernel and bias gradients (+=), and ∂L/∂x when asked (else null). */
    @Override
    protected Tensor backwardLinear(float[] g, boolean inputGradient) {
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3), m = depthMultiplier;
        int oh = z.dim(1), ow = z.dim(2);
        int padTop = padding.amounts(h, kernelH, strideH, dilationH)[0], padLeft = padding.amounts(w, kernelW, strideW, dilationW)[0];
        boolean learns = isTrainable();
        Tensor dx = inputGradient ? Tensor.zeros(x.shape()) : null; // (N, H, W, C_in)
        float[][] dK = new float[Parallel.THREADS][]; // each part's own kernel gradient (KH·KW·C_in·M), summed below
        float[] k = kernel.value.data, xd = x.data;
        Parallel.forRange(n, (long) n * oh * ow * c * m * kernelH * kernelW * 2, (part, b0, b1) -> {
            float[] dk = dK[part] = learns ? new float[k.length] : null;
            for (int b = b0; b < b1; b++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int out = ((b * oh + i) * ow + j) * c * m;
                        for (int u = 0; u < kernelH; u++) {
                            int r = i * strideH - padTop + u * dilationH;
                            if (r < 0 || r >= h) continue;
                            for (int v = 0; v < kernelW; v++) {
                                int q = j * strideW - padLeft + v * dilationW;
                                if (q < 0 || q >= w) continue;
                                int in = ((b * h + r) * w + q) * c, kw = (u * kernelW + v) * c * m;
                                for (int ch = 0; ch < c; ch++) {
                                    float xv = xd[in + ch], sum = 0;
                                    for (int mm = 0; mm < m; mm++) {
                                        float gv = g[out + ch * m + mm];
                                        if (dk != null) dk[kw + ch * m + mm] += gv * xv;
                                        sum += gv * k[kw + ch * m + mm];
                                    }
                                    if (dx != null) dx.data[in + ch] += sum;
                                }
                            }
                        }
                    }
                }
            }
        });
        if (learns) {
            for (float[] dk : dK) if (dk != null) for (int e = 0; e < dk.length; e++) kernel.grad.data[e] += dk[e];
            if (bias != null) Kernels.addColumnSums(g, n * oh * ow, c * m, bias.grad.data);
        }
        return dx;
    }

    @Override
    public String paramFormula() {
        int c = inputShape() == null ? 0 : inputShape().last();
        return kernelH + "·" + kernelW + "·" + c + "·" + depthMultiplier + (useBias ? " + " + c * depthMultiplier : "")
                + " = " + String.format("%,d", paramCount());
    }

    @Override
    public LayerConfig config() {
        return new LayerConfig()
                .put("kernel_size", List.of(kernelH, kernelW))
                .put("strides", List.of(strideH, strideW))
                .put("padding", padding.kerasName)
                .put("depth_multiplier", depthMultiplier)
                .put("dilation_rate", List.of(dilationH, dilationW))
                .put("activation", activation.kerasName)
                .put("use_bias", useBias)
                .put("depthwise_initializer", kernelInitializer.kerasName);
    }

    static DepthwiseConv2D fromConfig(LayerConfig cfg) {
        int[] k = cfg.getPair("kernel_size", null);
        if (k == null) throw new IllegalArgumentException("missing 'kernel_size'");
        int[] s = cfg.getPair("strides", new int[] {1, 1});
        int[] d = cfg.getPair("dilation_rate", new int[] {1, 1});
        return new DepthwiseConv2D(k[0], k[1], s[0], s[1], Padding.fromKeras(cfg.getString("padding", "valid")), d[0], d[1],
                cfg.getInt("depth_multiplier", 1), Activation.fromKeras(cfg.getString("activation", "linear")), cfg.getBoolean("use_bias", true))
                .withInitializer(Initializer.fromKeras(cfg.getString("depthwise_initializer", "glorot_uniform")));
    }

    public int kernelH() { return kernelH; }
    public int kernelW() { return kernelW; }
    public int strideH() { return strideH; }
    public int strideW() { return strideW; }
    public Padding padding() { return padding; }
    public int dilationH() { return dilationH; }
    public int dilationW() { return dilationW; }
    public int depthMultiplier() { return depthMultiplier; }
    public boolean useBias() { return useBias; }
    /** The kernel (KH, KW, C_in, M); null before build. */
    public Tensor kernel() { return kernel == null ? null : kernel.value; }
    /** The bias (C_in·M); null before build or without bias. */
    public Tensor bias() { return bias == null ? null : bias.value; }
}
