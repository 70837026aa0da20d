package org.convscope.engine;

/**
 * Keras' {@code Activation} layer: applies an {@link Activation} on its own. Keras' {@code ReLU()} and
 * {@code Softmax()} layers are the same computation under their own class names ({@link #relu()},
 * {@link #softmax()}), so a model read from Keras keeps the names its summary shows.
 */
public final class ActivationLayer extends Layer {
    private final Activation activation;
    private final String className;
    private Tensor x;
    private Tensor y;

    public ActivationLayer(Activation activation) {
        this(activation, "Activation");
    }

    private ActivationLayer(Activation activation, String className) {
        this.activation = activation;
        this.className = className;
    }

    /** Keras' {@code ReLU()} layer with its defaults (no max value, slope or threshold). */
    public static ActivationLayer relu() {
        return new ActivationLayer(Activation.RELU, "ReLU");
    }

    /** Keras' {@code Softmax()} layer over the last axis. */
    public static ActivationLayer softmax() {
        return new ActivationLayer(Activation.SOFTMAX, "Softmax");
    }

    @Override
    public String className() {
        return className;
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
        return className.equals("Activation") ? new LayerConfig().put("activation", activation.kerasName) : new LayerConfig();
    }
}
