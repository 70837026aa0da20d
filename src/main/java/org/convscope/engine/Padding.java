package org.convscope.engine;

/**
 * Keras' two padding modes and the arithmetic behind them, along one spatial axis.
 * <ul>
 *   <li>{@code valid}: no padding; {@code out = ⌊(in − d·(k − 1) − 1) / s⌋ + 1}.</li>
 *   <li>{@code same}: {@code out = ⌈in / s⌉}; the zeros needed,
 *       {@code total = max((out − 1)·s + d·(k − 1) + 1 − in, 0)}, are split with the odd one at the
 *       end (bottom/right), exactly as TensorFlow does.</li>
 * </ul>
 */
public enum Padding {
    VALID("valid"),
    SAME("same");

    public final String kerasName;

    Padding(String kerasName) {
        this.kerasName = kerasName;
    }

    public static Padding fromKeras(String name) {
        for (Padding p : values()) {
            if (p.kerasName.equals(name)) return p;
        }
        throw new IllegalArgumentException("unknown padding '" + name + "' (known: valid, same)");
    }

    /** Padding before and after along one axis: {@code {before, after}}. */
    public int[] amounts(int in, int kernel, int stride, int dilation) {
        if (this == VALID) return new int[] {0, 0};
        int out = (in + stride - 1) / stride;
        int total = Math.max((out - 1) * stride + dilation * (kernel - 1) + 1 - in, 0);
        return new int[] {total / 2, total - total / 2};
    }

    /** The output length along one axis (may be ≤ 0 when the window does not fit). */
    public int outputSize(int in, int kernel, int stride, int dilation) {
        int[] pad = amounts(in, kernel, stride, dilation);
        return outputSize(in, kernel, stride, dilation, pad[0], pad[1]);
    }

    /** {@code ⌊(in + before + after − d·(k − 1) − 1) / s⌋ + 1}, the formula the views print. */
    public static int outputSize(int in, int kernel, int stride, int dilation, int before, int after) {
        int span = in + before + after - dilation * (kernel - 1) - 1;
        return span < 0 ? 0 : span / stride + 1;
    }
}
