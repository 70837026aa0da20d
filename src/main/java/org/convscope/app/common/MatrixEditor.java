package org.convscope.app.common;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import org.convscope.trace.Grid;
import org.convscope.trace.Numbers;
import org.convscope.trace.render.Palette;

/**
 * A small matrix (a kernel, a toy input) whose cells are typed into: Enter, Tab or leaving a cell
 * commits it; text that is not a finite number is put back. {@link #gridProperty()} holds one channel,
 * (H, W, 1), and is replaced, never mutated, on every edit. Cells are shaded like the other grids.
 * Each field has the id {@code cell-r-c} so tests and the keyboard can reach it.
 */
public final class MatrixEditor extends GridPane {
    private final ObjectProperty<Grid> grid = new SimpleObjectProperty<>(this, "grid");
    private float absMax = 1;

    public MatrixEditor() {
        getStyleClass().add("matrix-editor");
        setHgap(3);
        setVgap(3);
        grid.addListener((o, a, b) -> rebuild(a, b));
    }

    public ObjectProperty<Grid> gridProperty() { return grid; }

    private void rebuild(Grid before, Grid g) {
        if (g == null) {
            getChildren().clear();
            return;
        }
        float[] range = g.range();
        absMax = Math.max(Math.abs(range[0]), Math.abs(range[1]));
        boolean sameSize = before != null && before.height() == g.height() && before.width() == g.width()
                && getChildren().size() == g.height() * g.width();
        if (!sameSize) {
            getChildren().clear();
            for (int r = 0; r < g.height(); r++) {
                for (int q = 0; q < g.width(); q++) add(field(r, q), q, r);
            }
        }
        int longest = 1;
        for (int r = 0; r < g.height(); r++) {
            for (int q = 0; q < g.width(); q++) longest = Math.max(longest, Numbers.format(g.get(r, q, 0)).length());
        }
        // columns are measured in 'W's, about 1.4 digits each: room for "−0.126" at any zoom
        int columns = Math.max(3, longest - 1);
        for (int r = 0; r < g.height(); r++) {
            for (int q = 0; q < g.width(); q++) {
                TextField f = (TextField) getChildren().get(r * g.width() + q);
                f.setPrefColumnCount(columns);
                if (!f.isFocused() || !sameSize) f.setText(Numbers.format(g.get(r, q, 0)));
                shade(f, g.get(r, q, 0));
            }
        }
    }

    private TextField field(int r, int q) {
        TextField f = new TextField();
        f.setId("cell-" + r + "-" + q);
        f.setAccessibleText("row " + r + ", column " + q);
        f.getStyleClass().add("matrix-cell");
        f.setOnAction(e -> commit(f, r, q));
        f.focusedProperty().addListener((o, was, now) -> {
            if (!now) commit(f, r, q);
        });
        f.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) f.setText(Numbers.format(grid.get().get(r, q, 0)));
        });
        return f;
    }

    private void commit(TextField f, int r, int q) {
        Grid g = grid.get();
        if (g == null || r >= g.height() || q >= g.width()) return;
        Float v = parse(f.getText());
        if (v == null) {
            f.setText(Numbers.format(g.get(r, q, 0)));
        } else if (v != g.get(r, q, 0)) {
            grid.set(g.with(r, q, 0, v));
        }
    }

    /** A number as people type it: {@code -1}, {@code −1}, {@code 0.5}, {@code 1/9}; null when not one. */
    static Float parse(String text) {
        String t = text.trim().replace('−', '-').replace(',', '.');
        try {
            int slash = t.indexOf('/');
            float v = slash < 0 ? Float.parseFloat(t)
                    : Float.parseFloat(t.substring(0, slash)) / Float.parseFloat(t.substring(slash + 1));
            return Float.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void shade(TextField f, float v) {
        int rgb = Palette.diverging(v, absMax);
        f.setStyle(String.format("-fx-background-color: #%06X; -fx-text-fill: #%06X;", rgb, Palette.textOn(rgb)));
    }
}
