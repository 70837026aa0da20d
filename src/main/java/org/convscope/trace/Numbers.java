package org.convscope.trace;

/**
 * How the step models print numbers: integers without decimals, others with up to three, and a
 * true minus sign ({@code −}) so that equations read like the textbook.
 */
public final class Numbers {
    private Numbers() {
    }

    /** {@code 138}, {@code 0.25}, {@code −1}, {@code 0.333}. */
    public static String format(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        double rounded = Math.round(v * 1000) / 1000.0;
        if (rounded == 0) rounded = 0; // no "−0"
        String s;
        if (rounded == Math.rint(rounded) && Math.abs(rounded) < 1e15) {
            s = Long.toString((long) rounded);
        } else {
            s = String.format(java.util.Locale.ROOT, "%.3f", rounded).replaceAll("0+$", "");
        }
        return s.startsWith("-") ? "−" + s.substring(1) : s;
    }

    /** As {@link #format}, with negatives in parentheses for use as a factor: {@code (−1)}. */
    public static String factor(double v) {
        String s = format(v);
        return s.startsWith("−") ? "(" + s + ")" : s;
    }
}
