package org.convscope.engine;

import java.util.List;

/**
 * Keras' {@code ZeroPadding2D(((top, bottom), (left, right)))}: a border of zeros,
 * (N, H, W, C) → (N, top + H + bottom, left + W + right, C), {@code y[n, top + i, left + j, c] = x[n, i, j, c]};
 * the gradient is the inner part of ∂L/∂y. ResNet pads this way before its strided 7×7 stem.
 */
public final class ZeroPadding2D extends Layer {
    private final int top;
    private final int bottom;
    private final int left;
    private final int right;
    private int[] xShape;

    public ZeroPadding2D(int top, int bottom, int left, int right) {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) throw new IllegalArgumentException("ZeroPadding2D needs padding ≥ 0");
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
    }

    /** The same number of zeros on every side, Keras' {@code ZeroPadding2D(p)}. */
    public ZeroPadding2D(int padding) {
        this(padding, padding, padding, padding);
    }

    @Override
    public String className() {
        return "ZeroPadding2D";
    }

    @Override
    public Shape outputShape(Shape in) {
        requireRank(in, 3, "ZeroPadding2D", "put it before Flatten");
        return Shape.of(top + in.dim(0) + bottom, left + in.dim(1) + right, in.last());
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        xShape = x.shape();
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
        int oh = top + h + bottom, ow = left + w + right;
        Tensor y = Tensor.zeros(n, oh, ow, c); // (N, OH, OW, C)
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < h; i++) {
                System.arraycopy(x.data, (b * h + i) * w * c, y.data, ((b * oh + top + i) * ow + left) * c, w * c);
            }
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dOut) {
        int n = xShape[0], h = xShape[1], w = xShape[2], c = xShape[3];
        int oh = top + h + bottom, ow = left + w + right;
        Tensor dx = Tensor.zeros(xShape); // (N, H, W, C)
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < h; i++) {
                System.arraycopy(dOut.data, ((b * oh + top + i) * ow + left) * c, dx.data, (b * h + i) * w * c, w * c);
            }
        }
        return dx;
    }

    @Override
    public LayerConfig config() {
        return new LayerConfig().put("padding", List.of(List.of(top, bottom), List.of(left, right)));
    }

    /** Keras' three spellings: {@code 1}, {@code [1, 2]} (rows, columns) or {@code [[t, b], [l, r]]}. */
    static ZeroPadding2D fromConfig(LayerConfig cfg) {
        Object p = cfg.asMap().getOrDefault("padding", 1.0);
        if (p instanceof List<?> outer && outer.size() == 2 && outer.get(0) instanceof List<?> rows && outer.get(1) instanceof List<?> cols
                && rows.size() == 2 && cols.size() == 2) {
            return new ZeroPadding2D(whole(rows.get(0)), whole(rows.get(1)), whole(cols.get(0)), whole(cols.get(1)));
        }
        int[] pair = cfg.getPair("padding", new int[] {1, 1});
        return new ZeroPadding2D(pair[0], pair[0], pair[1], pair[1]);
    }

    private static int whole(Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.intValue();
        throw new IllegalArgumentException("'padding' must hold integers, got " + v);
    }

    public int top() { return top; }
    public int bottom() { return bottom; }
    public int left() { return left; }
    public int right() { return right; }
}
