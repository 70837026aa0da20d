package org.convscope.app.draw;

import java.util.ArrayList;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * The drawing on the pad: a list of strokes and the ink they leave on a square grid of
 * {@link #SIZE}² cells, values 0 (paper) .. 1 (full ink), row-major. Strokes are round-capped
 * thick lines with anti-aliased edges (a marker, as MNIST digits are thick). Undo and redo work
 * on whole strokes. Not thread-safe: used on the FX thread; {@link #inkCopy()} hands a snapshot to
 * other threads.
 */
public final class Sketch {
    /** Side of the ink grid: 16 × 28, fine enough to look smooth on the pad, cheap to preprocess. */
    public static final int SIZE = 448;

    /** One stroke; points are (x, y) pairs in grid units. */
    private static final class Stroke {
        final float radius;
        final boolean erase;
        final int rgb;
        float[] xy = new float[32];
        int length;

        Stroke(float radius, boolean erase, int rgb) {
            this.radius = radius;
            this.erase = erase;
            this.rgb = rgb;
        }

        void add(float x, float y) {
            if (length + 2 > xy.length) xy = Arrays.copyOf(xy, xy.length * 2);
            xy[length++] = x;
            xy[length++] = y;
        }
    }

    private final float[] ink = new float[SIZE * SIZE]; // (SIZE, SIZE)
    /** (SIZE, SIZE) 0xRRGGBB: the colour of the last stroke that inked each cell (what the ink is, for colour models). */
    private final int[] colours = new int[SIZE * SIZE];
    private final List<Stroke> strokes = new ArrayList<>();
    private final List<Stroke> undone = new ArrayList<>();
    private Stroke current;
    private long version;

    /** Starts a stroke at (x, y), in grid units; a dot is drawn even if the pen does not move. */
    public void begin(double x, double y, double radius, boolean erase) {
        begin(x, y, radius, erase, 0x000000);
    }

    /** As {@link #begin(double, double, double, boolean)}, in the colour {@code rgb} (0xRRGGBB). */
    public void begin(double x, double y, double radius, boolean erase, int rgb) {
        current = new Stroke((float) radius, erase, rgb);
        strokes.add(current);
        undone.clear();
        current.add((float) x, (float) y);
        paint(current, 0, 0);
    }

    /** Extends the current stroke to (x, y); ignored when no stroke is under way. */
    public void extend(double x, double y) {
        if (current == null) return;
        current.add((float) x, (float) y);
        paint(current, current.length - 4, current.length - 2);
    }

    public void end() {
        current = null;
    }

    public boolean canUndo() {
        return !strokes.isEmpty();
    }

    public boolean canRedo() {
        return !undone.isEmpty();
    }

    public void undo() {
        if (strokes.isEmpty()) return;
        current = null;
        undone.add(strokes.remove(strokes.size() - 1));
        repaint();
    }

    public void redo() {
        if (undone.isEmpty()) return;
        strokes.add(undone.remove(undone.size() - 1));
        repaint();
    }

    /** Removes every stroke and the redo history: a fresh page. */
    public void clear() {
        current = null;
        strokes.clear();
        undone.clear();
        repaint();
    }

    /** True when no cell holds ink. */
    public boolean isBlank() {
        for (float v : ink) if (v > 0) return false;
        return true;
    }

    /** Grows by one with every change; lets readers see whether the ink moved on. */
    public long version() {
        return version;
    }

    /** The ink grid, (SIZE, SIZE) row-major. Not to be modified; valid until the next change. */
    public float[] ink() {
        return ink;
    }

    /** A copy of the ink grid for another thread. */
    public float[] inkCopy() {
        return ink.clone();
    }

    /** Cell i (row-major) as drawn in colour on white paper, 0xRRGGBB: the ink's colour mixed in by its coverage. */
    public int colourOnWhite(int i) {
        float a = ink[i];
        int c = colours[i], rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int v = Math.round(255 * (1 - a) + ((c >> shift) & 0xff) * a);
            rgb |= v << shift;
        }
        return rgb;
    }

    /** The drawing in colour on white paper, SIZE × SIZE, for colour models (a new image: safe for another thread). */
    public BufferedImage colourPicture() {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) row[x] = colourOnWhite(y * SIZE + x);
            img.setRGB(0, y, SIZE, 1, row, 0, SIZE);
        }
        return img;
    }

    private void repaint() {
        Arrays.fill(ink, 0f);
        for (Stroke s : strokes) {
            paint(s, 0, 0);
            for (int i = 2; i < s.length; i += 2) paint(s, i - 2, i);
        }
        version++;
    }

    /** Paints the segment from point index {@code a} to {@code b} (offsets into xy) of stroke s. */
    private void paint(Stroke s, int a, int b) {
        float x0 = s.xy[a], y0 = s.xy[a + 1], x1 = s.xy[b], y1 = s.xy[b + 1];
        float r = s.radius;
        int minX = Math.max(0, (int) Math.floor(Math.min(x0, x1) - r - 1));
        int maxX = Math.min(SIZE - 1, (int) Math.ceil(Math.max(x0, x1) + r + 1));
        int minY = Math.max(0, (int) Math.floor(Math.min(y0, y1) - r - 1));
        int maxY = Math.min(SIZE - 1, (int) Math.ceil(Math.max(y0, y1) + r + 1));
        float dx = x1 - x0, dy = y1 - y0;
        float len2 = dx * dx + dy * dy;
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                // distance from the cell centre to the segment; coverage falls off over one cell
                float px = x + 0.5f - x0, py = y + 0.5f - y0;
                float t = len2 == 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
                float ex = px - t * dx, ey = py - t * dy;
                float d = (float) Math.sqrt(ex * ex + ey * ey);
                float cover = Math.max(0, Math.min(1, r + 0.5f - d));
                if (cover == 0) continue;
                int i = y * SIZE + x;
                if (s.erase) {
                    ink[i] = Math.min(ink[i], 1 - cover);
                } else {
                    ink[i] = Math.max(ink[i], cover);
                    colours[i] = s.rgb;
                }
            }
        }
        version++;
    }
}
