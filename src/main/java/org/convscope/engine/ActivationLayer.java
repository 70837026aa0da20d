package org.convscope.engine;

/** Keras' {@code Activation} layer: applies an {@link Activation} on its own. */
public final class ActivationLayer extends Layer {
    private final Activation activation;
    private Tensor x;
    private Tensor y;

    public ActivationLayer(Activation activation) {
        this.activation = activation;
    }

    @Override
    public String className() {
        return "Activation";
    }

    @Override
    public Shape outputShape(Shape in) {
        return in;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        this.x = x;
        y = activation.forward(x);
        return y;
    }

    @Override
    public Tensor backward(Tensor dOut) {
        return activation.backward(x, y, dOut);
    }

    @Override
    public Tensor backwardFromPreActivation(Tensor dZ) {
        return dZ;
    }

    @Override
    public Activation activation() {
        return activation;
    }

    @Override
    public LayerConfig config() {
        return new LayerConfig().put("activation", activation.kerasName);
    }
}
