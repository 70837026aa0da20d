package org.convscope.engine;

/**
 * Keras' {@code GlobalAveragePooling2D}: every channel's mean over the map,
 * {@code y[n, c] = (1 / (H·W)) Σ_{i, j} x[n, i, j, c]}, so {@code ∂L/∂x[n, i, j, c] = ∂L/∂y[n, c] / (H·W)}.
 * ResNet's head: it replaces Flatten and keeps the classifier small.
 */
public final class GlobalAveragePooling2D extends GlobalPooling2D {
    @Override
    public String className() {
        return "GlobalAveragePooling2D";
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        xShape = x.shape();
        int n = x.dim(0), cells = x.dim(1) * x.dim(2), c = x.dim(3);
        Tensor y = Tensor.zeros(n, c); // (N, C)
        for (int b = 0; b < n; b++) {
            for (int p = 0; p < cells; p++) {
                int at = (b * cells + p) * c;
                for (int ch = 0; ch < c; ch++) y.data[b * c + ch] += x.data[at + ch];
            }
            for (int ch = 0; ch < c; ch++) y.data[b * c + ch] /= cells;
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dOut) {
        int n = xShape[0], cells = xShape[1] * xShape[2], c = xShape[3];
        Tensor dx = Tensor.zeros(xShape); // (N, H, W, C)
        for (int b = 0; b < n; b++) {
            for (int p = 0; p < cells; p++) {
                int at = (b * cells + p) * c;
                for (int ch = 0; ch < c; ch++) dx.data[at + ch] = dOut.data[b * c + ch] / cells;
            }
        }
        return dx;
    }
}
