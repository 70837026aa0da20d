package org.convscope.app.common;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.convscope.trace.render.GridPicture;
import org.convscope.trace.render.Palette;

import java.util.List;
import java.util.function.Consumer;

/**
 * A grid of numbers painted on a canvas from a {@link GridPicture}: shades (diverging for signed
 * values), the numbers when cells are large enough to read, the zero ring in pale blue, the window
 * in amber, the winning cell in green with a corner flag, and cells linked to a hovered one in dashed
 * purple (each mark has a shape as well as a colour). Scales its cells
 * to the space it gets. Reports the cell under the mouse and clicked cells, in the picture's
 * coordinates (padding cells included).
 */
public final class MatrixView extends Region {
    private static final double MAX_CELL = 56;
    private static final double MIN_CELL = 4;
    /** Numbers are drawn when a cell is at least this wide; smaller grids show shades only. */
    private static final double NUMBER_CELL = 26;

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<GridPicture> picture = new SimpleObjectProperty<>(this, "picture");
    private final ObjectProperty<List<GridPicture.Cell>> linked = new SimpleObjectProperty<>(this, "linked", List.of());
    private final ReadOnlyObjectWrapper<GridPicture.Cell> hovered = new ReadOnlyObjectWrapper<>(this, "hovered");
    private Consumer<GridPicture.Cell> onCellClicked = c -> { };
    private double cell = MAX_CELL;

    public MatrixView() {
        getStyleClass().add("matrix-view");
        getChildren().add(canvas);
        picture.addListener((o, a, b) -> {
            requestLayout();
            paint();
        });
        linked.addListener((o, a, b) -> paint());
        canvas.setOnMouseMoved(e -> hovered.set(cellAt(e.getX(), e.getY())));
        canvas.setOnMouseExited(e -> hovered.set(null));
        canvas.setOnMouseClicked(e -> {
            GridPicture.Cell c = cellAt(e.getX(), e.getY());
            if (c != null) onCellClicked.accept(c);
        });
    }

    public ObjectProperty<GridPicture> pictureProperty() { return picture; }

    /** Cells drawn as linked to something hovered elsewhere (e.g. the outputs an input cell feeds). */
    public ObjectProperty<List<GridPicture.Cell>> linkedProperty() { return linked; }

    /** The cell under the mouse, null when none. */
    public ReadOnlyObjectProperty<GridPicture.Cell> hoveredProperty() { return hovered.getReadOnlyProperty(); }

    public void setOnCellClicked(Consumer<GridPicture.Cell> action) {
        this.onCellClicked = action;
    }

    /** The centre of cell (r, q) in this view's coordinates, for tests and tooltips. */
    public double[] centreOf(int r, int q) {
        GridPicture p = picture.get();
        return new double[] {canvas.getLayoutX() + (q + p.padLeft() + 0.5) * cell,
                canvas.getLayoutY() + (r + p.padTop() + 0.5) * cell};
    }

    private GridPicture.Cell cellAt(double x, double y) {
        GridPicture p = picture.get();
        if (p == null || cell <= 0) return null;
        int q = (int) Math.floor(x / cell) - p.padLeft(), r = (int) Math.floor(y / cell) - p.padTop();
        if (r < -p.padTop() || r >= p.values().height() + p.padBottom() || q < -p.padLeft() || q >= p.values().width() + p.padRight()) {
            return null;
        }
        return new GridPicture.Cell(r, q);
    }

    @Override
    protected double computePrefWidth(double height) {
        GridPicture p = picture.get();
        return p == null ? 100 : Math.min(MAX_CELL * p.paddedWidth(), 560) + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        GridPicture p = picture.get();
        return p == null ? 100 : Math.min(MAX_CELL * p.paddedHeight(), 560) + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        GridPicture p = picture.get();
        return p == null ? 20 : Math.min(MIN_CELL * 4 * p.paddedWidth(), 200);
    }

    @Override
    protected double computeMinHeight(double width) {
        GridPicture p = picture.get();
        return p == null ? 20 : Math.min(MIN_CELL * 4 * p.paddedHeight(), 200);
    }

    @Override
    protected void layoutChildren() {
        GridPicture p = picture.get();
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        cell = p == null ? 0 : Math.max(MIN_CELL, Math.floor(Math.min(MAX_CELL, Math.min(w / p.paddedWidth(), h / p.paddedHeight()))));
        double cw = p == null ? 0 : cell * p.paddedWidth(), ch = p == null ? 0 : cell * p.paddedHeight();
        canvas.setWidth(cw + 1);
        canvas.setHeight(ch + 1);
        canvas.relocate(snappedLeftInset() + Math.max(0, (w - cw) / 2), snappedTopInset());
        paint();
    }

    private void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        GridPicture p = picture.get();
        if (p == null || cell <= 0) return;
        boolean numbers = cell >= NUMBER_CELL;
        double fontSize = Math.max(9, Math.min(17, cell * 0.36));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int r = -p.padTop(); r < p.values().height() + p.padBottom(); r++) {
            for (int q = -p.padLeft(); q < p.values().width() + p.padRight(); q++) {
                double x = (q + p.padLeft()) * cell, y = (r + p.padTop()) * cell;
                boolean filled = p.isFilled(r, q);
                int rgb = filled ? p.colorAt(r, q) : 0xFFFFFF;
                if (p.isDropped(r, q)) rgb = Palette.mix(rgb, Palette.DROPPED, 0.35f);
                if (filled || p.isDropped(r, q)) { // cells still to come stay see-through: the theme shows, light or dark
                    g.setFill(color(rgb));
                    g.fillRect(x, y, cell, cell);
                }
                if (p.isDropped(r, q)) { // hatched: cells no window reaches
                    g.setStroke(color(Palette.DROPPED_HATCH));
                    g.setLineWidth(Math.max(1, cell / 16));
                    for (int k = 1; k <= 3; k++) g.strokeLine(x, y + cell * k / 3, x + cell * k / 3, y);
                    for (int k = 1; k < 3; k++) g.strokeLine(x + cell * k / 3, y + cell, x + cell, y + cell * k / 3);
                }
                if (cell >= 6) {
                    g.setStroke(color(Palette.GRID_LINE));
                    g.setLineWidth(1);
                    g.strokeRect(x + 0.5, y + 0.5, cell, cell);
                }
                if (numbers && filled) {
                    String text = p.textAt(r, q);
                    // about 0.6 em a character: long decimals get a smaller font instead of spilling over
                    g.setFont(Font.font("System", Math.max(7, Math.min(fontSize, (cell - 4) / (0.6 * text.length())))));
                    g.setFill(p.isPadding(r, q) ? Color.web("#5A7A9A") : color(Palette.textOn(rgb)));
                    g.fillText(text, x + cell / 2, y + cell / 2);
                }
            }
        }
        g.setStroke(Color.web("#404040"));
        g.setLineWidth(2);
        g.strokeRect(p.padLeft() * cell + 0.5, p.padTop() * cell + 0.5, p.values().width() * cell, p.values().height() * cell);
        double thick = Math.max(2, cell / 14);
        for (GridPicture.Cell c : p.window()) {
            g.setFill(color(Palette.WINDOW).deriveColor(0, 1, 1, 0.32));
            fillCell(g, p, c);
            outline(g, p, c, Palette.WINDOW, thick);
        }
        // not by colour alone: the cells a hovered one feeds are dashed, the winner carries a corner flag
        g.setLineDashes(thick * 2, thick * 1.5);
        for (GridPicture.Cell c : linked.get()) outline(g, p, c, Palette.FEEDS, thick * 1.3);
        g.setLineDashes((double[]) null);
        if (p.winner() != null) {
            outline(g, p, p.winner(), Palette.WINNER, thick * 1.7);
            double x = (p.winner().col() + p.padLeft()) * cell, y = (p.winner().row() + p.padTop()) * cell, f = cell * 0.32;
            g.setFill(color(Palette.WINNER));
            g.fillPolygon(new double[] {x, x + f, x}, new double[] {y, y, y + f}, 3);
        }
        if (p.current() != null) outline(g, p, p.current(), Palette.WINDOW, thick * 1.5);
    }

    private void fillCell(GraphicsContext g, GridPicture p, GridPicture.Cell c) {
        g.fillRect((c.col() + p.padLeft()) * cell, (c.row() + p.padTop()) * cell, cell, cell);
    }

    private void outline(GraphicsContext g, GridPicture p, GridPicture.Cell c, int rgb, double thick) {
        g.setStroke(color(rgb));
        g.setLineWidth(thick);
        double inset = thick / 2 + 0.5;
        g.strokeRect((c.col() + p.padLeft()) * cell + inset, (c.row() + p.padTop()) * cell + inset,
                cell - 2 * inset + 1, cell - 2 * inset + 1);
    }

    static Color color(int rgb) {
        return Color.rgb(rgb >> 16 & 255, rgb >> 8 & 255, rgb & 255);
    }
}
