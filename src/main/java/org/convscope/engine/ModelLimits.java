package org.convscope.engine;


/**
 * How large a model read from a file may be. A config is checked against these bounds from its shapes
 * alone, before {@link Model#build} allocates a single weight, so a file that asks for 10⁹ filters is
 * refused with a message instead of exhausting the heap.
 */
public final class ModelLimits {
    /** Largest input a model may take, in values per example (a 2048×2048 RGB image is 12.6 M). */
    public static final long MAX_INPUT_VALUES = 16L << 20;
    /** Largest layer output in values per example: bounds what one forward pass allocates. */
    public static final long MAX_LAYER_VALUES = 64L << 20;
    /** Most weights (floats) a model may have. */
    public static final long MAX_WEIGHTS = 64L << 20;

    private ModelLimits() {
    }

    /**
     * Checks the input, every layer's output and the weight count of an unbuilt {@code model}, from its
     * shapes alone, without building anything. Not modified.
     * @throws IllegalArgumentException saying which bound is exceeded (or why a layer cannot take its input)
     */
    public static void check(Model model) {
        Shape input = model.inputShape();
        if (volume(input) > MAX_INPUT_VALUES) {
            throw new IllegalArgumentException("the input shape " + input + " is too large (at most " + MAX_INPUT_VALUES + " values)");
        }
        long weights = 0;
        for (Layer l : model.layers()) {
            weights += weightCount(l, model.inputShapesOf(l.name()).get(0));
            Shape out = model.outputShapeOf(l.name());
            if (volume(out) > MAX_LAYER_VALUES) {
                throw new IllegalArgumentException("layer " + l.name() + " outputs " + out + ", more than "
                        + MAX_LAYER_VALUES + " values per example");
            }
        }
        if (weights > MAX_WEIGHTS) {
            throw new IllegalArgumentException("the model would have " + weights + " weights; ConvScope takes models up to " + MAX_WEIGHTS);
        }
    }

    /** The number of weights {@code layer} creates for input {@code in}: kernel, bias, normalisation vectors. */
    static long weightCount(Layer layer, Shape in) {
        if (layer instanceof Conv2D c) {
            return (long) c.kernelH() * c.kernelW() * in.last() * c.filters() + (c.useBias() ? c.filters() : 0);
        } else if (layer instanceof Dense d) {
            return (long) in.dim(0) * d.units() + (d.useBias() ? d.units() : 0);
        } else if (layer instanceof DepthwiseConv2D d) {
            long channels = (long) in.last() * d.depthMultiplier();
            return d.kernelH() * d.kernelW() * channels + (d.useBias() ? channels : 0);
        } else if (layer instanceof SeparableConv2D s) {
            long channels = (long) in.last() * s.depthwise().depthMultiplier();
            return s.depthwise().kernelH() * s.depthwise().kernelW() * channels + channels * s.filters() + (s.useBias() ? s.filters() : 0);
        } else if (layer instanceof BatchNormalization) {
            return 4L * in.last();
        }
        return 0;
    }

    static long volume(Shape s) {
        long v = 1;
        for (int d : s.dims()) v *= d;
        return v;
    }
}
