package org.convscope.trace;

import org.convscope.engine.Padding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GeometryTest {

    @Test
    void formulaPrintsTheNumbersForMnistConv() {
        Geometry g = Geometry.of(28, 28, 1, 3, 1, 1, PaddingSpec.valid());
        assertEquals("⌊(28 + 0 + 0 − 1·(3 − 1) − 1) / 1⌋ + 1 = 26", g.rowFormula());
        assertEquals(26, g.outH());
        assertEquals(676, g.cellCount());
    }

    @Test
    void outputSizeTableMatchesTheEnginePaddingFormula() {
        for (int in = 3; in <= 12; in++) {
            for (int k = 1; k <= 5; k++) {
                for (int s = 1; s <= 3; s++) {
                    for (int d = 1; d <= 2; d++) {
                        if (d * (k - 1) + 1 > in) continue;
                        for (Padding p : Padding.values()) {
                            Geometry g = Geometry.of(in, in, 1, k, s, d,
                                    p == Padding.SAME ? PaddingSpec.same() : PaddingSpec.valid());
                            assertEquals(p.outputSize(in, k, s, d), g.outH(), in + " k" + k + " s" + s + " d" + d + " " + p);
                        }
                    }
                }
            }
        }
    }

    @Test
    void samePaddingPutsTheOddZeroAtTheBottomRight() {
        Geometry g = Geometry.of(6, 6, 1, 4, 1, 1, PaddingSpec.same());
        assertEquals(1, g.padTop());
        assertEquals(2, g.padBottom());
        assertEquals(1, g.padLeft());
        assertEquals(2, g.padRight());
        assertEquals(6, g.outH());
    }

    @Test
    void floorDropsTheRowsNoWindowReaches() {
        Geometry g = Geometry.of(7, 8, 1, 3, 2, 1, PaddingSpec.valid()); // rows: (7−3)%2 = 0, cols: (8−3)%2 = 1
        assertEquals(0, g.droppedRows());
        assertEquals(1, g.droppedCols());
        assertEquals("⌊(8 + 0 + 0 − 1·(3 − 1) − 1) / 2⌋ + 1 = 3", g.colFormula());
        Geometry padded = Geometry.of(6, 6, 1, 3, 3, 1, PaddingSpec.explicit(1)); // (8 − 3) % 3 = 2
        assertEquals(2, padded.droppedRows());
    }

    @Test
    void inputCellFeedsTheOutputsWhoseWindowsReadIt() {
        Geometry g = Geometry.of(5, 5, 1, 3, 1, 1, PaddingSpec.valid());
        List<int[]> centre = g.outputsFedBy(2, 2);
        assertEquals(9, centre.size());
        List<int[]> corner = g.outputsFedBy(0, 0);
        assertEquals(1, corner.size());
        assertArrayEquals(new int[] {0, 0}, corner.get(0));
        Geometry dilated = Geometry.of(5, 5, 1, 2, 1, 2, PaddingSpec.valid()); // taps 0 and 2
        assertEquals(List.of(0, 2), dilated.outputsFedBy(0, 2).stream().map(c -> c[1]).toList());
        assertEquals(1, dilated.outputsFedBy(0, 0).size());
        assertArrayEquals(new int[] {2, 2}, dilated.outputsFedBy(4, 4).get(0));
        assertEquals(1, dilated.outputsFedBy(4, 4).size());
    }

    @Test
    void windowLargerThanThePaddedInputIsRefusedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Geometry.of(4, 4, 1, 3, 1, 2, PaddingSpec.valid()));
        assertEquals("the 5×5 window does not fit the 4×4 padded input", e.getMessage());
    }

    @Test
    void paddingParsesKerasNamesAndNumbers() {
        assertEquals(PaddingSpec.valid(), PaddingSpec.parse("valid"));
        assertEquals(PaddingSpec.same(), PaddingSpec.parse(" SAME "));
        assertEquals(PaddingSpec.explicit(2), PaddingSpec.parse("2"));
        assertEquals("2", PaddingSpec.explicit(2).label());
        assertThrows(IllegalArgumentException.class, () -> PaddingSpec.parse("full"));
        assertThrows(IllegalArgumentException.class, () -> PaddingSpec.parse("-1"));
    }
}
