package org.convscope.app.common;

import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.layout.StackPane;

/**
 * The place of a part of a view that is hidden when the view opens (a page not shown yet, a column switched
 * off, a tab not selected): the part is built with the view, state and listeners included, but joins the
 * scene graph only the first time this place is visible in a window, and then stays. A view's first opening
 * costs per node in the scene graph (each gets its skin, its CSS matched against the stylesheets and its
 * layout), hidden or not, so a part nobody sees yet costs nothing until it is shown.
 * <p>
 * Make the place, not the part, visible or managed. It lays the part out as a {@link StackPane} does.
 */
public final class Deferred extends StackPane {
    private final Node part;

    /** A place for {@code part}, shown while the caller makes it visible. */
    public Deferred(Node part) {
        this.part = part;
        InvalidationListener attach = o -> {
            if (isVisible() && getScene() != null && getChildren().isEmpty()) getChildren().add(part);
        };
        visibleProperty().addListener(attach);
        sceneProperty().addListener(attach);
    }

    /** A place for {@code part} visible while {@code shown} is true. */
    public Deferred(Node part, ObservableBooleanValue shown) {
        this(part);
        visibleProperty().bind(shown);
    }

    /** A tab whose content joins the scene graph the first time the tab is selected. */
    public static Tab tab(String title, Node content) {
        Tab tab = new Tab(title);
        tab.setContent(new Deferred(content, tab.selectedProperty()));
        return tab;
    }

    /** The part, whether or not it is in the scene graph yet (for walks over everything a view offers). */
    public Node part() {
        return part;
    }
}
