package org.convscope.engine;

import java.util.List;

/**
 * A layer that joins two or more tensors of a graph model into one ({@link Add}, {@link Concatenate}).
 * Its inputs come as a list, in the order the model names them; it has no parameters.
 */
public abstract class MergeLayer extends Layer {
    /** Merges the inputs' shapes; each subclass says which shapes it can join. */
    protected abstract Shape mergedShape(List<Shape> in);

    @Override
    public final Shape outputShape(List<Shape> in) {
        if (in.size() < 2) throw new IllegalArgumentException(className() + " joins two or more inputs but was given " + in.size());
        return mergedShape(in);
    }

    @Override
    public final Shape outputShape(Shape in) {
        throw new IllegalArgumentException(className() + " joins two or more layers: add it to a graph with its inputs named");
    }

    @Override
    public final Tensor forward(Tensor x, boolean training) {
        throw new UnsupportedOperationException(className() + " takes its inputs as a list");
    }

    @Override
    public final Tensor backward(Tensor dOut) {
        throw new UnsupportedOperationException(className() + " returns one gradient per input");
    }

    @Override
    public abstract Tensor forward(List<Tensor> xs, boolean training);

    @Override
    abstract Tensor[] backward(Tensor dOut, boolean[] inputGradients);

    @Override
    public LayerConfig config() {
        return new LayerConfig();
    }
}
