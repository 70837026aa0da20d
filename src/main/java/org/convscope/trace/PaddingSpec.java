package org.convscope.trace;

import org.convscope.engine.Padding;

/**
 * How many zeros surround the input: Keras' {@code valid} (none) and {@code same} (enough for
 * {@code out = ⌈in / s⌉}, the odd one at the bottom/right, {@link Padding#amounts}), or explicit
 * amounts per side as in PyTorch's {@code padding=N}.
 */
public record PaddingSpec(Kind kind, int top, int bottom, int left, int right) {

    public enum Kind { VALID, SAME, EXPLICIT }

    public PaddingSpec {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("padding cannot be negative");
        }
    }

    public static PaddingSpec valid() {
        return new PaddingSpec(Kind.VALID, 0, 0, 0, 0);
    }

    public static PaddingSpec same() {
        return new PaddingSpec(Kind.SAME, 0, 0, 0, 0);
    }

    /** {@code n} zeros on every side. */
    public static PaddingSpec explicit(int n) {
        return new PaddingSpec(Kind.EXPLICIT, n, n, n, n);
    }

    public static PaddingSpec explicit(int top, int bottom, int left, int right) {
        return new PaddingSpec(Kind.EXPLICIT, top, bottom, left, right);
    }

    /** {@code valid}, {@code same}, or a number of zeros on every side. */
    public static PaddingSpec parse(String text) {
        String t = text.trim().toLowerCase();
        if (t.equals("valid")) return valid();
        if (t.equals("same")) return same();
        try {
            int n = Integer.parseInt(t);
            if (n < 0 || n > 64) throw new IllegalArgumentException("padding must be 0..64, got " + n);
            return explicit(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("padding must be valid, same or a number of zeros, got '" + text + "'");
        }
    }

    /** {@code {before, after}} along one axis of length {@code in}; {@code rows} picks top/bottom or left/right. */
    int[] amounts(boolean rows, int in, int kernel, int stride, int dilation) {
        return switch (kind) {
            case VALID -> new int[] {0, 0};
            case SAME -> Padding.SAME.amounts(in, kernel, stride, dilation);
            case EXPLICIT -> rows ? new int[] {top, bottom} : new int[] {left, right};
        };
    }

    /** What a user types for this padding: {@code valid}, {@code same} or the number of zeros. */
    public String label() {
        return switch (kind) {
            case VALID -> "valid";
            case SAME -> "same";
            case EXPLICIT -> top == bottom && top == left && top == right
                    ? Integer.toString(top) : top + "," + bottom + "," + left + "," + right;
        };
    }
}
