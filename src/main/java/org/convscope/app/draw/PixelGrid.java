package org.convscope.app.draw;

import org.convscope.engine.Tensor;

import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

import java.util.List;

/**
 * A small grey image drawn as a grid of cells (the 28×28 input the network sees, or one
 * preprocessing step), with an optional bounding box and centre-of-mass mark on top. Values 0..1
 * are blended from paper to ink colour. Styleable: {@code -cs-paper-color}, {@code -cs-ink-color},
 * {@code -cs-grid-color}, {@code -cs-mark-color}.
 */
public final class PixelGrid extends Region {
    private static final StyleablePropertyFactory<PixelGrid> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());

    /** A rectangle in cell units: columns [x0, x1), rows [y0, y1). */
    public record Box(double x0, double y0, double x1, double y1) {
    }

    private final StyleableObjectProperty<Color> paperColor = (StyleableObjectProperty<Color>)
            CSS.createStyleableColorProperty(this, "paperColor", "-cs-paper-color", g -> g.paperColor, Color.WHITE);
    private final StyleableObjectProperty<Color> inkColor = (StyleableObjectProperty<Color>)
            CSS.createStyleableColorProperty(this, "inkColor", "-cs-ink-color", g -> g.inkColor, Color.BLACK);
    private final StyleableObjectProperty<Color> gridColor = (StyleableObjectProperty<Color>)
            CSS.createStyleableColorProperty(this, "gridColor", "-cs-grid-color", g -> g.gridColor, Color.gray(0.5, 0.3));
    private final StyleableObjectProperty<Color> markColor = (StyleableObjectProperty<Color>)
            CSS.createStyleableColorProperty(this, "markColor", "-cs-mark-color", g -> g.markColor, Color.ORANGE);
    private final Canvas canvas = new Canvas();
    private float[] pixels = new float[0];
    private float[] rgb; // (rows, cols, 3) in 0..1 when showing a colour input, else null
    private int cols;
    private int rows;
    private Box box;
    private double[] centre;
    private int[] overlay; // (rows, cols) ARGB with alpha, drawn over the cells; null for none

    public PixelGrid() {
        getStyleClass().add("pixel-grid");
        getChildren().add(canvas);
        for (var p : List.of(paperColor, inkColor, gridColor, markColor)) p.addListener(o -> draw());
    }

    /** Shows {@code pixels} (rows × cols, row-major, 0..1). Not modified; copied. */
    public void show(float[] pixels, int rows, int cols, Box box, double[] centre) {
        this.pixels = pixels.clone();
        this.rows = rows;
        this.cols = cols;
        this.box = box;
        this.centre = centre == null ? null : centre.clone();
        this.rgb = null;
        if (overlay != null && overlay.length != rows * cols) overlay = null;
        draw();
    }

    /**
     * Shows a colour input as it is: {@code rgb} (rows × cols × 3, row-major, R, G, B in 0..1); the
     * grey values ({@link #value}, {@link #totalInk}) are the channels' mean. Not modified; copied.
     */
    public void showColour(float[] rgb, int rows, int cols) {
        float[] mean = new float[rows * cols];
        for (int i = 0; i < mean.length; i++) mean[i] = (rgb[3 * i] + rgb[3 * i + 1] + rgb[3 * i + 2]) / 3;
        show(mean, rows, cols, null, null);
        this.rgb = rgb.clone();
        draw();
    }

    /** Shows a model input x (1, H, W, 1) grey or (1, H, W, 3) in colour, with no box or centre marked. Not modified. */
    public void showInput(Tensor x) {
        int h = x.dim(1), w = x.dim(2);
        if (x.dim(3) == 3) showColour(x.data, h, w);
        else show(x.data, h, w, null, null);
    }

    /**
     * Lays {@code argb} (rows × cols of the current image, ARGB with alpha, row-major) over the cells, e.g. an
     * explanation's heat map; null removes it. Not modified; copied.
     */
    public void showOverlay(int[] argb) {
        if (argb != null && argb.length != rows * cols) throw new IllegalArgumentException("an overlay of " + argb.length + " pixels on " + rows + "×" + cols + " cells");
        this.overlay = argb == null ? null : argb.clone();
        draw();
    }

    /** The overlay's ARGB at (row, col), or 0 without one; for tests. */
    public int overlayAt(int row, int col) {
        return overlay == null ? 0 : overlay[row * cols + col];
    }

    /** The shown colour at (row, col) as {R, G, B}; null when the grid shows grey values. For tests. */
    public float[] colour(int row, int col) {
        if (rgb == null) return null;
        int i = 3 * (row * cols + col);
        return new float[] {rgb[i], rgb[i + 1], rgb[i + 2]};
    }

    /** The shown value at (row, col); for tests. */
    public float value(int row, int col) {
        return pixels[row * cols + col];
    }

    /** Sum of all shown values (how much ink there is). */
    public double totalInk() {
        double s = 0;
        for (float v : pixels) s += v;
        return s;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        canvas.relocate(snappedLeftInset(), snappedTopInset());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(Math.max(0, w));
            canvas.setHeight(Math.max(0, h));
            draw();
        }
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (rows == 0 || cols == 0) return;
        double cell = Math.min(w / cols, h / rows);
        double ox = (w - cell * cols) / 2, oy = (h - cell * rows) / 2;
        // cells go through an image drawn without smoothing: crisp squares, cheap for large steps too
        Color paper = paperColor.get(), ink = inkColor.get();
        WritableImage img = new WritableImage(cols, rows);
        int[] argb = new int[cols * rows];
        for (int i = 0; i < argb.length; i++) {
            Color c = rgb != null ? Color.color(clamp(rgb[3 * i]), clamp(rgb[3 * i + 1]), clamp(rgb[3 * i + 2]))
                    : paper.interpolate(ink, clamp(pixels[i]));
            argb[i] = 0xff000000 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                    | (int) Math.round(c.getBlue() * 255);
        }
        img.getPixelWriter().setPixels(0, 0, cols, rows, PixelFormat.getIntArgbInstance(), argb, 0, cols);
        g.setImageSmoothing(false);
        g.drawImage(img, ox, oy, cols * cell, rows * cell);
        if (overlay != null) {
            WritableImage heat = new WritableImage(cols, rows);
            heat.getPixelWriter().setPixels(0, 0, cols, rows, PixelFormat.getIntArgbInstance(), overlay, 0, cols);
            g.drawImage(heat, ox, oy, cols * cell, rows * cell);
        }
        if (cell >= 6) {
            g.setStroke(gridColor.get());
            g.setLineWidth(1);
            for (int c = 0; c <= cols; c++) g.strokeLine(ox + c * cell + 0.5, oy, ox + c * cell + 0.5, oy + rows * cell);
            for (int r = 0; r <= rows; r++) g.strokeLine(ox, oy + r * cell + 0.5, ox + cols * cell, oy + r * cell + 0.5);
        }
        g.setStroke(markColor.get());
        g.setLineWidth(Math.max(2, cell / 5));
        if (box != null) {
            g.strokeRect(ox + box.x0() * cell, oy + box.y0() * cell, (box.x1() - box.x0()) * cell, (box.y1() - box.y0()) * cell);
        }
        if (centre != null) {
            double cx = ox + centre[0] * cell, cy = oy + centre[1] * cell, arm = Math.max(6, cell * 1.5);
            g.strokeLine(cx - arm, cy, cx + arm, cy);
            g.strokeLine(cx, cy - arm, cx, cy + arm);
            g.strokeOval(cx - arm / 2, cy - arm / 2, arm, arm);
        }
    }

    private static double clamp(float v) {
        return Math.max(0, Math.min(1, v));
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.getCssMetaData();
    }
}
