package org.convscope.engine;

/** (N, H, W, C) → (N, H·W·C), in channels-last order as Keras flattens. */
public final class Flatten extends Layer {
    private int[] xShape;

    @Override
    public String className() {
        return "Flatten";
    }

    @Override
    public Shape outputShape(Shape in) {
        return Shape.of(in.size());
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        xShape = x.shape();
        return x.reshape(x.dim(0), x.size() / x.dim(0));
    }

    @Override
    public Tensor backward(Tensor dOut) {
        return dOut.reshape(xShape);
    }

    @Override
    public LayerConfig config() {
        return new LayerConfig();
    }
}
