package org.convscope.app.explain;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableDoubleValue;
import javafx.scene.image.ImageView;
import org.convscope.app.common.ColorLegend;
import org.convscope.app.common.ColorMap;
import org.convscope.app.draw.PixelGrid;
import org.convscope.trace.explain.HeatMap;

/**
 * Laying an explanation's heat map over the input grid it explains, with its legend: the one way the Draw view's
 * "Why?" and the explanation column of Inside the network show a map, so both show the same colours for the same
 * numbers.
 */
public final class HeatMapOverlay {
    private HeatMapOverlay() {
    }

    /**
     * Paints {@code map} over {@code grid} at {@code opacity} (unsigned maps on {@code sequential}, signed ones on the
     * diverging map) and gives {@code legend} its colours and range; a null map removes the overlay. The grid must
     * show an image of the map's size.
     */
    public static void show(PixelGrid grid, ColorLegend legend, HeatMap map, double opacity, ColorMap sequential) {
        if (map == null) {
            grid.showOverlay(null);
            return;
        }
        OverlayPixels.Range range = OverlayPixels.Range.of(map, sequential);
        grid.showOverlay(OverlayPixels.colours(map, range, opacity));
        legend.colorMapProperty().set(range.map());
        legend.setRange(range.lo(), range.hi());
    }

    /** A legend whose 256-pixel bar is shown {@code width} wide (it is wider than a narrow card). */
    public static ColorLegend narrowLegend(ObservableDoubleValue width) {
        ColorLegend legend = new ColorLegend();
        legend.getChildren().stream().filter(n -> n instanceof ImageView).map(ImageView.class::cast).forEach(bar -> {
            bar.setPreserveRatio(false);
            bar.fitWidthProperty().bind(Bindings.createDoubleBinding(width::get, width));
        });
        return legend;
    }

    /** Where {@code map} is strongest, in words, for a screen reader: "strongest at row 9, column 14". */
    public static String strongest(HeatMap map) {
        float[] v = map.values();
        int best = 0;
        for (int i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[best])) best = i;
        return "strongest at row " + best / map.width() + ", column " + best % map.width();
    }
}
