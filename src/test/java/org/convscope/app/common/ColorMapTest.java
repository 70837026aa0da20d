package org.convscope.app.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColorMapTest {

    @Test
    void viridisRunsFromPurpleToYellow() {
        assertEquals(0xff440154, ColorMap.VIRIDIS.argb(0));
        assertEquals(0xfffde725, ColorMap.VIRIDIS.argb(1));
    }

    @Test
    void divergingIsWhiteAtZeroBlueBelowAndRedAbove() {
        assertEquals(0xfff7f7f7, ColorMap.DIVERGING.argb(0, -2, 2));
        int low = ColorMap.DIVERGING.argb(-2, -2, 2), high = ColorMap.DIVERGING.argb(2, -2, 2);
        assertTrue((low & 0xff) > (low >> 16 & 0xff), "negative is blue");
        assertTrue((high >> 16 & 0xff) > (high & 0xff), "positive is red");
    }

    @Test
    void valuesOutsideTheRangeAndNaNAreClamped() {
        assertEquals(ColorMap.VIRIDIS.argb(0), ColorMap.VIRIDIS.argb(-5, 0, 1));
        assertEquals(ColorMap.VIRIDIS.argb(1), ColorMap.VIRIDIS.argb(7, 0, 1));
        assertEquals(ColorMap.VIRIDIS.argb(0), ColorMap.VIRIDIS.argb(Float.NaN, 0, 1));
    }

    @Test
    void viridisGetsBrighterAllTheWay() {
        double last = -1;
        for (int i = 0; i <= 20; i++) {
            int c = ColorMap.VIRIDIS.argb(i / 20.0);
            double lum = 0.2126 * (c >> 16 & 0xff) + 0.7152 * (c >> 8 & 0xff) + 0.0722 * (c & 0xff);
            assertTrue(lum > last, "luminance rises at " + i);
            last = lum;
        }
    }
}
