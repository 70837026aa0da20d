package org.convscope.engine;

/**
 * A layer that ends in an activation: {@code y = activation(z)}, where z is the layer's own linear
 * map of its input (a convolution, a dense product). Subclasses set {@link #z} and {@link #y} in
 * {@code forward} and differentiate only the linear part, {@link #backwardLinear}; the activation's
 * part of the chain rule lives here once.
 */
abstract class ActivatedLayer extends Layer {
    protected final Activation activation;
    /** Before the activation, from the last forward pass; the same tensor as {@link #y} for relu and linear. */
    protected Tensor z;
    /** After the activation, from the last forward pass. */
    protected Tensor y;
    private float[] dZ; // ∂L/∂z, scratch of the backward pass (it may be longer)

    protected ActivatedLayer(Activation activation) {
        this.activation = activation;
    }

    /**
     * From ∂L/∂z (laid out like z), not modified: parameter gradients (+=), and ∂L/∂x when
     * {@code inputGradient} (else null).
     */
    protected abstract Tensor backwardLinear(float[] dZ, boolean inputGradient);

    @Override
    public final Tensor backward(Tensor dOut) {
        return backward(dOut, true);
    }

    @Override
    public final Tensor backwardFromPreActivation(Tensor dZ) {
        return backwardLinear(dZ.data, true);
    }

    /** {@link #backwardFromPreActivation}, ∂L/∂x only when {@code inputGradient} (else null). */
    final Tensor backwardFromPreActivation(Tensor dZ, boolean inputGradient) {
        return backwardLinear(dZ.data, inputGradient);
    }

    @Override
    final Tensor backward(Tensor dOut, boolean inputGradient) {
        if (activation == Activation.LINEAR) return backwardLinear(dOut.data, inputGradient);
        dZ = Kernels.atLeast(dZ, dOut.size());
        Kernels.activationBackward(activation, z, y, dOut, dZ);
        return backwardLinear(dZ, inputGradient);
    }

    @Override
    public final Activation activation() {
        return activation;
    }
}
