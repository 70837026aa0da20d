package org.convscope.app;

import javafx.scene.Parent;
import javafx.scene.Scene;
import org.convscope.app.common.Theme;

/**
 * A scene for a view under test with the app's own theme (Primer light and the app stylesheet, as the shell applies
 * them): the views' stylesheets look their colours up from it, and without it JavaFX warns of every lookup it
 * cannot resolve.
 */
public final class Themed {
    private Themed() {
    }

    public static Scene scene(Parent root, double width, double height) {
        Theme.apply(root, false, false, 1.0);
        return new Scene(root, width, height);
    }
}
