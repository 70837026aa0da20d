package org.convscope.engine;

/**
 * Keras' {@code LeakyReLU(alpha)} layer: {@code y = x} for x &gt; 0, else {@code alpha·x}; backward
 * {@code dx = dy} or {@code alpha·dy}. Unlike the {@code "leaky_relu"} activation (slope 0.2), the slope
 * is the layer's own (Keras' default 0.3).
 */
public final class LeakyReLU extends Layer {
    private final float alpha;
    private Tensor x; // (N, ...) of the last forward pass

    public LeakyReLU(float alpha) {
        if (!Float.isFinite(alpha)) throw new IllegalArgumentException("LeakyReLU needs a finite alpha, got " + alpha);
        this.alpha = alpha;
    }

    @Override
    public String className() {
        return "LeakyReLU";
    }

    @Override
    public Shape outputShape(Shape in) {
        return in;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        this.x = x;
        Tensor y = Tensor.zeros(x.shape()); // (N, ...)
        for (int i = 0; i < y.data.length; i++) y.data[i] = x.data[i] > 0 ? x.data[i] : alpha * x.data[i];
        return y;
    }

    @Override
    public Tensor backward(Tensor dOut) {
        Tensor dx = Tensor.zeros(dOut.shape()); // (N, ...)
        for (int i = 0; i < dx.data.length; i++) dx.data[i] = x.data[i] > 0 ? dOut.data[i] : alpha * dOut.data[i];
        return dx;
    }

    public float alpha() {
        return alpha;
    }

    @Override
    public LayerConfig config() {
        return new LayerConfig().put("alpha", alpha);
    }
}
