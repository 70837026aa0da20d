package org.convscope.app.maps;

/** The values a colour map spans, {@code lo < hi}. */
public record ValueRange(double lo, double hi) {
    public ValueRange {
        if (!(hi > lo)) throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
    }

    /** [min, max] of the values, widened to [min, min + 1] when they are all equal (a blank map). */
    static ValueRange sequential(double min, double max) {
        return max > min ? new ValueRange(min, max) : new ValueRange(min, min + 1);
    }

    /** [−m, m] with m = max |v|, so that zero sits in the middle of a diverging map; [−1, 1] when all are 0. */
    static ValueRange symmetric(double min, double max) {
        double m = Math.max(Math.abs(min), Math.abs(max));
        return m > 0 ? new ValueRange(-m, m) : new ValueRange(-1, 1);
    }
}
