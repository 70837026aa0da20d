package org.convscope.app.maps;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.convscope.app.common.ColorMap;
import org.convscope.engine.Add;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Layer;
import org.convscope.engine.Pooling2D;
import org.convscope.engine.Shape;
import org.convscope.app.common.Descriptions;
import org.convscope.engine.Tensor;
import org.convscope.trace.ReceptiveField;

import java.nio.IntBuffer;

/**
 * One feature map, large, with values on hover; next to it the input with the hovered unit's receptive
 * field, the kernels that produced the map (one per input channel) and its bias; "Step through this"
 * in the bar above opens the Convolution view on that input and kernel.
 */
final class MapDetailPane extends VBox {
    private static final int BIG = 440;   // px, the map's longer side
    private static final int THUMB = 196; // px, the input thumbnail's longer side
    private final MapsViewModel vm;
    private final Label title = new Label();
    private final HBox body = new HBox();
    private final Label value = new Label("Hover the map to read its values");
    private final Rectangle receptiveField = new Rectangle();
    private final Button stepThrough = new Button("Step through this");
    private int thumbScale = 1;

    MapDetailPane(MapsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("map-detail");
        Button back = new Button("\u2190 Overview");
        back.setId("back-to-overview");
        back.setOnAction(e -> vm.showOverview());
        Button previous = new Button("\u25c0 Previous map");
        previous.setOnAction(e -> step(-1));
        Button next = new Button("Next map \u25b6");
        next.setOnAction(e -> step(1));
        title.getStyleClass().add("detail-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(back, title, spacer, stepThrough, previous, next);
        bar.getStyleClass().add("detail-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        body.getStyleClass().add("detail-body");
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(bar, scroll);
        stepThrough.setId("step-through");
        stepThrough.getStyleClass().add("accent");
        stepThrough.setOnAction(e -> vm.stepThrough());
        receptiveField.getStyleClass().add("receptive-field");
        receptiveField.setManaged(false);
        receptiveField.setMouseTransparent(true);
        value.getStyleClass().add("detail-value");
        vm.pageProperty().addListener((obs, old, p) -> rebuild());
        vm.activationsProperty().addListener((obs, old, a) -> rebuild());
        vm.normalisationProperty().addListener((obs, old, n) -> rebuild());
        vm.sequentialColorMapProperty().addListener((obs, old, m) -> rebuild());
        vm.receptiveFieldProperty().addListener((obs, old, rf) -> showReceptiveField(rf));
    }

    private void step(int delta) {
        if (!(vm.pageProperty().get() instanceof MapsViewModel.MapDetail d)) return;
        int n = vm.activationsProperty().get().channels(d.column());
        vm.openDetail(d.column(), Math.floorMod(d.channel() + delta, n));
    }

    private void rebuild() {
        NetworkActivations a = vm.activationsProperty().get();
        if (!(vm.pageProperty().get() instanceof MapsViewModel.MapDetail d) || a == null
                || d.column() >= a.columns() || a.shape(d.column()).rank() != 3) {
            body.getChildren().clear();
            return;
        }
        int col = d.column(), ch = Math.min(d.channel(), a.channels(col) - 1);
        Layer layer = a.layer(col);
        stepThrough.setDisable(!vm.canStepThrough());
        title.setText(MapsViewModel.columnName(a, col) + " \u00b7 map " + ch + " of " + a.channels(col)
                + (layer == null ? "" : "  (" + layer.className() + ")"));
        body.getChildren().setAll(bigMap(a, col, ch), inputBox(a), explanation(a, layer, col, ch));
        showReceptiveField(vm.receptiveFieldProperty().get());
    }

    private VBox bigMap(NetworkActivations a, int col, int ch) {
        Shape s = a.shape(col);
        int h = s.dim(0), w = s.dim(1);
        MapRaster r = MapRaster.grid(1, h, w, Math.max(1, BIG / Math.max(h, w)), 1, 0);
        // a colour input's channel is shown as its own map: the picture is beside it, under "What the hovered unit looks at"
        r.paint(a.map(col, ch), a.colorMap(col, vm.sequentialColorMapProperty().get()), new ValueRange[] {a.range(col, ch, vm.normalisationProperty().get())});
        ImageView view = imageOf(r);
        view.setId("detail-map");
        view.setAccessibleText(Descriptions.featureMaps((a.layer(col) == null ? "input" : a.layer(col).name()) + ", map " + ch,
                h, w, 1, a.map(col, ch)));
        view.setOnMouseMoved(e -> {
            MapRaster.Unit u = r.unitAt(e.getX(), e.getY());
            if (u == null) {
                vm.hoverProperty().set(null);
                return;
            }
            int index = (u.row() * w + u.col()) * s.last() + ch;
            vm.hoverProperty().set(new MapsViewModel.Hover(col, ch, u.row(), u.col(), index));
            value.setText(String.format("row %d, col %d:  %.4f", u.row(), u.col(), a.column(col).data[index]));
        });
        view.setOnMouseExited(e -> {
            vm.hoverProperty().set(null);
            value.setText("Hover the map to read its values");
        });
        ValueRange range = a.range(col, ch, vm.normalisationProperty().get());
        Label caption = new Label(s.dim(0) + "\u00d7" + s.dim(1) + ", colours from " + String.format("%.3g", range.lo())
                + " to " + String.format("%.3g", range.hi()));
        caption.getStyleClass().add("detail-caption");
        VBox box = new VBox(value, view, caption);
        box.getStyleClass().add("detail-section");
        return box;
    }

    private VBox inputBox(NetworkActivations a) {
        Shape in = a.shape(0);
        thumbScale = Math.max(1, THUMB / Math.max(in.dim(0), in.dim(1)));
        MapRaster r = MapRaster.grid(1, in.dim(0), in.dim(1), thumbScale, 1, 0);
        if (in.last() == 3) r.paintRgb(a.input().data);
        else r.paint(a.map(0, 0), ColorMap.GREYS, new ValueRange[] {new ValueRange(0, 1)});
        Pane holder = new Pane(imageOf(r), receptiveField);
        holder.setMaxSize(r.width(), r.height());
        holder.setMinSize(r.width(), r.height()); // a Pane would shrink under its image in a narrow window
        Label heading = new Label("What the hovered unit looks at");
        heading.getStyleClass().add("detail-heading");
        heading.setWrapText(true);
        heading.setMaxWidth(Math.max(r.width(), 200));
        VBox box = new VBox(heading, holder);
        box.getStyleClass().add("detail-section");
        return box;
    }

    private Node explanation(NetworkActivations a, Layer layer, int col, int ch) {
        VBox box = new VBox();
        box.getStyleClass().add("detail-section");
        HBox.setHgrow(box, Priority.ALWAYS);
        if (layer instanceof Conv2D conv) {
            Tensor k = MapsViewModel.filterKernel(conv, ch); // (KH, KW, C_in)
            int channels = k.dim(2);
            Label heading = new Label(channels == 1 ? "The kernel that produced it"
                    : "The " + channels + " kernels that produced it, one per input map of " + MapsViewModel.columnName(a, a.firstSource(col)));
            heading.getStyleClass().add("detail-heading");
            heading.setWrapText(true);
            float[] w = conv.kernel().data;
            float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
            for (float v : w) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            ValueRange range = ValueRange.symmetric(min, max); // the whole layer's, so kernels compare
            FlowPane tiles = new FlowPane(8, 8);
            tiles.setId("kernel-tiles");
            tiles.setPrefWrapLength(600);
            for (int c = 0; c < channels; c++) tiles.getChildren().add(kernelTile(k, c, range, channels <= 3));
            float bias = conv.bias() == null ? 0 : conv.bias().data[ch];
            Label biasLabel = new Label(String.format("bias b = %.4f", bias));
            biasLabel.setId("bias");
            biasLabel.getStyleClass().add("detail-formula");
            String sum = channels == 1 ? "x \u22c6 w" : "\u03a3\u1d9c x\u1d9c \u22c6 w\u1d9c";
            Label formula = new Label("map = " + conv.activation().kerasName + "(b + " + sum + ")   "
                    + "kernel " + conv.kernelH() + "\u00d7" + conv.kernelW() + ", stride " + conv.strideH()
                    + ", padding " + conv.padding().kerasName);
            formula.getStyleClass().add("detail-formula");
            formula.setWrapText(true);
            Label colours = new Label(String.format("kernel colours: blue < 0 < red, \u00b1%.3g", range.hi()));
            colours.getStyleClass().add("detail-caption");
            box.getChildren().addAll(heading, tiles, colours, biasLabel, formula);
        } else if (layer instanceof Pooling2D pool) {
            Label text = new Label(pool.className() + ": each cell is the " + (pool.className().startsWith("Max") ? "maximum" : "average")
                    + " of a " + pool.poolH() + "\u00d7" + pool.poolW() + " window (stride " + pool.strideH() + ") of map " + ch
                    + " of " + MapsViewModel.columnName(a, a.firstSource(col)) + ". Pooling has no kernels: it only shrinks the map.");
            text.setWrapText(true);
            text.getStyleClass().add("detail-formula");
            box.getChildren().add(text);
        } else if (layer instanceof Add) {
            Label text = new Label("Add: each value is the sum of the same cell of map " + ch + " of " + a.sourceNames(col, " and ")
                    + ". In a residual block one of them is the shortcut, which skips the layers in between.");
            text.setWrapText(true);
            text.getStyleClass().add("detail-formula");
            box.getChildren().addAll(text, addTerms(a, col, ch));
        } else {
            Label text = new Label(layer == null ? "The input, as the network sees it (values 0 to 1)."
                    : layer.className() + " keeps the shape: each value is computed from the same cell of the map before it.");
            text.setWrapText(true);
            text.getStyleClass().add("detail-formula");
            box.getChildren().add(text);
        }
        return box;
    }

    /**
     * An Add's map {@code ch} as its sum: map {@code ch} of each input, "+" between them, "=" and the sum, all on one
     * diverging colour scale so that the terms and the sum compare.
     */
    private static Node addTerms(NetworkActivations a, int col, int ch) {
        int[] shown = concat(a.sources(col), col); // the inputs, then the Add itself
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (int c : shown) {
            for (float v : a.map(c, ch)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        ValueRange range = ValueRange.symmetric(lo, hi);
        HBox row = new HBox(8);
        row.setId("add-terms");
        row.setAlignment(Pos.CENTER_LEFT);
        for (int k = 0; k < shown.length; k++) {
            if (k > 0) {
                Label sign = new Label(k == shown.length - 1 ? "=" : "+");
                sign.getStyleClass().add("add-term-sign");
                row.getChildren().add(sign);
            }
            int c = shown[k];
            Shape sh = a.shape(c);
            MapRaster r = MapRaster.grid(1, sh.dim(0), sh.dim(1), Math.max(1, 96 / Math.max(sh.dim(0), sh.dim(1))), 1, 0);
            r.paint(a.map(c, ch), ColorMap.DIVERGING, new ValueRange[] {range});
            ImageView view = imageOf(r);
            String name = MapsViewModel.columnName(a, c);
            view.setAccessibleText(Descriptions.featureMaps(name + ", map " + ch, sh.dim(0), sh.dim(1), 1, a.map(c, ch)));
            Label caption = new Label(k == shown.length - 1 ? "the sum" : name);
            caption.getStyleClass().add("kernel-caption");
            VBox tile = new VBox(2, view, caption);
            tile.setAlignment(Pos.CENTER);
            row.getChildren().add(tile);
        }
        Label colours = new Label(String.format("colours: blue < 0 < red, \u00b1%.3g, the same for all", range.hi()));
        colours.getStyleClass().add("detail-caption");
        return new VBox(4, row, colours);
    }

    private static int[] concat(int[] sources, int col) {
        int[] all = java.util.Arrays.copyOf(sources, sources.length + 1);
        all[sources.length] = col;
        return all;
    }

    /** Input channel c's kernel: numbers on colours when there are few, a small image otherwise. */
    private static Node kernelTile(Tensor k, int c, ValueRange range, boolean withNumbers) {
        int kh = k.dim(0), kw = k.dim(1), channels = k.dim(2);
        Node content;
        if (withNumbers && kh * kw <= 49) {
            GridPane grid = new GridPane();
            grid.getStyleClass().add("kernel-numbers");
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    float v = k.data[(i * kw + j) * channels + c];
                    int argb = ColorMap.DIVERGING.argb(v, range.lo(), range.hi());
                    Label cell = new Label(String.format("%.2f", v));
                    cell.getStyleClass().add("kernel-cell");
                    cell.setStyle(String.format("-fx-background-color: #%06x; -fx-text-fill: %s;", argb & 0xffffff,
                            luminance(argb) > 0.5 ? "black" : "white"));
                    grid.add(cell, j, i);
                }
            }
            content = grid;
        } else {
            float[] slice = new float[kh * kw];
            for (int i = 0; i < slice.length; i++) slice[i] = k.data[i * channels + c];
            MapRaster r = MapRaster.grid(1, kh, kw, Math.max(4, 48 / Math.max(kh, kw)), 1, 0);
            r.paint(slice, ColorMap.DIVERGING, new ValueRange[] {range});
            content = imageOf(r);
        }
        Label caption = new Label(channels == 1 ? "w" : "ch " + c);
        caption.getStyleClass().add("kernel-caption");
        VBox tile = new VBox(2, content, caption);
        tile.setAlignment(Pos.CENTER);
        tile.getStyleClass().add("kernel-tile");
        return tile;
    }

    private static double luminance(int argb) {
        return (0.2126 * (argb >> 16 & 0xff) + 0.7152 * (argb >> 8 & 0xff) + 0.0722 * (argb & 0xff)) / 255;
    }

    static ImageView imageOf(MapRaster r) {
        WritableImage image = new WritableImage(r.width(), r.height());
        image.getPixelWriter().setPixels(0, 0, r.width(), r.height(), PixelFormat.getIntArgbPreInstance(),
                IntBuffer.wrap(r.pixels()), r.width());
        ImageView view = new ImageView(image);
        view.setSmooth(false);
        return view;
    }

    private void showReceptiveField(ReceptiveField rf) {
        receptiveField.setVisible(rf != null);
        if (rf == null) return;
        receptiveField.relocate(rf.left() * thumbScale, rf.top() * thumbScale);
        receptiveField.setWidth((rf.right() - rf.left() + 1) * thumbScale);
        receptiveField.setHeight((rf.bottom() - rf.top() + 1) * thumbScale);
    }
}
