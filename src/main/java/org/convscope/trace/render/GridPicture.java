package org.convscope.trace.render;

import org.convscope.trace.Grid;

import java.util.List;

/**
 * What one grid of a frame shows, independent of the toolkit that paints it: the values of one
 * channel, the zero ring around them, the window's cells, the cell that won, how many cells are
 * filled in yet (outputs fill in step by step) and the trailing rows/columns the floor drops.
 * Cell coordinates are the grid's own (padding cells are negative or ≥ the size).
 *
 * @param values    one channel, (H, W, 1)
 * @param lo        the value painted darkest (or most negative)
 * @param hi        the value painted brightest (or most positive)
 * @param window    cells to outline as the current window (empty for none)
 * @param winner    the cell max pooling picked, or null
 * @param current   the cell being computed, or null
 * @param filled    cells shown, row-major; the rest are blank ({@code H·W} for all)
 * @param zeroPadding whether padding cells are zeros that count (convolution) or are left out (pooling)
 */
public record GridPicture(String caption, Grid values, float lo, float hi, int padTop, int padBottom, int padLeft,
                          int padRight, List<Cell> window, Cell winner, Cell current, int filled, int droppedRows,
                          int droppedCols, boolean zeroPadding) {

    public record Cell(int row, int col) {
    }

    /** A plain grid: every cell filled, no padding, nothing marked. */
    public static GridPicture plain(String caption, Grid values, float lo, float hi) {
        return new GridPicture(caption, values, lo, hi, 0, 0, 0, 0, List.of(), null, null,
                values.height() * values.width(), 0, 0, true);
    }

    public int paddedHeight() {
        return padTop + values.height() + padBottom;
    }

    public int paddedWidth() {
        return padLeft + values.width() + padRight;
    }

    /** The value at (r, q), 0 in the padding. */
    public float valueAt(int r, int q) {
        return isPadding(r, q) ? 0f : values.get(r, q, 0);
    }

    public boolean isPadding(int r, int q) {
        return r < 0 || q < 0 || r >= values.height() || q >= values.width();
    }

    public boolean isFilled(int r, int q) {
        return isPadding(r, q) || r * values.width() + q < filled;
    }

    /** True for cells in the trailing rows/columns no window reaches. */
    public boolean isDropped(int r, int q) {
        return r >= values.height() + padBottom - droppedRows || q >= values.width() + padRight - droppedCols;
    }

    /** The text of a cell: its value; nothing for padding that pooling leaves out. */
    public String textAt(int r, int q) {
        return isPadding(r, q) && !zeroPadding ? "" : org.convscope.trace.Numbers.format(valueAt(r, q));
    }

    /** The packed RGB this cell is painted with. */
    public int colorAt(int r, int q) {
        if (isPadding(r, q)) return Palette.PADDING;
        return Palette.shade(valueAt(r, q), lo, hi);
    }
}
