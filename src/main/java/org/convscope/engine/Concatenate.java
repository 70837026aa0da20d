package org.convscope.engine;

import java.util.List;

/**
 * Keras' {@code Concatenate()} along the channel axis (the last, Keras' default {@code axis=-1}): inputs
 * (N, …, C_1), …, (N, …, C_k) that agree on every other axis give (N, …, C_1 + … + C_k), each position's
 * channels one input's after the other, as an Inception block joins its branches. The gradient splits the
 * same way: {@code ∂L/∂x_i} is input i's slice of the channels of {@code ∂L/∂y}.
 */
public final class Concatenate extends MergeLayer {
    private int[][] xShapes;

    @Override
    public String className() {
        return "Concatenate";
    }

    @Override
    protected Shape mergedShape(List<Shape> in) {
        int[] dims = in.get(0).dims();
        int channels = 0;
        for (Shape s : in) {
            int[] d = s.dims();
            d[d.length - 1] = dims[dims.length - 1];
            if (!java.util.Arrays.equals(d, dims)) {
                throw new IllegalArgumentException("Concatenate joins along the channels; the other axes must agree but got "
                        + in.get(0) + " and " + s);
            }
            channels += s.last();
        }
        dims[dims.length - 1] = channels;
        return Shape.of(dims);
    }

    @Override
    public Tensor forward(List<Tensor> xs, boolean training) {
        xShapes = new int[xs.size()][];
        int channels = 0;
        for (int k = 0; k < xs.size(); k++) {
            xShapes[k] = xs.get(k).shape();
            channels += xShapes[k][xShapes[k].length - 1];
        }
        int[] shape = xs.get(0).shape();
        shape[shape.length - 1] = channels;
        Tensor y = Tensor.zeros(shape); // (N, …, ΣC_i)
        int positions = y.size() / channels;
        int offset = 0;
        for (Tensor x : xs) {
            int c = x.size() / positions;
            for (int p = 0; p < positions; p++) System.arraycopy(x.data, p * c, y.data, p * channels + offset, c);
            offset += c;
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor dOut, boolean[] inputGradients) {
        int channels = dOut.dim(dOut.rank() - 1);
        int positions = dOut.size() / channels;
        Tensor[] dx = new Tensor[xShapes.length];
        int offset = 0;
        for (int k = 0; k < xShapes.length; k++) {
            int c = xShapes[k][xShapes[k].length - 1];
            if (inputGradients[k]) {
                dx[k] = Tensor.zeros(xShapes[k]); // (N, …, C_k)
                for (int p = 0; p < positions; p++) System.arraycopy(dOut.data, p * channels + offset, dx[k].data, p * c, c);
            }
            offset += c;
        }
        return dx;
    }

    @Override
    public LayerConfig config() {
        return new LayerConfig().put("axis", -1);
    }
}
