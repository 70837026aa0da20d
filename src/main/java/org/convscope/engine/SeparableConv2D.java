package org.convscope.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras' {@code SeparableConv2D}: a {@link DepthwiseConv2D} (no bias, no activation) followed by a 1×1
 * convolution that mixes the channels, channels-last:
 * <pre>
 *   d[n, i, j, c·M + m] = Σ_{u, v} x[n, i·s_h − p_top + u·d_h, j·s_w − p_left + v·d_w, c] · W_d[u, v, c, m]
 *   z[n, i, j, f]       = b[f] + Σ_k d[n, i, j, k] · W_p[0, 0, k, f]
 *   y = activation(z)
 * </pre>
 * K_h·K_w·C·M + C·M·F weights where a Conv2D needs K_h·K_w·C·F. Backward, with rows r = (n, i, j):
 * {@code ∂L/∂W_p = dᵀ · ∂L/∂z}, {@code ∂L/∂b = Σ_r ∂L/∂z}, {@code ∂L/∂d = ∂L/∂z · W_pᵀ}, then the depthwise
 * part's backward.
 */
public final class SeparableConv2D extends ActivatedLayer {
    private final int filters;
    private final boolean useBias;
    private final DepthwiseConv2D depthwise;
    private Initializer pointwiseInitializer = Initializer.GLOROT_UNIFORM;
    private Param pointwise; // (1, 1, C_in·M, F)
    private Param bias;      // (F)
    private Tensor d;        // (N, OH, OW, C_in·M), the depthwise output of the last forward pass

    public SeparableConv2D(int filters, int kernelH, int kernelW, int strideH, int strideW, Padding padding,
                           int dilationH, int dilationW, int depthMultiplier, Activation activation, boolean useBias) {
        super(activation);
        if (filters < 1) throw new IllegalArgumentException("SeparableConv2D needs filters ≥ 1");
        this.filters = filters;
        this.useBias = useBias;
        this.depthwise = new DepthwiseConv2D(kernelH, kernelW, strideH, strideW, padding, dilationH, dilationW, depthMultiplier,
                Activation.LINEAR, false);
    }

    /** Keras' {@code SeparableConv2D(filters, k, padding=…, activation=…)}: stride 1, no dilation, multiplier 1. */
    public SeparableConv2D(int filters, int kernel, Padding padding, Activation activation) {
        this(filters, kernel, kernel, 1, 1, padding, 1, 1, 1, activation, true);
    }

    public SeparableConv2D withInitializers(Initializer depthwiseInit, Initializer pointwiseInit) {
        depthwise.withInitializer(depthwiseInit);
        this.pointwiseInitializer = pointwiseInit;
        return this;
    }

    @Override
    public String className() {
        return "SeparableConv2D";
    }

    @Override
    public Shape outputShape(Shape in) {
        Shape mid;
        try {
            mid = depthwise.outputShape(in);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace(depthwise.className(), className()), e);
        }
        return Shape.of(mid.dim(0), mid.dim(1), filters);
    }

    @Override
    protected void initialize(Shape in, Rng rng) {
        depthwise.build(in, rng.split());
        int k = in.last() * depthwise.depthMultiplier();
        pointwise = new Param("pointwise_kernel", Tensor.zeros(1, 1, k, filters), true, null);
        pointwiseInitializer.fill(pointwise.value, k, filters, rng);
        if (useBias) bias = Param.trainable("bias", filters);
    }

    /** Keras' order: depthwise_kernel, pointwise_kernel, bias. */
    @Override
    public List<Param> params() {
        List<Param> ps = new ArrayList<>(3);
        if (pointwise == null) return ps;
        ps.addAll(depthwise.params());
        ps.add(pointwise);
        if (bias != null) ps.add(bias);
        return ps;
    }

    @Override
    public void setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        depthwise.setTrainable(trainable);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        d = depthwise.forward(x, training);
        int rows = d.dim(0) * d.dim(1) * d.dim(2), k = d.dim(3);
        z = Tensor.zeros(d.dim(0), d.dim(1), d.dim(2), filters); // (N, OH, OW, F)
        Gemm.current().multiply(false, false, rows, filters, k, d.data, pointwise.value.data, z.data, false);
        Kernels.addBias(z.data, rows, filters, bias == null ? null : bias.value.data, false);
        y = activation.forward(z);
        return y;
    }

    /** From ∂L/∂z (N·OH·OW, F), not modified: every param's gradient (+=), and ∂L/∂x when asked (else null). */
    @Override
    protected Tensor backwardLinear(float[] g, boolean inputGradient) {
        int rows = d.dim(0) * d.dim(1) * d.dim(2), k = d.dim(3);
        if (isTrainable()) {
            Gemm.current().multiply(true, false, k, filters, rows, d.data, g, pointwise.grad.data, true); // (K, F) += dᵀ · g
            if (bias != null) Kernels.addColumnSums(g, rows, filters, bias.grad.data);
        }
        Tensor dd = Tensor.zeros(d.shape()); // (N, OH, OW, C_in·M) = g · W_pᵀ
        Gemm.current().multiply(false, true, rows, k, filters, g, pointwise.value.data, dd.data, false);
        return depthwise.backward(dd, inputGradient);
    }

    @Override
    public String paramFormula() {
        int c = inputShape() == null ? 0 : inputShape().last(), m = depthwise.depthMultiplier();
        return depthwise.kernelH() + "·" + depthwise.kernelW() + "·" + c + "·" + m + " + " + c * m + "·" + filters
                + (useBias ? " + " + filters : "") + " = " + String.format("%,d", paramCount());
    }

    @Override
    public LayerConfig config() {
        LayerConfig dw = depthwise.config();
        return new LayerConfig()
                .put("filters", filters)
                .put("kernel_size", dw.asMap().get("kernel_size"))
                .put("strides", dw.asMap().get("strides"))
                .put("padding", dw.asMap().get("padding"))
                .put("depth_multiplier", depthwise.depthMultiplier())
                .put("dilation_rate", dw.asMap().get("dilation_rate"))
                .put("activation", activation.kerasName)
                .put("use_bias", useBias)
                .put("depthwise_initializer", dw.asMap().get("depthwise_initializer"))
                .put("pointwise_initializer", pointwiseInitializer.kerasName);
    }

    static SeparableConv2D fromConfig(LayerConfig cfg) {
        int[] k = cfg.getPair("kernel_size", null);
        if (k == null) throw new IllegalArgumentException("missing 'kernel_size'");
        int[] s = cfg.getPair("strides", new int[] {1, 1});
        int[] dl = cfg.getPair("dilation_rate", new int[] {1, 1});
        return new SeparableConv2D(cfg.getInt("filters"), k[0], k[1], s[0], s[1], Padding.fromKeras(cfg.getString("padding", "valid")),
                dl[0], dl[1], cfg.getInt("depth_multiplier", 1), Activation.fromKeras(cfg.getString("activation", "linear")),
                cfg.getBoolean("use_bias", true))
                .withInitializers(Initializer.fromKeras(cfg.getString("depthwise_initializer", "glorot_uniform")),
                        Initializer.fromKeras(cfg.getString("pointwise_initializer", "glorot_uniform")));
    }

    public int filters() { return filters; }
    public DepthwiseConv2D depthwise() { return depthwise; }
    public boolean useBias() { return useBias; }
}
