package org.convscope.app.common;

import javafx.geometry.Point2D;

/** Where a TestFX robot points to reach a cell of a {@link MatrixView}, for the step-through view tests. */
public final class MatrixViewCells {
    private MatrixViewCells() {
    }

    /** The screen point at the centre of cell {@code (row, col)}. */
    public static Point2D onScreen(MatrixView view, int row, int col) {
        double[] c = view.centreOf(row, col);
        return view.localToScreen(c[0], c[1]);
    }
}
