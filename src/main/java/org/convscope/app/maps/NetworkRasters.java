package org.convscope.app.maps;

import org.convscope.app.common.ColorMap;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rasters of every overview column of one model architecture, and painting a whole
 * {@link NetworkActivations} into them. No JavaFX (the benchmark measures exactly this).
 */
public final class NetworkRasters {
    /** Height the overview's maps fit into on a 1600×1000 window, px. */
    public static final int MAP_AREA_HEIGHT = 520;

    private final List<MapRaster> rasters = new ArrayList<>();
    private final boolean rgbInput;
    private final Shape inputShape;

    public NetworkRasters(Model model) {
        this(model, MAP_AREA_HEIGHT);
    }

    /** Rasters whose maps fit into {@code mapHeight} pixels (where they can: tiles stay readable). */
    public NetworkRasters(Model model, int mapHeight) {
        Shape in = model.inputShape();
        inputShape = in;
        rgbInput = in.rank() == 3 && in.last() == 3;
        // a colour input: the picture, then its R, G and B maps, as the first layer reads them
        rasters.add(MapRaster.layout(rgbInput ? Shape.of(in.dim(0), in.dim(1), 4) : in, mapHeight));
        for (var layer : model.layers()) rasters.add(MapRaster.layout(layer.outputShape(), mapHeight));
    }

    public MapRaster raster(int column) {
        return rasters.get(column);
    }

    public int columns() {
        return rasters.size();
    }

    public Shape inputShape() {
        return inputShape;
    }

    /** Whether the input column shows a colour photo (3 channels) before its grey R, G, B maps. */
    public boolean rgbInput() {
        return rgbInput;
    }

    /** The input channel a tile of column {@code column} shows: tile 0 of a colour input (the picture) stands for R. */
    public int channelOfTile(int column, int tile) {
        return column == 0 && rgbInput ? Math.max(0, tile - 1) : tile;
    }

    /** The tile that shows channel {@code channel} of column {@code column}. */
    public int tileOfChannel(int column, int channel) {
        return column == 0 && rgbInput ? channel + 1 : channel;
    }

    /** Paints every column of {@code a} (which must come from a model of this architecture), unsigned maps on viridis. */
    public void paint(NetworkActivations a, Normalisation normalisation) {
        paint(a, normalisation, ColorMap.VIRIDIS);
    }

    /** Paints every column of {@code a}, unsigned maps on {@code sequential} (viridis or cividis). */
    public void paint(NetworkActivations a, Normalisation normalisation, ColorMap sequential) {
        for (int col = 0; col < rasters.size(); col++) paint(a, col, normalisation, sequential);
    }

    /** Paints one column. */
    public void paint(NetworkActivations a, int column, Normalisation normalisation, ColorMap sequential) {
        MapRaster raster = rasters.get(column);
        float[] data = a.column(column).data;
        if (column == 0 && rgbInput) {
            raster.paintRgbAndChannels(data);
            return;
        }
        int channels = a.channels(column);
        ValueRange[] ranges = new ValueRange[channels];
        if (normalisation == Normalisation.PER_LAYER || raster.isStrip()) {
            Arrays.fill(ranges, a.range(column, 0, Normalisation.PER_LAYER));
        } else {
            for (int ch = 0; ch < channels; ch++) ranges[ch] = a.range(column, ch, Normalisation.PER_MAP);
        }
        raster.paint(data, a.colorMap(column, sequential), ranges);
    }
}
