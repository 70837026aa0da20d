package org.convscope.engine;

import java.util.ArrayList;
import java.util.List;

/** Fully connected: {@code z = x·W + b}, {@code y = activation(z)}, with W (F_in, units). */
public final class Dense extends ActivatedLayer {
    private final int units;
    private final boolean useBias;
    private Initializer kernelInitializer = Initializer.GLOROT_UNIFORM;
    private Initializer biasInitializer = Initializer.ZEROS;
    private Regularizer kernelRegularizer;

    private Param kernel; // (F_in, units)
    private Param bias;   // (units)

    private Tensor x; // (N, F_in)
    private final StepTensor stepZ = new StepTensor();
    private final StepTensor stepDx = new StepTensor();

    public Dense(int units, Activation activation, boolean useBias) {
        super(activation);
        if (units < 1) throw new IllegalArgumentException("Dense needs units ≥ 1");
        this.units = units;
        this.useBias = useBias;
    }

    public Dense(int units, Activation activation) {
        this(units, activation, true);
    }

    public Dense withInitializers(Initializer kernelInit, Initializer biasInit) {
        this.kernelInitializer = kernelInit;
        this.biasInitializer = biasInit;
        return this;
    }

    /** Adds an L1/L2 penalty on the kernel (null for none). */
    public Dense withKernelRegularizer(Regularizer regularizer) {
        this.kernelRegularizer = regularizer;
        return this;
    }

    @Override
    public String className() {
        return "Dense";
    }

    @Override
    public Shape outputShape(Shape in) {
        requireRank(in, 1, "Dense", "add a Flatten layer before it");
        return Shape.of(units);
    }

    @Override
    protected void initialize(Shape in, Rng rng) {
        int fanIn = in.dim(0);
        kernel = new Param("kernel", Tensor.zeros(fanIn, units), true, kernelRegularizer);
        kernelInitializer.fill(kernel.value, fanIn, units, rng);
        if (useBias) {
            bias = Param.trainable("bias", units);
            biasInitializer.fill(bias.value, fanIn, units, rng);
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
        int n = x.dim(0), fanIn = x.dim(1);
        this.x = x;
        z = stepZ.get(reuseBuffers, n, units); // (N, units), overwritten by the GEMM
        Gemm.current().multiply(false, false, n, units, fanIn, x.data, kernel.value.data, z.data, false);
        // ReLU in place: y > 0 exactly where z > 0, so its backward pass needs only y.
        boolean relu = activation == Activation.RELU;
        Kernels.addBias(z.data, n, units, useBias ? bias.value.data : null, relu);
        y = relu ? z : activation.forward(z);
        return y;
    }

    /** From ∂L/∂z (N, units), not modified: kernel and bias gradients (+=), and ∂L/∂x when asked (else null). */
    @Override
    protected Tensor backwardLinear(float[] g, boolean inputGradient) {
        int n = x.dim(0), fanIn = x.dim(1);
        if (isTrainable()) {
            // dW (F_in, units) += xᵀ (F_in, N) · dZ (N, units)
            Gemm.current().multiply(true, false, fanIn, units, n, x.data, g, kernel.grad.data, true);
            if (useBias) Kernels.addColumnSums(g, n, units, bias.grad.data);
        }
        if (!inputGradient) return null;
        Tensor dx = stepDx.get(reuseBuffers, n, fanIn); // (N, F_in) = dZ · Wᵀ, overwritten by the GEMM
        Gemm.current().multiply(false, true, n, fanIn, units, g, kernel.value.data, dx.data, false);
        return dx;
    }

    @Override
    public String paramFormula() {
        int fanIn = inputShape() == null ? 0 : inputShape().dim(0);
        return String.format("%,d·%d", fanIn, units) + (useBias ? " + " + units : "") + String.format(" = %,d", paramCount());
    }

    @Override
    public LayerConfig config() {
        return new LayerConfig()
                .put("units", units)
                .put("activation", activation.kerasName)
                .put("use_bias", useBias)
                .put("kernel_initializer", kernelInitializer.kerasName)
                .put("bias_initializer", biasInitializer.kerasName)
                .put("kernel_regularizer", RegularizerConfig.toMap(kernelRegularizer));
    }

    static Dense fromConfig(LayerConfig cfg) {
        return new Dense(cfg.getInt("units"), Activation.fromKeras(cfg.getString("activation", "linear")),
                cfg.getBoolean("use_bias", true))
                .withInitializers(Initializer.fromKeras(cfg.getString("kernel_initializer", "glorot_uniform")),
                        Initializer.fromKeras(cfg.getString("bias_initializer", "zeros")))
                .withKernelRegularizer(RegularizerConfig.fromMap(cfg.getMap("kernel_regularizer")));
    }

    public int units() { return units; }
    public boolean useBias() { return useBias; }
    /** The kernel (F_in, units); null before build. */
    public Tensor kernel() { return kernel == null ? null : kernel.value; }
    public Tensor bias() { return bias == null ? null : bias.value; }
}
