package org.convscope.app.common;

import javafx.scene.layout.Region;
import javafx.scene.shape.SVGPath;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IconTest {

    @Test
    void everyIconIsAThemedPathInASquareBoxOfItsSize() {
        for (Icon icon : Icon.values()) {
            Region box = (Region) icon.node(14);
            assertEquals(14, box.getPrefWidth(), icon.name());
            assertEquals(14, box.getPrefHeight(), icon.name());
            SVGPath path = (SVGPath) box.getChildrenUnmodifiable().get(0);
            assertTrue(path.getStyleClass().contains("ikonli-font-icon"), icon + " is coloured by the theme");
            assertFalse(path.getContent().isBlank(), icon.name());
            // the path stays inside the 24×24 design grid, which the box scales to its size
            var b = path.getBoundsInParent();
            assertTrue(b.getMinX() >= -0.01 && b.getMinY() >= -0.01 && b.getMaxX() <= 14.01 && b.getMaxY() <= 14.01, icon + ": " + b);
        }
    }

    @Test
    void theDefaultSizeIsAtlantaFxIconSize() {
        Region box = (Region) Icon.UNDO.node();
        assertEquals(18, box.getPrefWidth());
        assertEquals(18, box.getMaxHeight());
    }
}
