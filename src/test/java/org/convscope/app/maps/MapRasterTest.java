package org.convscope.app.maps;

import org.convscope.app.common.ColorMap;
import org.convscope.engine.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapRasterTest {

    @Test
    void layoutsFitTheHeightWithReadableTiles() {
        for (Shape s : new Shape[] {Shape.of(26, 26, 32), Shape.of(13, 13, 32), Shape.of(11, 11, 64), Shape.of(6, 6, 64), Shape.of(28, 28, 1)}) {
            MapRaster r = MapRaster.layout(s, 520);
            assertTrue(r.height() <= 520, s + " is " + r.height() + " px high");
            assertTrue(r.tileHeight() >= 32, s + " tiles are " + r.tileHeight() + " px");
        }
    }

    @Test
    void everyUnitIsPaintedWithTheColourOfItsValueAndFoundUnderThePointer() {
        Shape s = Shape.of(4, 5, 3); // (H, W, C)
        float[] data = new float[s.size()];
        for (int i = 0; i < data.length; i++) data[i] = (i * 7 % 11) / 10f;
        MapRaster r = MapRaster.grid(3, 4, 5, 6, 2, 3);
        ValueRange range = new ValueRange(0, 1);
        r.paint(data, ColorMap.VIRIDIS, new ValueRange[] {range, range, range});
        for (int ch = 0; ch < 3; ch++) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 5; j++) {
                    int x = r.tileX(ch) + j * 6 + 3, y = r.tileY(ch) + i * 6 + 3;
                    float v = data[(i * 5 + j) * 3 + ch];
                    assertEquals(ColorMap.VIRIDIS.argb(v, 0, 1), r.pixels()[y * r.width() + x]);
                    assertEquals(new MapRaster.Unit(ch, i, j, (i * 5 + j) * 3 + ch), r.unitAt(x, y));
                }
            }
        }
        assertNull(r.unitAt(r.tileX(1) - 1, 2), "the gap between tiles");
        assertEquals(0, r.pixels()[r.tileX(1) - 1], "gaps stay transparent");
    }

    @Test
    void aVectorBecomesAStripReadRowByRow() {
        MapRaster r = MapRaster.layout(Shape.of(2304), 520);
        assertTrue(r.isStrip());
        float[] data = new float[2304];
        data[1000] = 1;
        r.paint(data, ColorMap.VIRIDIS, new ValueRange[] {new ValueRange(0, 1)});
        int hot = 0;
        for (int p : r.pixels()) if (p == ColorMap.VIRIDIS.argb(1)) hot++;
        assertEquals(r.scale() * r.scale(), hot);
        int cols = r.width() / r.scale();
        int x = (1000 % cols) * r.scale(), y = (1000 / cols) * r.scale();
        assertEquals(1000, r.unitAt(x, y).index());
    }
}
