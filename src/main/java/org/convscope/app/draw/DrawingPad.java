package org.convscope.app.draw;

import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.scene.Cursor;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

import java.util.List;

/**
 * The square drawing pad (its size comes from CSS, in em so it grows with the zoom): shows a {@link Sketch}'s ink grid (the very pixels that are
 * preprocessed) in the ink colour over the paper background, and turns mouse, pen and touch
 * drags into strokes. Touch and pen arrive as mouse events. Keyboard users draw too: the arrow
 * keys move a pen (a ring on the pad while it has the focus; Shift moves further), Space puts it
 * down or lifts it. Styleable: {@code -cs-ink-color}.
 */
public final class DrawingPad extends Region {
    private static final StyleablePropertyFactory<DrawingPad> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());

    /** Receives pen input in ink-grid units. */
    public interface Pen {
        void down(double x, double y);

        void drag(double x, double y);

        void up();
    }

    private final javafx.beans.property.BooleanProperty colour = new javafx.beans.property.SimpleBooleanProperty(this, "colour");
    private final StyleableObjectProperty<Color> inkColor = (StyleableObjectProperty<Color>)
            CSS.createStyleableColorProperty(this, "inkColor", "-cs-ink-color", p -> p.inkColor, Color.BLACK);
    private final Sketch sketch;
    private final WritableImage image = new WritableImage(Sketch.SIZE, Sketch.SIZE);
    private final int[] argb = new int[Sketch.SIZE * Sketch.SIZE];
    private final ImageView view = new ImageView(image);
    private final Region paper = new Region();
    private final Circle keyPen = new Circle();
    /** The keyboard pen, in ink-grid units, and whether it is down. */
    private double keyX = Sketch.SIZE / 2.0, keyY = Sketch.SIZE / 2.0;
    private boolean keyInk;
    private long shownVersion = -1;

    /**
     * A pad that draws into {@code drawing}'s sketch, the one drawing every pad of the app shares: while the pad is
     * on a showing window and its view is shown, a frame clock copies new ink into it (strokes made on another pad
     * too) and asks {@code drawing} to classify the newest input, which then becomes the app's current input.
     * @param answerModelChanges true for Draw &amp; classify, whose answer must follow a new model too; false for a pad
     *                           elsewhere, which classifies only its ink's changes ({@link DrawViewModel#pulseInk()})
     * @param viewShown          whether the pad's view is shown ({@link org.convscope.app.common.Shown#of} its root): a
     *                           view kept in the scene but hidden keeps no clock running
     */
    public static DrawingPad live(DrawViewModel drawing, boolean answerModelChanges, ObservableBooleanValue viewShown) {
        DrawingPad pad = new DrawingPad(drawing.sketch(), new Pen() {
            @Override
            public void down(double x, double y) {
                drawing.penDown(x, y);
            }

            @Override
            public void drag(double x, double y) {
                drawing.penDrag(x, y);
            }

            @Override
            public void up() {
                drawing.penUp();
            }
        });
        pad.colourProperty().bind(drawing.colourPadProperty());
        AnimationTimer frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pad.refresh(false);
                if (answerModelChanges) drawing.pulse();
                else drawing.pulseInk();
            }
        };
        // the frame clock runs only while the pad is on a showing window and its view is shown (not when switched away or closed)
        var showing = Bindings.selectBoolean(pad.sceneProperty(), "window", "showing").and(viewShown);
        showing.addListener((obs, was, on) -> {
            if (on) frames.start();
            else frames.stop();
        });
        if (showing.get()) frames.start();
        pad.getProperties().put("pad.showing", showing); // held by the node: a select binding is only weakly referenced
        return pad;
    }

    public DrawingPad(Sketch sketch, Pen pen) {
        this.sketch = sketch;
        getStyleClass().add("drawing-pad");
        view.setSmooth(true);
        view.setPreserveRatio(true);
        view.setMouseTransparent(true);
        paper.getStyleClass().add("paper");
        paper.setMouseTransparent(true);
        keyPen.getStyleClass().add("key-pen");
        keyPen.setMouseTransparent(true);
        keyPen.setFill(Color.TRANSPARENT);
        keyPen.setStroke(Color.web("#e36209"));
        keyPen.setStrokeWidth(2);
        keyPen.visibleProperty().bind(focusedProperty());
        getChildren().addAll(paper, view, keyPen);
        setCursor(Cursor.CROSSHAIR);
        setFocusTraversable(true);
        setAccessibleHelp("Arrow keys move the pen, Shift and an arrow move it further, Space puts it down or lifts it");
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (keyPen(e.getCode(), e.isShiftDown(), pen)) e.consume();
        });
        focusedProperty().addListener((o, was, now) -> {
            if (!now && keyInk) {
                keyInk = false;
                pen.up();
                placeKeyPen();
            }
        });
        inkColor.addListener(o -> refresh(true));
        colour.addListener(o -> refresh(true));
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() != MouseButton.PRIMARY) return;
            requestFocus();
            pen.down(toGrid(e.getX() - view.getLayoutX()), toGrid(e.getY() - view.getLayoutY()));
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (e.isPrimaryButtonDown()) pen.drag(toGrid(e.getX() - view.getLayoutX()), toGrid(e.getY() - view.getLayoutY()));
        });
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (e.getButton() == MouseButton.PRIMARY) pen.up();
        });
        refresh(true);
    }

    /**
     * Moves the keyboard pen one input pixel (a 28th of the pad; four with Shift) or toggles its ink;
     * returns whether {@code key} was one of the pen's.
     */
    boolean keyPen(KeyCode key, boolean far, Pen pen) {
        double step = Sketch.SIZE / 28.0 * (far ? 4 : 1);
        switch (key) {
            case LEFT -> keyX -= step;
            case RIGHT -> keyX += step;
            case UP -> keyY -= step;
            case DOWN -> keyY += step;
            case SPACE -> {
                keyInk = !keyInk;
                if (keyInk) pen.down(keyX, keyY);
                else pen.up();
                placeKeyPen();
                return true;
            }
            default -> {
                return false;
            }
        }
        keyX = Math.max(0, Math.min(Sketch.SIZE, keyX));
        keyY = Math.max(0, Math.min(Sketch.SIZE, keyY));
        if (keyInk) pen.drag(keyX, keyY);
        placeKeyPen();
        return true;
    }

    /** The ring at the keyboard pen, filled while it draws. */
    private void placeKeyPen() {
        double scale = side() / Sketch.SIZE;
        keyPen.setCenterX(view.getLayoutX() + keyX * scale);
        keyPen.setCenterY(view.getLayoutY() + keyY * scale);
        keyPen.setRadius(Math.max(4, scale * Sketch.SIZE / 40));
        keyPen.setFill(keyInk ? Color.web("#e36209", 0.5) : Color.TRANSPARENT);
    }

    /** True to show the strokes in their own colours on white paper (a colour model's pad); else ink over the paper. */
    public javafx.beans.property.BooleanProperty colourProperty() {
        return colour;
    }

    /** Side of the ink square on screen, in pixels. */
    public double side() {
        return view.getFitWidth();
    }

    private double toGrid(double px) {
        double side = side();
        return side <= 0 ? 0 : px / side * Sketch.SIZE;
    }

    /** Copies the ink into the image if it changed since the last call (or always when {@code force}). */
    public void refresh(boolean force) {
        if (!force && sketch.version() == shownVersion) return;
        shownVersion = sketch.version();
        Color c = inkColor.get();
        int rgb = ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
        float[] ink = sketch.ink();
        if (colour.get()) {
            for (int i = 0; i < ink.length; i++) argb[i] = 0xff000000 | sketch.colourOnWhite(i); // opaque: the paper is the model's white
        } else {
            for (int i = 0; i < ink.length; i++) argb[i] = (Math.round(ink[i] * 255) << 24) | rgb;
        }
        image.getPixelWriter().setPixels(0, 0, Sketch.SIZE, Sketch.SIZE, PixelFormat.getIntArgbInstance(),
                argb, 0, Sketch.SIZE);
    }

    @Override
    protected void layoutChildren() {
        double side = Math.max(0, Math.min(getWidth() - snappedLeftInset() - snappedRightInset(),
                getHeight() - snappedTopInset() - snappedBottomInset()));
        double x = snappedLeftInset() + (getWidth() - snappedLeftInset() - snappedRightInset() - side) / 2;
        double y = snappedTopInset() + (getHeight() - snappedTopInset() - snappedBottomInset() - side) / 2;
        paper.resizeRelocate(x, y, side, side);
        view.setFitWidth(side);
        view.setFitHeight(side);
        view.relocate(x, y);
        placeKeyPen();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.getCssMetaData();
    }
}
