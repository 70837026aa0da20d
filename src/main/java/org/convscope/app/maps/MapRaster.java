package org.convscope.app.maps;

import org.convscope.app.common.ColorMap;
import org.convscope.engine.Shape;

/**
 * The pixels of one overview column. Image-shaped values {@code (H, W, C)} become C tiles of
 * {@code H·scale × W·scale} pixels in a grid with gaps; a vector {@code (N)} becomes a compact strip
 * of square cells, row by row. Painting writes opaque ARGB into {@link #pixels()} (gaps stay
 * transparent), nearest-neighbour, so one {@code WritableImage} per column shows every map crisply.
 * No JavaFX: painting is measured and tested without a toolkit.
 */
public final class MapRaster {
    static final int GAP = 3;
    private static final int MIN_TILE = 32;  // px: smaller maps are hard to read on a projector…
    private static final int MIN_TILE_CRAMPED = 20; // …but in a low window, narrower columns matter more
    private static final int MAX_TILE = 140; // px
    private static final int STRIP_MAX_WIDTH = 100;

    private final boolean strip;
    private final int channels; // tiles (1 for a strip)
    private final int mapH;     // units per tile (for a strip: rows of cells)
    private final int mapW;
    private final int length;   // values in a strip
    private final int scale;    // px per unit
    private final int gap;
    private final int gridCols;
    private final int width;
    private final int height;
    private final int[] pixels;  // (height, width) ARGB

    private MapRaster(boolean strip, int channels, int mapH, int mapW, int length, int scale, int gap, int gridCols) {
        this.strip = strip;
        this.channels = channels;
        this.mapH = mapH;
        this.mapW = mapW;
        this.length = length;
        this.scale = scale;
        this.gap = gap;
        this.gridCols = gridCols;
        int gridRows = (channels + gridCols - 1) / gridCols;
        this.width = gridCols * mapW * scale + (gridCols - 1) * gap;
        this.height = gridRows * mapH * scale + (gridRows - 1) * gap;
        this.pixels = new int[width * height];
    }

    /**
     * A layout for values of shape {@code s} that fits {@code maxHeight} pixels: for maps, the fewest grid
     * columns whose tiles are still at least {@value #MIN_TILE} px ({@value #MIN_TILE_CRAMPED} px when
     * {@code maxHeight} is below 500), at most {@value #MAX_TILE} px.
     */
    public static MapRaster layout(Shape s, int maxHeight) {
        if (s.rank() != 3) return strip(s.size(), maxHeight);
        int c = s.last(), h = s.dim(0), w = s.dim(1), side = Math.max(h, w);
        int minTile = maxHeight < 500 ? MIN_TILE_CRAMPED : MIN_TILE;
        int minScale = Math.max(1, (minTile + side - 1) / side);
        int maxScale = Math.max(1, MAX_TILE / side);
        for (int cols = 1; cols <= c; cols++) {
            int rows = (c + cols - 1) / cols;
            int scale = Math.min(maxScale, (maxHeight - (rows - 1) * GAP) / (rows * h));
            if (scale >= minScale) return new MapRaster(false, c, h, w, 0, scale, GAP, cols);
        }
        int rowsThatFit = Math.max(1, (maxHeight + GAP) / (h + GAP));
        return new MapRaster(false, c, h, w, 0, 1, GAP, (c + rowsThatFit - 1) / rowsThatFit);
    }

    /** A fixed grid: {@code channels} tiles of h×w units at {@code scale} px, {@code cols} tiles a row. */
    public static MapRaster grid(int channels, int h, int w, int scale, int cols, int gap) {
        return new MapRaster(false, channels, h, w, 0, scale, gap, Math.min(cols, channels));
    }

    private static MapRaster strip(int n, int maxHeight) {
        for (int cell = 12; cell >= 1; cell--) {
            int rows = Math.min(n, Math.max(1, maxHeight / cell));
            int cols = (n + rows - 1) / rows;
            if (cols * cell <= STRIP_MAX_WIDTH || cell == 1) {
                return new MapRaster(true, 1, (n + cols - 1) / cols, cols, n, cell, 0, 1);
            }
        }
        throw new AssertionError("unreachable: cell 1 always fits");
    }

    public boolean isStrip() {
        return strip;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Pixels per unit. */
    public int scale() {
        return scale;
    }

    /** The painted pixels, (height, width) ARGB; read-only for callers. */
    public int[] pixels() {
        return pixels;
    }

    /** Left edge of a map's tile, px. */
    public int tileX(int channel) {
        return (channel % gridCols) * (mapW * scale + gap);
    }

    /** Top edge of a map's tile, px. */
    public int tileY(int channel) {
        return (channel / gridCols) * (mapH * scale + gap);
    }

    public int tileWidth() {
        return mapW * scale;
    }

    public int tileHeight() {
        return mapH * scale;
    }

    /** A unit under the pointer: map {@code channel}, cell (row, col); for a strip, channel 0 and {@code index}. */
    public record Unit(int channel, int row, int col, int index) {
    }

    /** The unit at pixel (x, y), or null over a gap or outside. */
    public Unit unitAt(double x, double y) {
        if (x < 0 || y < 0 || x >= width || y >= height) return null;
        int tx = (int) x / (mapW * scale + gap), ty = (int) y / (mapH * scale + gap);
        int inX = (int) x - tx * (mapW * scale + gap), inY = (int) y - ty * (mapH * scale + gap);
        if (inX >= mapW * scale || inY >= mapH * scale) return null;
        int channel = ty * gridCols + tx;
        if (channel >= channels) return null;
        int row = inY / scale, col = inX / scale;
        int index = strip ? row * mapW + col : (row * mapW + col) * channels + channel;
        if (strip && index >= length) return null;
        return new Unit(channel, row, col, index);
    }

    /**
     * Paints values with a colour map: {@code data} is (H, W, C) channels-last for maps, (N) for a strip;
     * {@code ranges[channel]} is the range of each map (one entry for a strip). data not modified.
     */
    public void paint(float[] data, ColorMap colorMap, ValueRange[] ranges) {
        if (strip) {
            ValueRange r = ranges[0];
            for (int k = 0; k < length; k++) fillCell(k / mapW, k % mapW, 0, 0, colorMap.argb(data[k], r.lo(), r.hi()));
            return;
        }
        for (int ch = 0; ch < channels; ch++) paintTile(ch, data, channels, ch, colorMap, ranges[ch]);
    }

    /** Paints channel {@code channel} of {@code data} (H, W, dataChannels) into tile {@code tile}. data not modified. */
    public void paintTile(int tile, float[] data, int dataChannels, int channel, ColorMap colorMap, ValueRange r) {
        int x0 = tileX(tile), y0 = tileY(tile);
        for (int i = 0; i < mapH; i++) {
            for (int j = 0; j < mapW; j++) {
                fillCell(i, j, x0, y0, colorMap.argb(data[(i * mapW + j) * dataChannels + channel], r.lo(), r.hi()));
            }
        }
    }

    /**
     * Paints a colour input (H, W, 3) in 0..1 as the picture in tile 0 and, when the raster has 4 tiles, its
     * R, G and B channels as grey maps on 0..1 in tiles 1–3 (a channel's map is bright where the picture has
     * much of that colour). data not modified.
     */
    public void paintRgbAndChannels(float[] data) {
        paintRgb(data);
        for (int c = 0; c < 3 && c + 1 < channels; c++) paintTile(c + 1, data, 3, c, ColorMap.GREYS, new ValueRange(0, 1));
    }

    /** Paints an RGB image (H, W, 3) with values 0..1 into tile 0. data not modified. */
    public void paintRgb(float[] data) {
        for (int i = 0; i < mapH; i++) {
            for (int j = 0; j < mapW; j++) {
                int o = (i * mapW + j) * 3;
                fillCell(i, j, 0, 0, 0xff000000 | byteOf(data[o]) << 16 | byteOf(data[o + 1]) << 8 | byteOf(data[o + 2]));
            }
        }
    }

    private static int byteOf(float v) {
        return v > 0 ? (v >= 1 ? 255 : (int) (v * 255 + 0.5f)) : 0;
    }

    private void fillCell(int row, int col, int x0, int y0, int argb) {
        int start = (y0 + row * scale) * width + x0 + col * scale;
        for (int dy = 0; dy < scale; dy++, start += width) {
            for (int dx = 0; dx < scale; dx++) pixels[start + dx] = argb;
        }
    }
}
