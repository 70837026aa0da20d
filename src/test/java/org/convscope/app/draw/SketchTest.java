package org.convscope.app.draw;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SketchTest {

    private static float at(Sketch s, int x, int y) {
        return s.ink()[y * Sketch.SIZE + x];
    }

    @Test
    void strokeInksCellsWithinItsRadiusOnly() {
        Sketch s = new Sketch();
        s.begin(100, 200.25, 10, false);
        s.extend(300, 200.25);
        s.end();
        // cell (x, y) has its centre at (x + 0.5, y + 0.5)
        assertEquals(1f, at(s, 200, 200));          // on the line
        assertEquals(1f, at(s, 200, 206));          // 6.25 from the line, radius 10
        assertEquals(0f, at(s, 200, 215));          // 15.25 from the line
        assertEquals(1f, at(s, 94, 200));           // the round cap reaches 10 past the end
        assertEquals(0f, at(s, 80, 200));
        assertEquals(0.25f, at(s, 200, 210), 1e-4); // 10.25 from the line: a quarter covered
    }

    @Test
    void aDotIsDrawnWithoutMoving() {
        Sketch s = new Sketch();
        s.begin(50, 50, 8, false);
        assertEquals(1f, at(s, 50, 50));
        assertFalse(s.isBlank());
    }

    @Test
    void eraserRemovesInk() {
        Sketch s = new Sketch();
        s.begin(100, 100, 10, false);
        s.extend(300, 100);
        s.begin(200, 80, 12, true);
        s.extend(200, 120);
        assertEquals(0f, at(s, 200, 100));
        assertEquals(1f, at(s, 120, 100));
    }

    @Test
    void undoAndRedoWorkOnWholeStrokes() {
        Sketch s = new Sketch();
        s.begin(100, 100, 10, false);
        s.extend(300, 100);
        s.end();
        float[] one = s.inkCopy();
        s.begin(100, 300, 10, false);
        s.extend(300, 300);
        s.end();
        s.undo();
        assertEquals(java.util.Arrays.toString(one), java.util.Arrays.toString(s.ink()));
        assertTrue(s.canRedo());
        s.redo();
        assertEquals(1f, at(s, 200, 300));
        s.undo();
        s.undo();
        assertTrue(s.isBlank());
        assertFalse(s.canUndo());
    }

    @Test
    void aNewStrokeDropsTheRedoHistory() {
        Sketch s = new Sketch();
        s.begin(100, 100, 10, false);
        s.undo();
        s.begin(200, 200, 10, false);
        assertFalse(s.canRedo());
    }

    @Test
    void clearEmptiesThePadAndBumpsTheVersion() {
        Sketch s = new Sketch();
        s.begin(100, 100, 10, false);
        long v = s.version();
        s.clear();
        assertTrue(s.isBlank());
        assertFalse(s.canUndo());
        assertTrue(s.version() > v);
    }
}
