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
    private final StepTensor stepY = new StepTensor();
    private final StepTensor stepDx = new StepTensor();

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
        if (activation == Activation.LINEAR) return y = x;
        y = stepY.get(reuseBuffers, x.shape()); // during a training step the last step's tensor, every value written
        activation.forward(x, y.data);
        return y;
    }

    @Override
    public Tensor backward(Tensor dOut) {
        if (activation == Activation.LINEAR) return dOut;
        Tensor dx = stepDx.get(reuseBuffers, dOut.shape());
        Kernels.activationBackward(activation, x, y, dOut, dx.data);
        return dx;
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
