package org.convscope.engine;

import java.util.List;

/**
 * Keras' {@code Add}: the element-wise sum of inputs of one shape, {@code y = x_1 + x_2 + … + x_k}, the join
 * of a residual connection ({@code y = F(x) + x}). Its gradient is the same for every input:
 * {@code ∂L/∂x_i = ∂L/∂y}.
 */
public final class Add extends MergeLayer {
    @Override
    public String className() {
        return "Add";
    }

    @Override
    protected Shape mergedShape(List<Shape> in) {
        for (Shape s : in) {
            if (!s.equals(in.get(0))) {
                throw new IllegalArgumentException("Add needs inputs of one shape but got " + in.get(0) + " and " + s
                        + (s.rank() == 3 && in.get(0).rank() == 3 ? "; a 1×1 Conv2D on the shortcut can make them match" : ""));
            }
        }
        return in.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> xs, boolean training) {
        Tensor y = xs.get(0).copy(); // (N, shape...)
        for (int k = 1; k < xs.size(); k++) {
            float[] x = xs.get(k).data;
            for (int i = 0; i < y.data.length; i++) y.data[i] += x[i];
        }
        return y;
    }

    /** dOut (N, shape...) is handed to every input that wants it, as it is (callers never modify a gradient). */
    @Override
    Tensor[] backward(Tensor dOut, boolean[] inputGradients) {
        Tensor[] dx = new Tensor[inputGradients.length];
        for (int k = 0; k < dx.length; k++) if (inputGradients[k]) dx[k] = dOut;
        return dx;
    }
}
