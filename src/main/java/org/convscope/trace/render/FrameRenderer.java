package org.convscope.trace.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Paints a {@link Frame} with Java2D for slides: the grids in a row (input ∗ kernel = output), then the
 * equation and the output-size formulas, at sizes that read on a projector. Used by the
 * {@code render} command and the views' export, so no JavaFX here.
 */
public final class FrameRenderer {
    private static final int WIDTH = 1280;
    private static final int MARGIN = 28;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 24);
    private static final Font CAPTION = new Font(Font.SANS_SERIF, Font.PLAIN, 18);
    private static final Font TEXT = new Font(Font.MONOSPACED, Font.PLAIN, 18);

    private FrameRenderer() {
    }

    /** The frame as an RGB image, 1280 px wide. {@code frame} not modified. */
    public static BufferedImage render(Frame frame) {
        List<GridPicture> grids = new ArrayList<>(frame.inputs());
        grids.addAll(frame.kernels());
        grids.add(frame.output());
        int gap = grids.size() > 4 ? 40 : 56; // room for the operators; less when RGB brings seven grids
        // kernels keep readable cells; the inputs and the output share what width is left
        int kernelCols = 0, kernelRows = 0;
        for (GridPicture k : frame.kernels()) {
            kernelCols = Math.max(kernelCols, k.paddedWidth());
            kernelRows = Math.max(kernelRows, k.paddedHeight());
        }
        int kernelCount = Math.max(1, frame.kernels().size());
        int kernelCell = kernelCols == 0 ? 0
                : Math.min(48, Math.min(200 / Math.max(kernelCols, kernelRows), (WIDTH * 2 / 5) / (kernelCols * kernelCount)));
        int cols = 0, rows = 0;
        for (GridPicture g : grids) {
            if (frame.kernels().contains(g)) continue;
            cols += g.paddedWidth();
            rows = Math.max(rows, g.paddedHeight());
        }
        int available = WIDTH - 2 * MARGIN - gap * (grids.size() - 1) - kernelCell * kernelCols * frame.kernels().size();
        int cell = Math.max(4, Math.min(52, Math.min(available / cols, 560 / rows)));
        int gridsHeight = Math.max(rows * cell, kernelRows * kernelCell);

        BufferedImage measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D mg = measure.createGraphics();
        List<String> lines = new ArrayList<>();
        for (String l : frame.equation()) lines.addAll(wrap(l, mg.getFontMetrics(TEXT), WIDTH - 2 * MARGIN));
        lines.add("");
        lines.addAll(frame.formulas());
        mg.dispose();

        int lineH = 26;
        int gridTop = MARGIN + 40 + 28;
        int height = gridTop + gridsHeight + 36 + lines.size() * lineH + MARGIN;
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(new Color(Palette.TEXT));
        g.setFont(TITLE);
        g.drawString(frame.title(), MARGIN, MARGIN + 24);

        int x = MARGIN;
        for (int i = 0; i < grids.size(); i++) {
            GridPicture p = grids.get(i);
            g.setFont(CAPTION);
            g.setColor(new Color(Palette.TEXT));
            g.drawString(p.caption(), x, gridTop - 10);
            int size = frame.kernels().contains(p) ? kernelCell : cell;
            paintGrid(g, p, x, gridTop, size);
            int right = x + p.paddedWidth() * size;
            if (i < grids.size() - 1) {
                String sign = i == grids.size() - 2 ? "=" : i == frame.inputs().size() - 1 && !frame.kernels().isEmpty() ? "∗" : "";
                if (frame.kernels().isEmpty() && i == grids.size() - 2) sign = "→";
                g.setFont(TITLE);
                g.setColor(new Color(Palette.TEXT));
                g.drawString(sign, right + gap / 2 - 8, gridTop + Math.min(rows * cell, p.paddedHeight() * size) / 2 + 8);
            }
            x = right + gap;
        }

        g.setFont(TEXT);
        g.setColor(new Color(Palette.TEXT));
        int y = gridTop + gridsHeight + 44;
        for (String l : lines) {
            g.drawString(l, MARGIN, y);
            y += lineH;
        }
        g.dispose();
        return img;
    }

    /** Paints one grid with its top-left padding cell at (x, y). */
    static void paintGrid(Graphics2D g, GridPicture p, int x, int y, int cell) {
        boolean numbers = cell >= 26;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(16, cell * 2 / 5)));
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        for (int r = -p.padTop(); r < p.values().height() + p.padBottom(); r++) {
            for (int q = -p.padLeft(); q < p.values().width() + p.padRight(); q++) {
                int cx = x + (q + p.padLeft()) * cell, cy = y + (r + p.padTop()) * cell;
                boolean filled = p.isFilled(r, q);
                int rgb = filled ? p.colorAt(r, q) : 0xFFFFFF;
                if (p.isDropped(r, q)) rgb = Palette.mix(rgb, Palette.DROPPED, 0.35f);
                g.setColor(new Color(rgb));
                g.fillRect(cx, cy, cell, cell);
                if (p.isDropped(r, q)) { // hatched: cells no window reaches
                    g.setColor(new Color(Palette.DROPPED_HATCH));
                    g.setStroke(new BasicStroke(Math.max(1f, cell / 16f)));
                    for (int k = 1; k <= 3; k++) g.drawLine(cx, cy + cell * k / 3, cx + cell * k / 3, cy);
                    for (int k = 1; k < 3; k++) g.drawLine(cx + cell * k / 3, cy + cell, cx + cell, cy + cell * k / 3);
                }
                g.setColor(new Color(Palette.GRID_LINE));
                g.setStroke(new BasicStroke(1f));
                if (cell >= 6) g.drawRect(cx, cy, cell, cell);
                if (numbers && filled) {
                    String s = p.textAt(r, q);
                    g.setColor(new Color(p.isPadding(r, q) ? 0x5A7A9A : Palette.textOn(rgb)));
                    FontMetrics m = fm;
                    if (fm.stringWidth(s) > cell - 4) { // long decimals: a smaller font rather than spilling over
                        g.setFont(font.deriveFont(Math.max(7f, font.getSize2D() * (cell - 4) / fm.stringWidth(s))));
                        m = g.getFontMetrics();
                    }
                    g.drawString(s, cx + (cell - m.stringWidth(s)) / 2, cy + (cell + m.getAscent() - m.getDescent()) / 2);
                    g.setFont(font);
                }
            }
        }
        // the border of the real image, so the zero ring reads as outside it
        g.setColor(new Color(0x404040));
        g.setStroke(new BasicStroke(2f));
        g.drawRect(x + p.padLeft() * cell, y + p.padTop() * cell, p.values().width() * cell, p.values().height() * cell);
        float thick = Math.max(2f, cell / 14f);
        g.setStroke(new BasicStroke(thick));
        Color tint = new Color(Palette.WINDOW >> 16 & 255, Palette.WINDOW >> 8 & 255, Palette.WINDOW & 255, 80);
        for (GridPicture.Cell c : p.window()) {
            g.setColor(tint);
            g.fillRect(x + (c.col() + p.padLeft()) * cell, y + (c.row() + p.padTop()) * cell, cell, cell);
            g.setColor(new Color(Palette.WINDOW));
            outline(g, p, x, y, cell, c, thick);
        }
        if (p.winner() != null) {
            g.setColor(new Color(Palette.WINNER));
            g.setStroke(new BasicStroke(thick * 1.6f));
            outline(g, p, x, y, cell, p.winner(), thick * 1.6f);
        }
        if (p.current() != null) {
            g.setColor(new Color(Palette.WINDOW));
            g.setStroke(new BasicStroke(thick * 1.4f));
            outline(g, p, x, y, cell, p.current(), thick * 1.4f);
        }
    }

    private static void outline(Graphics2D g, GridPicture p, int x, int y, int cell, GridPicture.Cell c, float thick) {
        int inset = Math.round(thick / 2);
        g.drawRect(x + (c.col() + p.padLeft()) * cell + inset, y + (c.row() + p.padTop()) * cell + inset,
                cell - 2 * inset, cell - 2 * inset);
    }

    /** Breaks a line at " + " (or spaces) so that it fits {@code width} pixels. */
    static List<String> wrap(String line, FontMetrics fm, int width) {
        List<String> out = new ArrayList<>();
        String rest = line;
        while (fm.stringWidth(rest) > width) {
            int cut = rest.length();
            while (cut > 0 && fm.stringWidth(rest.substring(0, cut)) > width) cut = rest.lastIndexOf(' ', cut - 1);
            if (cut <= 0) break;
            out.add(rest.substring(0, cut));
            rest = "    " + rest.substring(cut).stripLeading();
        }
        out.add(rest);
        return out;
    }
}
