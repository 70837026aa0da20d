package org.convscope.app;

import javafx.application.Application;
import javafx.scene.Group;
import javafx.stage.Window;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

/**
 * Puts back JavaFX's default user-agent stylesheet after a test that applied the theme (the setting is global), so that
 * later tests do not depend on the order they run in. The views leave their windows first: restyled without the
 * theme, every looked-up {@code -color-*} of the app's stylesheets would go unresolved and print a warning.
 */
public final class DefaultStylesheet {
    private DefaultStylesheet() {
    }

    /** From the test's thread. */
    public static void restore() throws Exception {
        WaitForAsyncUtils.asyncFx(DefaultStylesheet::restoreOnFxThread).get();
    }

    /** On the FX thread. */
    public static void restoreOnFxThread() {
        for (Window w : List.copyOf(Window.getWindows())) {
            if (w.getScene() != null) w.getScene().setRoot(new Group());
        }
        Application.setUserAgentStylesheet(null);
    }
}
