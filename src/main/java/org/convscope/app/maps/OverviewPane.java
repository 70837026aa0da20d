package org.convscope.app.maps;

import javafx.scene.Group;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import org.convscope.app.common.Tips;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import org.convscope.engine.Activation;
import org.convscope.engine.Add;
import org.convscope.engine.BatchNormalization;
import org.convscope.engine.Concatenate;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Layer;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.convscope.app.common.Descriptions;
import javafx.scene.Node;
import org.convscope.engine.Summary;
import org.convscope.trace.ReceptiveField;
import org.convscope.app.common.Icon;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The network overview: one column per layer, input to output, each naming the layers it reads. Every
 * column's maps are one {@link WritableImage} painted from a {@link MapRaster}; the output layer shows class
 * probabilities. In a graph, a connection that skips columns (a residual shortcut, an Inception branch) is
 * an arrow over the columns, from the column it leaves to the one it enters.
 */
final class OverviewPane extends ScrollPane {
    private final MapsViewModel vm;
    private final HBox columnsBox = new HBox();
    /** Arrows of the connections that skip columns, over the columns' tops. */
    private final Group skipArrows = new Group();
    /** The columns with the arrows above them; the arrows follow the columns' layout. */
    private final Pane graph = new Pane(columnsBox, skipArrows) {
        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            drawSkipArrows();
        }
    };
    /** Height of the band above the columns where skip arrows run, px; 0 for a stack. */
    private int arrowBand;
    private static final int ARROW_LANE = 14; // px between the lanes of overlapping arrows
    private static final int ARROW_LANES = 3;
    private final List<VBox> columnNodes = new ArrayList<>();
    private final List<WritableImage> images = new ArrayList<>();
    private final Rectangle selectedTile = new Rectangle();
    private final Rectangle receptiveField = new Rectangle();
    private NetworkRasters rasters;
    private static final int COLUMN_CHROME = 175; // px around the maps: header, inputs, shape, count, button, padding
    private static final int MIN_MAP_HEIGHT = 240;
    private List<Summary.Row> builtFor = List.of(); // the architecture the columns show
    private int mapHeight = NetworkRasters.MAP_AREA_HEIGHT;
    private ProbabilityBars probabilities;

    OverviewPane(MapsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("overview");
        columnsBox.getStyleClass().add("overview-columns");
        columnsBox.setFillHeight(false);
        skipArrows.setManaged(false);
        skipArrows.setMouseTransparent(true);
        setContent(graph);
        setFitToHeight(true);
        selectedTile.getStyleClass().add("selected-tile");
        selectedTile.setManaged(false);
        selectedTile.setMouseTransparent(true);
        receptiveField.getStyleClass().add("receptive-field");
        receptiveField.setManaged(false);
        receptiveField.setMouseTransparent(true);
        vm.activationsProperty().addListener((obs, old, a) -> repaint());
        vm.normalisationProperty().addListener((obs, old, n) -> repaint());
        vm.sequentialColorMapProperty().addListener((obs, old, m) -> repaint());
        vm.selectedColumnProperty().addListener((obs, old, c) -> showSelection());
        vm.selectedChannelProperty().addListener((obs, old, c) -> showSelection());
        vm.receptiveFieldProperty().addListener((obs, old, rf) -> showReceptiveField(rf));
        viewportBoundsProperty().addListener((obs, old, b) -> fitHeight(b.getHeight()));
    }

    /** Re-lays the maps out when the window's height changes enough to matter. */
    private void fitHeight(double viewportHeight) {
        int h = Math.max(MIN_MAP_HEIGHT, (int) viewportHeight - COLUMN_CHROME - arrowBand);
        if (Math.abs(h - mapHeight) < 16) return;
        mapHeight = h;
        builtFor = List.of();
        repaint();
    }

    /** The image of a column, as painted (for tests and the benchmark). */
    WritableImage image(int column) {
        return images.get(column);
    }

    NetworkRasters rasters() {
        return rasters;
    }

    /** The node of a column's maps, whose local coordinates are the raster's pixels. */
    ImageView mapsNode(int column) {
        return (ImageView) ((Pane) columnNodes.get(column).lookup(".maps")).getChildren().get(0);
    }

    private void repaint() {
        NetworkActivations a = vm.activationsProperty().get();
        if (a == null) {
            columnsBox.getChildren().clear();
            builtFor = List.of();
            return;
        }
        if (rasters == null || !vm.summaryRows().equals(builtFor) || !rasters.inputShape().equals(a.model().inputShape())) build(a);
        rasters.paint(a, vm.normalisationProperty().get(), vm.sequentialColorMapProperty().get());
        for (int col = 0; col < rasters.columns(); col++) {
            MapRaster r = rasters.raster(col);
            images.get(col).getPixelWriter().setPixels(0, 0, r.width(), r.height(),
                    PixelFormat.getIntArgbPreInstance(), IntBuffer.wrap(r.pixels()), r.width());
        }
        if (probabilities != null) {
            probabilities.show(a.column(a.columns() - 1).data);
            probabilities.setAccessibleText(Descriptions.prediction(a.model().classNames(), a.column(a.columns() - 1).data));
        }
        for (int col = 0; col < columnNodes.size(); col++) {
            Node maps = columnNodes.get(col).lookup(".maps");
            Shape s = a.shape(col);
            if (maps != null) {
                maps.setAccessibleText(s.rank() == 3 ? Descriptions.featureMaps(a.layer(col) == null ? "input" : a.layer(col).name(),
                        s.dim(0), s.dim(1), s.last(), a.column(col).data) : (a.layer(col) == null ? "input" : a.layer(col).name())
                        + ": " + s.size() + " values");
            }
        }
        showSelection();
    }

    private void build(NetworkActivations a) {
        int band = a.model().isSequential() ? 0 : ARROW_LANE * (ARROW_LANES + 1);
        double viewport = getViewportBounds().getHeight();
        if (band != arrowBand && viewport > 0) mapHeight = Math.max(MIN_MAP_HEIGHT, (int) viewport - COLUMN_CHROME - band);
        arrowBand = band;
        columnsBox.setLayoutY(band);
        rasters = new NetworkRasters(a.model(), mapHeight);
        builtFor = vm.summaryRows();
        columnsBox.getChildren().clear();
        columnNodes.clear();
        images.clear();
        probabilities = null;
        Model m = a.model();
        Layer last = m.layers().isEmpty() ? null : m.layers().get(m.layers().size() - 1);
        for (int col = 0; col < rasters.columns(); col++) {
            MapRaster r = rasters.raster(col);
            WritableImage image = new WritableImage(r.width(), r.height());
            images.add(image);
            boolean output = col == rasters.columns() - 1 && last != null && last.outputShape().rank() == 1
                    && last.activation() == Activation.SOFTMAX;
            VBox node = output ? outputColumn(a, col, image) : mapsColumn(a, col, image, r);
            columnNodes.add(node);
            columnsBox.getChildren().add(node);
        }
    }

    private VBox mapsColumn(NetworkActivations a, int col, WritableImage image, MapRaster r) {
        ImageView view = new ImageView(image);
        view.setSmooth(false);
        Pane maps = new Pane(view);
        maps.getStyleClass().add("maps");
        maps.setMinSize(r.width(), r.height());
        maps.setMaxSize(r.width(), r.height());
        view.setOnMouseMoved(e -> hover(a, col, r, e));
        view.setOnMouseExited(e -> vm.hoverProperty().set(null));
        view.setOnMouseClicked(e -> click(col, r, e));
        VBox node = column(a, col);
        node.getChildren().add(1, maps);
        if (a.layer(col) instanceof Conv2D) {
            Button kernels = new Button("Kernels");
            kernels.getStyleClass().add("kernels-button");
            kernels.setOnAction(e -> vm.openGallery(col));
            node.getChildren().add(kernels);
        }
        return node;
    }

    private VBox outputColumn(NetworkActivations a, int col, WritableImage image) {
        probabilities = new ProbabilityBars(a.model().classNames());
        probabilities.setOnMouseClicked(e -> vm.select(col, 0));
        VBox node = column(a, col);
        node.getChildren().add(1, probabilities);
        return node;
    }

    /** A column with its header (name, type; a snowflake when frozen) and, under the maps, its shape. */
    private VBox column(NetworkActivations a, int col) {
        Layer layer = a.layer(col);
        Label name = new Label(layer == null ? "input" : layer.name());
        name.getStyleClass().add("column-name");
        String kind = layer == null ? "Input" : layer.className()
                + (layer.activation() == Activation.LINEAR ? "" : " \u00b7 " + layer.activation().kerasName);
        Label type = new Label(kind);
        type.getStyleClass().add("column-type");
        Label reads = new Label(readsText(a, col));
        reads.getStyleClass().add("column-inputs");
        reads.setId("inputs-" + col);
        Shape s = a.shape(col);
        Label shape = new Label(s.toString());
        shape.getStyleClass().add("column-shape");
        String count = s.rank() != 3 ? s.size() + " values"
                : col == 0 && rasters.rgbInput() ? "colour picture; R, G, B maps" : s.last() + (s.last() == 1 ? " map" : " maps");
        Label maps = new Label(count);
        maps.getStyleClass().add("column-count");
        VBox header = new VBox(name, type, reads);
        header.getStyleClass().add("column-header");
        VBox node = new VBox(header, shape, maps);
        node.getStyleClass().add("layer-column");
        if (layer != null && !layer.isTrainable()) {
            // frozen (transfer learning): muted and hatched, with a snowflake; its weights do not change in training
            node.getStyleClass().add("frozen");
            Node snow = Icon.SNOWFLAKE.node(14);
            snow.getStyleClass().add("frozen-icon");
            name.setGraphic(snow);
            Tips.install(header, layer.name() + " is frozen (trainable = False): training does not change its weights");
        }
        node.setId("column-" + col);
        header.setOnMouseClicked(e -> vm.select(col, 0));
        return node;
    }

    /**
     * What a column reads: "← conv2d" for one input, for Add "← a + b" (its maps are the sum), for Concatenate
     * "← a | b" (its maps are theirs side by side), one name a line; "the drawing" for the input column.
     */
    static String readsText(NetworkActivations a, int col) {
        if (col == 0) return "the drawing";
        String join = a.layer(col) instanceof Add ? "\n+ " : a.layer(col) instanceof Concatenate ? "\n| " : ",\n";
        StringBuilder text = new StringBuilder("\u2190 ").append(a.sourceNames(col, join));
        if (a.layer(col) instanceof Add) text.append("\n= their sum");
        return text.toString();
    }

    /**
     * One arrow per connection that skips columns: up from the source column's top, along a lane, down into
     * the target column's top. Overlapping arrows take different lanes.
     */
    private void drawSkipArrows() {
        skipArrows.getChildren().clear();
        NetworkActivations a = vm.activationsProperty().get();
        if (a == null || arrowBand == 0 || columnNodes.size() != a.columns()) return;
        int edge = 0;
        for (int to = 1; to < columnNodes.size(); to++) {
            for (int from : a.sources(to)) {
                if (from == to - 1) continue;
                double x1 = centreX(from) + 6, x2 = centreX(to) - 6, top = columnsBox.getLayoutY();
                double lane = ARROW_LANE * (1 + edge % ARROW_LANES) - 6;
                Path arrow = new Path(new MoveTo(x1, top), new LineTo(x1, lane), new LineTo(x2, lane), new LineTo(x2, top - 2),
                        new MoveTo(x2 - 5, top - 9), new LineTo(x2, top - 2), new LineTo(x2 + 5, top - 9));
                arrow.getStyleClass().add(a.layer(to) instanceof Add ? "skip-arrow" : "branch-arrow");
                Text label = new Text(arrowLabel(a, from, to));
                label.getStyleClass().add("skip-label");
                label.setX(x1 + 8);
                label.setY(lane + 11); // under its line, above the next lane's: the lane over it may be the band's top
                skipArrows.getChildren().addAll(arrow, label);
                edge++;
            }
        }
    }

    /**
     * What a connection that skips columns carries, said on its arrow: into a 1×1 Conv2D, "1×1 projection" (the
     * shortcut that reshapes the block's input); into an Add, "block" when it comes from a convolution or its
     * BatchNormalization (the block's own path, which skips the projection's columns), else "identity" (the
     * block's input unchanged); into anything else (an Inception branch), "branch".
     */
    static String arrowLabel(NetworkActivations a, int from, int to) {
        Layer target = a.layer(to), source = a.layer(from);
        if (target instanceof Conv2D c && c.kernelH() == 1 && c.kernelW() == 1) {
            return "1×1 projection" + (c.strideH() > 1 ? ", stride " + c.strideH() : "");
        }
        if (!(target instanceof Add)) return "branch";
        return source instanceof BatchNormalization || source instanceof Conv2D ? "block" : "identity";
    }

    private double centreX(int column) {
        var b = columnNodes.get(column).getBoundsInParent();
        return columnsBox.getLayoutX() + (b.getMinX() + b.getMaxX()) / 2;
    }

    /** The arrows drawn over the columns (for tests). */
    List<Path> skipArrows() {
        List<Path> paths = new ArrayList<>();
        for (Node n : skipArrows.getChildren()) if (n instanceof Path p) paths.add(p);
        return paths;
    }

    /** The arrows' labels, in the arrows' order (for tests). */
    List<String> skipLabels() {
        List<String> labels = new ArrayList<>();
        for (Node n : skipArrows.getChildren()) if (n instanceof Text t) labels.add(t.getText());
        return labels;
    }

    private void hover(NetworkActivations a, int col, MapRaster r, MouseEvent e) {
        MapRaster.Unit u = r.unitAt(e.getX(), e.getY());
        if (u == null) {
            vm.hoverProperty().set(null);
            return;
        }
        Shape s = a.shape(col);
        int channel = rasters.channelOfTile(col, u.channel());
        int index = s.rank() == 3 ? (u.row() * s.dim(1) + u.col()) * s.last() + channel : u.index();
        vm.hoverProperty().set(new MapsViewModel.Hover(col, channel, u.row(), u.col(), index));
    }

    private void click(int col, MapRaster r, MouseEvent e) {
        MapRaster.Unit u = r.unitAt(e.getX(), e.getY());
        if (u == null || r.isStrip()) vm.select(col, 0);
        else vm.openDetail(col, rasters.channelOfTile(col, u.channel()));
    }

    private void showSelection() {
        int sel = vm.selectedColumnProperty().get();
        for (int col = 0; col < columnNodes.size(); col++) {
            VBox node = columnNodes.get(col);
            node.getStyleClass().remove("selected");
            if (col == sel) node.getStyleClass().add("selected");
        }
        selectedTile.setVisible(false);
        if (sel < 0 || sel >= columnNodes.size()) return;
        scrollIntoView(columnNodes.get(sel)); // a row picked in the summary may name a column off screen
        Pane maps = (Pane) columnNodes.get(sel).lookup(".maps");
        MapRaster r = rasters.raster(sel);
        if (maps == null || r.isStrip()) return;
        int ch = rasters.tileOfChannel(sel, Math.min(vm.selectedChannelProperty().get(), vm.activationsProperty().get().channels(sel) - 1));
        selectedTile.relocate(r.tileX(ch) - 2, r.tileY(ch) - 2);
        selectedTile.setWidth(r.tileWidth() + 4);
        selectedTile.setHeight(r.tileHeight() + 4);
        if (selectedTile.getParent() != maps) maps.getChildren().add(selectedTile);
        selectedTile.setVisible(true);
    }

    private void showReceptiveField(ReceptiveField rf) {
        receptiveField.setVisible(rf != null);
        if (rf == null || columnNodes.isEmpty()) return;
        Pane maps = (Pane) columnNodes.get(0).lookup(".maps");
        int s = rasters.raster(0).scale();
        receptiveField.relocate(rf.left() * s, rf.top() * s);
        receptiveField.setWidth((rf.right() - rf.left() + 1) * s);
        receptiveField.setHeight((rf.bottom() - rf.top() + 1) * s);
        if (receptiveField.getParent() != maps) maps.getChildren().add(receptiveField);
    }

    private void scrollIntoView(Region node) {
        double contentWidth = columnsBox.getWidth(), viewport = getViewportBounds().getWidth();
        if (contentWidth <= viewport || node.getWidth() == 0) return;
        double left = node.getBoundsInParent().getMinX(), right = node.getBoundsInParent().getMaxX();
        double shown = getHvalue() * (contentWidth - viewport);
        if (left < shown) setHvalue(left / (contentWidth - viewport));
        else if (right > shown + viewport) setHvalue((right - viewport) / (contentWidth - viewport));
    }
}
