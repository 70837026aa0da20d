package org.convscope.engine;

import java.util.List;

/**
 * One layer of a {@link Model}: a forward/backward pair.
 * <p>
 * {@link #forward} keeps what {@link #backward} needs in the layer itself (its cache), so a layer
 * instance serves one thread at a time. {@link #backward} takes ∂L/∂output, adds (+=) into its
 * parameters' gradients, and returns ∂L/∂input.
 */
public abstract class Layer {
    private String name;
    private boolean trainable = true;
    private List<Shape> inputShapes;
    private Shape outputShape;
    /**
     * True while {@link Model#trainStep} or {@link Model#predict} runs this layer: its outputs and
     * input gradients may then be {@link StepTensor}s reused from the last pass, since they only go to the
     * next layer and no caller outside the model ever sees them.
     */
    boolean reuseBuffers;

    /** Keras' class name, e.g. {@code Conv2D}. */
    public abstract String className();

    /**
     * The output shape for an input of shape {@code in}, or an {@link IllegalArgumentException} whose
     * message says why the layer cannot take that input (for the architecture editor).
     */
    public abstract Shape outputShape(Shape in);

    /**
     * The output shape for the inputs {@code in}, one per inbound layer in a graph model. A layer that takes
     * one input (all but the merge layers, {@link MergeLayer}) refuses any other number.
     */
    public Shape outputShape(List<Shape> in) {
        if (in.size() != 1) throw new IllegalArgumentException(className() + " takes one input but was given " + in.size());
        return outputShape(in.get(0));
    }

    /** x: (N, input...) → y: (N, output...). {@code x} not modified. */
    public abstract Tensor forward(Tensor x, boolean training);

    /** {@link #forward(Tensor, boolean)} over the inputs in the order of {@link #outputShape(List)}; none modified. */
    public Tensor forward(List<Tensor> xs, boolean training) {
        return forward(xs.get(0), training);
    }

    /** dOut: ∂L/∂y → ∂L/∂x; parameter gradients modified (+=). */
    public abstract Tensor backward(Tensor dOut);

    /**
     * Whether its training pass treats each image alone and draws nothing at random, so that a training batch
     * may be split into parts that run apart (on different cores, {@link Model#trainStep}) with the same
     * gradient. Not batch normalization (its statistics are the batch's), not dropout (its masks are drawn
     * over the batch in order).
     */
    boolean trainsImageByImage() {
        return true;
    }

    /**
     * {@link #backward} for a caller with no use for ∂L/∂x (the first layer of a model in training): a layer
     * may then skip that product and return null. Parameter gradients modified (+=).
     */
    Tensor backward(Tensor dOut, boolean inputGradient) {
        return backward(dOut);
    }

    /**
     * {@link #backward(Tensor, boolean)} for the inputs of {@link #forward(List, boolean)}: ∂L/∂x_i for every
     * input i with {@code inputGradients[i]} (null for the others). dOut not modified; parameter gradients (+=).
     */
    Tensor[] backward(Tensor dOut, boolean[] inputGradients) {
        return new Tensor[] {backward(dOut, inputGradients[0])};
    }

    /** Keras-style configuration (without name and trainable, which the model writes). */
    public abstract LayerConfig config();

    /** Creates this layer's parameters for input shape {@code in}. */
    protected void initialize(Shape in, Rng rng) {
    }

    /** Parameters in a fixed order (the order of the saved weights). */
    public List<Param> params() {
        return List.of();
    }

    /** The activation applied last in {@link #forward}; {@code LINEAR} when there is none. */
    public Activation activation() {
        return Activation.LINEAR;
    }

    /**
     * Like {@link #backward} but from ∂L/∂z, the gradient before this layer's activation. Lets a model
     * differentiate softmax and cross-entropy together, which stays exact when the softmax saturates.
     */
    public Tensor backwardFromPreActivation(Tensor dZ) {
        if (activation() != Activation.LINEAR) {
            throw new UnsupportedOperationException(className() + " must override backwardFromPreActivation");
        }
        return backward(dZ);
    }

    /** The parameter count as a formula with its numbers, e.g. {@code 3·3·1·32 + 32 = 320}. */
    public String paramFormula() {
        return Long.toString(paramCount());
    }

    public final void build(Shape in, Rng rng) {
        build(List.of(in), rng);
    }

    /** {@link #build(Shape, Rng)} for the inputs of a graph model's layer; the first input's shape sizes the params. */
    public final void build(List<Shape> in, Rng rng) {
        Shape out = outputShape(in);
        inputShapes = List.copyOf(in);
        outputShape = out;
        initialize(in.get(0), rng);
    }

    public final long paramCount() {
        long n = 0;
        for (Param p : params()) n += p.size();
        return n;
    }

    public final long trainableParamCount() {
        if (!trainable) return 0;
        long n = 0;
        for (Param p : params()) if (p.trainable) n += p.size();
        return n;
    }

    public String name() {
        return name;
    }

    void setName(String name) {
        this.name = name;
    }

    public boolean isTrainable() {
        return trainable;
    }

    /** Frozen layers ({@code false}) still pass gradients through but their parameters never change. */
    public void setTrainable(boolean trainable) {
        this.trainable = trainable;
    }

    /** Input shape once built (the first input's for a merge layer), else null. */
    public Shape inputShape() {
        return inputShapes == null ? null : inputShapes.get(0);
    }

    /** Every input's shape once built, in order, else null. */
    public List<Shape> inputShapes() {
        return inputShapes;
    }

    /** Output shape once built, else null. */
    public Shape outputShape() {
        return outputShape;
    }

    protected static void requireRank(Shape in, int rank, String layer, String hint) {
        if (in.rank() != rank) {
            throw new IllegalArgumentException(layer + " needs a " + (rank == 3 ? "3-D (height, width, channels)" : rank + "-D")
                    + " input but got " + in + (hint.isEmpty() ? "" : "; " + hint));
        }
    }
}
