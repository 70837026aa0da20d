package org.convscope.app.maps;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.convscope.app.common.ColorMap;
import org.convscope.engine.Conv2D;

import java.util.Arrays;
import java.util.List;

/**
 * All kernels of one Conv2D layer: a tile per filter holding its kernels for every input channel,
 * on one diverging scale for the whole layer. Clicking a filter opens the map it produces.
 */
final class KernelGalleryPane extends VBox {
    private final MapsViewModel vm;
    private final Label title = new Label();
    private final Label note = new Label();
    private final FlowPane tiles = new FlowPane(12, 12);
    /** px between a colour filter's picture and its R, G, B kernels: four separate tiles, not one 12-wide kernel. */
    static final int RGB_GAP = 5;
    private List<Object> shown = List.of(); // page and model the tiles show: kernels do not change with the input

    KernelGalleryPane(MapsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("kernel-gallery");
        Button back = new Button("\u2190 Overview");
        back.setOnAction(e -> vm.showOverview());
        title.getStyleClass().add("detail-title");
        HBox bar = new HBox(back, title);
        bar.getStyleClass().add("detail-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        note.getStyleClass().add("detail-caption");
        note.setWrapText(true);
        tiles.setId("gallery-tiles");
        tiles.getStyleClass().add("gallery-tiles");
        ScrollPane scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(bar, note, scroll);
        vm.pageProperty().addListener((obs, old, p) -> rebuild());
        vm.activationsProperty().addListener((obs, old, a) -> rebuild());
    }

    private void rebuild() {
        NetworkActivations a = vm.activationsProperty().get();
        if (!(vm.pageProperty().get() instanceof MapsViewModel.KernelGallery g) || a == null
                || !(a.layer(g.column()) instanceof Conv2D conv)) {
            tiles.getChildren().clear();
            shown = List.of();
            return;
        }
        if (shown.equals(List.of(g, conv))) return;
        shown = List.of(g, conv);
        int filters = conv.filters(), kh = conv.kernelH(), kw = conv.kernelW(), channels = conv.kernel().dim(2);
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float v : conv.kernel().data) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        ValueRange range = ValueRange.symmetric(min, max);
        title.setText("Kernels of " + conv.name() + ": " + filters + " filters \u00d7 " + channels
                + (channels == 1 ? " input channel" : " input channels") + ", " + kh + "\u00d7" + kw + " each");
        // over a colour picture a filter is also a picture: the colour it responds to, first in its tile
        boolean rgb = channels == 3 && a.shape(0).last() == 3 && Arrays.equals(a.sources(g.column()), new int[] {0});
        note.setText(String.format("Blue is negative, white zero, red positive (\u00b1%.3g over the whole layer). "
                + "Each tile is one filter%s. Click a filter to see the map it makes.", range.hi(),
                rgb ? ": first as a colour picture (grey is zero; a filter that responds to red is red), then its"
                        + " kernels for the R, G and B channels" : channels == 1 ? "" : " with one kernel per input map"));
        int scale = Math.max(channels == 1 || rgb ? 10 : 5, (channels == 1 || rgb ? 48 : 15) / Math.max(kh, kw));
        int tilesPerFilter = rgb ? 4 : channels;
        int gridCols = Math.min(tilesPerFilter, 8);
        tiles.getChildren().clear();
        for (int f = 0; f < filters; f++) {
            MapRaster r = MapRaster.grid(tilesPerFilter, kh, kw, scale, gridCols, rgb ? RGB_GAP : 1);
            org.convscope.engine.Tensor kernel = MapsViewModel.filterKernel(conv, f); // (KH, KW, C_in)
            float[] k = kernel.data;
            if (rgb) {
                r.paintRgb(MapsViewModel.kernelPicture(kernel, range.hi()));
                for (int c = 0; c < 3; c++) r.paintTile(c + 1, k, 3, c, ColorMap.DIVERGING, range);
            } else {
                r.paint(k, ColorMap.DIVERGING, fill(channels, range));
            }
            Label caption = new Label("filter " + f + (rgb ? ": picture, R, G, B" : ""));
            caption.getStyleClass().add("kernel-caption");
            VBox tile = new VBox(4, MapDetailPane.imageOf(r), caption);
            tile.setAlignment(Pos.CENTER);
            tile.getStyleClass().add("gallery-tile");
            int filter = f;
            tile.setOnMouseClicked(e -> vm.openDetail(g.column(), filter));
            tiles.getChildren().add(tile);
        }
    }

    private static ValueRange[] fill(int n, ValueRange r) {
        ValueRange[] a = new ValueRange[n];
        Arrays.fill(a, r);
        return a;
    }
}
