package org.convscope.cli;

/** Keras-style text progress bars: {@code [=========>....................]}. */
final class ProgressBar {
    private ProgressBar() {
    }

    /** A bar of {@code width} cells filled to {@code fraction} (0..1); empty when the fraction is unknown (negative). */
    static String bar(double fraction, int width) {
        int filled = fraction < 0 ? 0 : (int) Math.min(width, Math.floor(fraction * width));
        StringBuilder b = new StringBuilder(width + 2).append('[');
        for (int i = 0; i < width; i++) {
            b.append(i < filled - 1 || (i == filled - 1 && filled == width) ? '=' : i == filled - 1 ? '>' : '.');
        }
        return b.append(']').toString();
    }

    /** Whether stdout is a terminal, where a live bar can redraw itself with carriage returns. */
    static boolean isTerminal() {
        return System.console() != null;
    }
}
