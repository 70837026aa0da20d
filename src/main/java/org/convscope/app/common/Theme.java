package org.convscope.app.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Parent;

import java.util.Objects;

/**
 * The look of the app: AtlantaFX Primer light or dark as the base, the app stylesheet with its
 * looked-up colours on top, an optional high-contrast palette for washed-out projectors, and one
 * scale factor applied as the root font size (every size in the app stylesheet is in em, so fonts,
 * paddings, strokes and grids grow together).
 */
public final class Theme {
    /** Root font size at scale 1, in px. */
    public static final double BASE_FONT_PX = 14;
    public static final String STYLESHEET =
            Objects.requireNonNull(Theme.class.getResource("/org/convscope/app/common/app.css")).toExternalForm();

    private Theme() {
    }

    /** Applies the theme to a scene's root. Modifies the JavaFX user-agent stylesheet (it is global). */
    public static void apply(Parent root, boolean dark, boolean highContrast, double scale) {
        useBase(dark);
        if (!root.getStylesheets().contains(STYLESHEET)) root.getStylesheets().add(STYLESHEET);
        setStyleClass(root, "dark", dark);
        setStyleClass(root, "light", !dark);
        setStyleClass(root, "high-contrast", highContrast);
        root.setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT_PX * scale));
    }

    /**
     * Makes Primer light or dark the user-agent stylesheet. Called before the first control is made, it also
     * spares start-up the parsing of JavaFX's own Modena stylesheet, which the first control loads when no
     * user-agent stylesheet is set yet.
     */
    public static void useBase(boolean dark) {
        String base = dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
        if (!base.equals(Application.getUserAgentStylesheet())) Application.setUserAgentStylesheet(base);
    }

    private static void setStyleClass(Parent node, String styleClass, boolean on) {
        if (on && !node.getStyleClass().contains(styleClass)) node.getStyleClass().add(styleClass);
        if (!on) node.getStyleClass().remove(styleClass);
    }
}
