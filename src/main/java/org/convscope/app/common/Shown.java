package org.convscope.app.common;

import javafx.beans.binding.BooleanBinding;
import javafx.scene.Node;

/**
 * Whether a view is on screen. The app keeps a view once built, and a built view that is not shown must not
 * redo its work (a forward pass, an attack, a new plan) on every stroke drawn in another view: that costs the
 * CPU the shown view needs. A view's root is shown while it is in a scene and visible, which covers both
 * ways the main window may hide it: taking it out of the scene graph, or keeping it there invisible.
 */
public final class Shown {
    private Shown() {
    }

    /**
     * True while {@code root} is in a scene and visible ({@code root} being the node a view's
     * {@code createContent} returns). Its listeners on {@code root} are weak: bind a property to it or hold it.
     */
    public static BooleanBinding of(Node root) {
        return root.sceneProperty().isNotNull().and(root.visibleProperty());
    }
}
