package org.convscope.engine;

import java.util.List;

/**
 * Shared geometry of {@link MaxPooling2D} and {@link AveragePooling2D}: a window of
 * poolH×poolW moved by the strides (Keras: strides default to the pool size), per channel.
 * With {@code same} padding the padded cells take no part: a max ignores them and an average
 * divides by the number of real cells, as TensorFlow does.
 */
public abstract class Pooling2D extends Layer {
    protected final int poolH;
    protected final int poolW;
    protected final int strideH;
    protected final int strideW;
    protected final Padding padding;

    protected int[] xShape; // (N, H, W, C) of the last forward pass

    protected Pooling2D(int poolH, int poolW, int strideH, int strideW, Padding padding) {
        if (poolH < 1 || poolW < 1 || strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs pool size and strides ≥ 1");
        }
        this.poolH = poolH;
        this.poolW = poolW;
        this.strideH = strideH;
        this.strideW = strideW;
        this.padding = padding;
    }

    @Override
    public Shape outputShape(Shape in) {
        requireRank(in, 3, className(), "put it before Flatten");
        int oh = padding.outputSize(in.dim(0), poolH, strideH, 1);
        int ow = padding.outputSize(in.dim(1), poolW, strideW, 1);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(className() + " pool " + poolH + "×" + poolW
                    + " is larger than its " + in.dim(0) + "×" + in.dim(1) + " input");
        }
        return Shape.of(oh, ow, in.last());
    }

    /**
     * Visits every output cell and its window, clipped to the input.
     * Calls {@code visit(image, outIndexBase, r0, r1, q0, q1)} with the rows [r0, r1) and columns [q0, q1)
     * of image {@code b}; {@code outIndexBase} is the index of channel 0 of the output cell.
     */
    protected final void forEachWindow(Tensor x, Tensor y, WindowVisitor visitor) {
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
        int oh = y.dim(1), ow = y.dim(2);
        int padTop = padding.amounts(h, poolH, strideH, 1)[0];
        int padLeft = padding.amounts(w, poolW, strideW, 1)[0];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                int r0 = Math.max(i * strideH - padTop, 0), r1 = Math.min(i * strideH - padTop + poolH, h);
                for (int j = 0; j < ow; j++) {
                    int q0 = Math.max(j * strideW - padLeft, 0), q1 = Math.min(j * strideW - padLeft + poolW, w);
                    visitor.visit(b, ((b * oh + i) * ow + j) * c, r0, r1, q0, q1);
                }
            }
        }
    }

    /** Remembers x's shape for the backward pass and allocates the output (N, OH, OW, C). */
    protected final Tensor startForward(Tensor x) {
        xShape = x.shape();
        Shape out = outputShape(x.exampleShape());
        return Tensor.zeros(out.withBatch(x.dim(0)));
    }

    /** {@link #startForward(Tensor)} into {@code reused} during a training step: the output's values are then stale. */
    final Tensor startForward(Tensor x, StepTensor reused) {
        xShape = x.shape();
        return reused.get(reuseBuffers, outputShape(x.exampleShape()).withBatch(x.dim(0)));
    }

    @FunctionalInterface
    protected interface WindowVisitor {
        void visit(int image, int outIndexBase, int r0, int r1, int q0, int q1);
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    @Override
    public LayerConfig config() {
        return new LayerConfig()
                .put("pool_size", List.of(poolH, poolW))
                .put("strides", List.of(strideH, strideW))
                .put("padding", padding.kerasName);
    }

    static int[][] readConfig(LayerConfig cfg) {
        int[] pool = cfg.getPair("pool_size", new int[] {2, 2});
        int[] strides = cfg.getPair("strides", pool);
        return new int[][] {pool, strides};
    }

    public int poolH() { return poolH; }
    public int poolW() { return poolW; }
    public int strideH() { return strideH; }
    public int strideW() { return strideW; }
    public Padding padding() { return padding; }
}
