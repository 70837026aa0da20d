package org.convscope.engine;

/**
 * {@code y[n, i, j, c] = mean over the window's real (unpadded) cells of x[n, ·, ·, c]}; each of
 * those cells receives {@code dy / count} on the way back.
 */
public final class AveragePooling2D extends Pooling2D {
    private int[][] windows; // per output cell (N·OH·OW): {r0, r1, q0, q1, image}

    public AveragePooling2D(int poolH, int poolW, int strideH, int strideW, Padding padding) {
        super(poolH, poolW, strideH, strideW, padding);
    }

    /** Keras' {@code AveragePooling2D(pool)}: strides = pool size. */
    public AveragePooling2D(int pool, Padding padding) {
        this(pool, pool, pool, pool, padding);
    }

    @Override
    public String className() {
        return "AveragePooling2D";
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int h = x.dim(1), w = x.dim(2), c = x.dim(3);
        float[] xd = x.data;
        Tensor y = startForward(x);
        windows = new int[y.size() / c][];
        forEachWindow(x, y, (b, base, r0, r1, q0, q1) -> {
            windows[base / c] = new int[] {r0, r1, q0, q1, b};
            float inv = 1f / ((r1 - r0) * (q1 - q0));
            for (int ch = 0; ch < c; ch++) {
                float sum = 0;
                for (int r = r0; r < r1; r++) {
                    for (int q = q0; q < q1; q++) sum += xd[((b * h + r) * w + q) * c + ch];
                }
                y.data[base + ch] = sum * inv;
            }
        });
        return y;
    }

    @Override
    public Tensor backward(Tensor dOut) {
        int h = xShape[1], w = xShape[2], c = xShape[3];
        Tensor dx = Tensor.zeros(xShape); // (N, H, W, C)
        for (int cell = 0; cell < windows.length; cell++) {
            int[] win = windows[cell];
            int r0 = win[0], r1 = win[1], q0 = win[2], q1 = win[3], b = win[4];
            float inv = 1f / ((r1 - r0) * (q1 - q0));
            for (int ch = 0; ch < c; ch++) {
                float g = dOut.data[cell * c + ch] * inv;
                for (int r = r0; r < r1; r++) {
                    for (int q = q0; q < q1; q++) dx.data[((b * h + r) * w + q) * c + ch] += g;
                }
            }
        }
        return dx;
    }

    static AveragePooling2D fromConfig(LayerConfig cfg) {
        int[][] ps = readConfig(cfg);
        return new AveragePooling2D(ps[0][0], ps[0][1], ps[1][0], ps[1][1], Padding.fromKeras(cfg.getString("padding", "valid")));
    }
}
