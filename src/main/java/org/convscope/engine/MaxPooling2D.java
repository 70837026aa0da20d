package org.convscope.engine;

/**
 * {@code y[n, i, j, c] = max over the window of x[n, ·, ·, c]}. The gradient flows only to the
 * cell that won (the first one on ties), remembered during the forward pass.
 */
public final class MaxPooling2D extends Pooling2D {
    private int[] argmax; // (N, OH, OW, C): flat index into x of each window's winner

    public MaxPooling2D(int poolH, int poolW, int strideH, int strideW, Padding padding) {
        super(poolH, poolW, strideH, strideW, padding);
    }

    /** Keras' {@code MaxPooling2D(pool)}: strides = pool size. */
    public MaxPooling2D(int pool, Padding padding) {
        this(pool, pool, pool, pool, padding);
    }

    @Override
    public String className() {
        return "MaxPooling2D";
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int h = x.dim(1), w = x.dim(2), c = x.dim(3);
        float[] xd = x.data;
        Tensor y = startForward(x);
        argmax = new int[y.size()];
        forEachWindow(x, y, (b, base, r0, r1, q0, q1) -> {
            for (int ch = 0; ch < c; ch++) {
                float best = Float.NEGATIVE_INFINITY;
                int bestAt = -1;
                for (int r = r0; r < r1; r++) {
                    for (int q = q0; q < q1; q++) {
                        int at = ((b * h + r) * w + q) * c + ch;
                        if (xd[at] > best || bestAt < 0) {
                            best = xd[at];
                            bestAt = at;
                        }
                    }
                }
                y.data[base + ch] = best;
                argmax[base + ch] = bestAt;
            }
        });
        return y;
    }

    @Override
    public Tensor backward(Tensor dOut) {
        Tensor dx = Tensor.zeros(xShape); // (N, H, W, C)
        float[] g = dOut.data;
        for (int i = 0; i < g.length; i++) dx.data[argmax[i]] += g[i];
        return dx;
    }

    static MaxPooling2D fromConfig(LayerConfig cfg) {
        int[][] ps = readConfig(cfg);
        return new MaxPooling2D(ps[0][0], ps[0][1], ps[1][0], ps[1][1], Padding.fromKeras(cfg.getString("padding", "valid")));
    }
}
