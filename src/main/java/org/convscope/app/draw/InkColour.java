package org.convscope.app.draw;

import java.util.List;

/**
 * A colour of the drawing pad's palette for colour models: its name (shown, and read by screen readers)
 * and its 0xRRGGBB. Grey models draw in the theme's ink and never see these.
 */
public record InkColour(String name, int rgb) {
    public static final InkColour BLACK = new InkColour("black", 0x000000);

    /** The palette: few, far apart, and each one pure enough to light mostly one or two channels. Keys 1–6. */
    public static final List<InkColour> PALETTE = List.of(BLACK, new InkColour("red", 0xd62728),
            new InkColour("orange", 0xff8c00), new InkColour("yellow", 0xf5d000), new InkColour("green", 0x2ca02c),
            new InkColour("blue", 0x1f5fd6));
}
