package org.convscope.engine;

/**
 * Keras' {@code GlobalMaxPooling2D}: every channel's largest value over the map,
 * {@code y[n, c] = max_{i, j} x[n, i, j, c]}; the gradient goes to that cell alone (the first of equal
 * values), {@code ∂L/∂x[n, i*, j*, c] = ∂L/∂y[n, c]}, zero elsewhere.
 */
public final class GlobalMaxPooling2D extends GlobalPooling2D {
    private int[] winners; // (N, C): the index into x of each channel's maximum

    @Override
    public String className() {
        return "GlobalMaxPooling2D";
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        xShape = x.shape();
        int n = x.dim(0), cells = x.dim(1) * x.dim(2), c = x.dim(3);
        Tensor y = Tensor.zeros(n, c); // (N, C)
        winners = new int[n * c];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                int best = b * cells * c + ch;
                for (int p = 1; p < cells; p++) {
                    int at = (b * cells + p) * c + ch;
                    if (x.data[at] > x.data[best]) best = at;
                }
                winners[b * c + ch] = best;
                y.data[b * c + ch] = x.data[best];
            }
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dOut) {
        Tensor dx = Tensor.zeros(xShape); // (N, H, W, C)
        for (int k = 0; k < winners.length; k++) dx.data[winners[k]] += dOut.data[k];
        return dx;
    }
}
