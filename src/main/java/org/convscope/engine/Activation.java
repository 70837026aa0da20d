package org.convscope.engine;

/**
 * Activation functions with Keras' names. Element-wise except softmax, which normalises over the
 * last axis: {@code softmax(z)_i = exp(z_i − max z) / Σ_j exp(z_j − max z)}.
 */
public enum Activation {
    LINEAR("linear"),
    /** max(0, x). */
    RELU("relu"),
    /** x for x &gt; 0, else 0.2·x (Keras' default negative slope). */
    LEAKY_RELU("leaky_relu"),
    /** x for x &gt; 0, else eˣ − 1 (Clevert et al. 2015). */
    ELU("elu"),
    /** λ·x for x &gt; 0, else λ·α·(eˣ − 1) with Klambauer et al.'s (2017) λ and α. */
    SELU("selu"),
    /** 1 / (1 + e⁻ˣ). */
    SIGMOID("sigmoid"),
    TANH("tanh"),
    SOFTMAX("softmax");

    static final float LEAKY_SLOPE = 0.2f;
    static final float SELU_ALPHA = 1.6732632423543772f;
    static final float SELU_SCALE = 1.0507009873554805f;

    public final String kerasName;

    Activation(String kerasName) {
        this.kerasName = kerasName;
    }

    public static Activation fromKeras(String name) {
        for (Activation a : values()) {
            if (a.kerasName.equals(name)) return a;
        }
        throw new IllegalArgumentException("unknown activation '" + name
                + "' (known: linear, relu, leaky_relu, elu, selu, sigmoid, tanh, softmax)");
    }

    /** y = f(x). {@code x} not modified. */
    public Tensor forward(Tensor x) {
        if (this == LINEAR) return x;
        Tensor y = Tensor.zeros(x.shape());
        forward(x, y.data);
        return y;
    }

    /** As {@link #forward(Tensor)} but into {@code out} (x's size; a layer's reused buffer), not for {@code LINEAR}. out modified only. */
    void forward(Tensor x, float[] out) {
        float[] in = x.data;
        switch (this) {
            case RELU -> { for (int i = 0; i < in.length; i++) out[i] = in[i] > 0 ? in[i] : 0f; }
            case LEAKY_RELU -> { for (int i = 0; i < in.length; i++) out[i] = in[i] > 0 ? in[i] : LEAKY_SLOPE * in[i]; }
            case ELU -> { for (int i = 0; i < in.length; i++) out[i] = in[i] > 0 ? in[i] : (float) Math.expm1(in[i]); }
            case SELU -> { for (int i = 0; i < in.length; i++) out[i] = SELU_SCALE * (in[i] > 0 ? in[i] : SELU_ALPHA * (float) Math.expm1(in[i])); }
            case SIGMOID -> { for (int i = 0; i < in.length; i++) out[i] = (float) (1 / (1 + Math.exp(-in[i]))); }
            case TANH -> { for (int i = 0; i < in.length; i++) out[i] = (float) Math.tanh(in[i]); }
            case SOFTMAX -> softmaxRows(in, out, x.dim(x.rank() - 1));
            default -> throw new AssertionError(this);
        }
    }

    /**
     * dx = dy · f'(x), given the forward pass' input x and output y. For softmax, the
     * Jacobian-vector product {@code dx_i = y_i·(dy_i − Σ_j dy_j·y_j)} per row. Nothing modified.
     */
    public Tensor backward(Tensor x, Tensor y, Tensor dy) {
        if (this == LINEAR) return dy;
        Tensor dx = Tensor.zeros(dy.shape());
        backward(x, y, dy, dx.data);
        return dx;
    }

    /**
     * As {@link #backward(Tensor, Tensor, Tensor)} but into {@code d} (at least dy's size; a layer's reused
     * buffer), not for {@code LINEAR}. d modified; nothing else.
     */
    void backward(Tensor x, Tensor y, Tensor dy, float[] d) {
        float[] in = x.data, out = y.data, g = dy.data;
        switch (this) {
            case RELU -> { for (int i = 0; i < g.length; i++) d[i] = in[i] > 0 ? g[i] : 0f; }
            case LEAKY_RELU -> { for (int i = 0; i < g.length; i++) d[i] = in[i] > 0 ? g[i] : LEAKY_SLOPE * g[i]; }
            case ELU -> { for (int i = 0; i < g.length; i++) d[i] = in[i] > 0 ? g[i] : g[i] * (out[i] + 1); }
            case SELU -> { for (int i = 0; i < g.length; i++) d[i] = in[i] > 0 ? SELU_SCALE * g[i] : g[i] * (out[i] + SELU_SCALE * SELU_ALPHA); }
            case SIGMOID -> { for (int i = 0; i < g.length; i++) d[i] = g[i] * out[i] * (1 - out[i]); }
            case TANH -> { for (int i = 0; i < g.length; i++) d[i] = g[i] * (1 - out[i] * out[i]); }
            case SOFTMAX -> {
                int c = dy.dim(dy.rank() - 1);
                for (int row = 0; row < g.length; row += c) {
                    double dot = 0;
                    for (int j = 0; j < c; j++) dot += g[row + j] * out[row + j];
                    for (int j = 0; j < c; j++) d[row + j] = (float) (out[row + j] * (g[row + j] - dot));
                }
            }
            default -> throw new AssertionError(this);
        }
    }

    private static void softmaxRows(float[] in, float[] out, int c) {
        for (int row = 0; row < in.length; row += c) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) max = Math.max(max, in[row + j]);
            double sum = 0;
            for (int j = 0; j < c; j++) {
                double e = Math.exp(in[row + j] - max);
                out[row + j] = (float) e;
                sum += e;
            }
            for (int j = 0; j < c; j++) out[row + j] = (float) (out[row + j] / sum);
        }
    }
}
