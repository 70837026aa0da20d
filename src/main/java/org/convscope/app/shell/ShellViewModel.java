package org.convscope.app.shell;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.convscope.app.common.Settings;

/**
 * The shell's state: which view is shown, theme, zoom and presentation mode. Remembered between
 * runs through {@link Settings}.
 */
public final class ShellViewModel {
    /** Zoom steps for Ctrl+= and Ctrl+−, as scale factors. */
    static final double[] ZOOM_STEPS = {0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0};
    /** Presentation mode scales everything up by this much on top of the zoom. */
    static final double PRESENTATION_SCALE = 1.5;

    // ---- Properties ----------------------------------------------------------------------------
    private final IntegerProperty selectedView = new SimpleIntegerProperty(this, "selectedView", 0);
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark", false);
    private final BooleanProperty highContrast = new SimpleBooleanProperty(this, "highContrast", false);
    private final BooleanProperty presentation = new SimpleBooleanProperty(this, "presentation", false);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1.0);
    private final DoubleBinding scale = Bindings.createDoubleBinding(
            () -> zoom.get() * (presentation.get() ? PRESENTATION_SCALE : 1.0), zoom, presentation);
    private double windowWidth = 1280;
    private double windowHeight = 820;

    public IntegerProperty selectedViewProperty() {
        return selectedView;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    /** Stronger colours and thicker lines that survive a washed-out projector. */
    public BooleanProperty highContrastProperty() {
        return highContrast;
    }

    /** Full screen and everything scaled up by {@link #PRESENTATION_SCALE}. */
    public BooleanProperty presentationProperty() {
        return presentation;
    }

    /** The user's zoom, one of {@link #ZOOM_STEPS}. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** The scale the window is drawn at: zoom, times {@link #PRESENTATION_SCALE} in presentation mode. */
    public DoubleBinding scale() {
        return scale;
    }

    public double windowWidth() {
        return windowWidth;
    }

    public double windowHeight() {
        return windowHeight;
    }

    // ---- Commands ------------------------------------------------------------------------------

    public void zoomIn() {
        for (double z : ZOOM_STEPS) {
            if (z > zoom.get() + 1e-9) {
                zoom.set(z);
                return;
            }
        }
    }

    public void zoomOut() {
        for (int i = ZOOM_STEPS.length - 1; i >= 0; i--) {
            if (ZOOM_STEPS[i] < zoom.get() - 1e-9) {
                zoom.set(ZOOM_STEPS[i]);
                return;
            }
        }
    }

    public void resetZoom() {
        zoom.set(1.0);
    }

    public void togglePresentation() {
        presentation.set(!presentation.get());
    }

    /** Takes theme, zoom and window size from the settings. */
    public void restore(Settings s) {
        dark.set(s.getBoolean("theme.dark", false));
        highContrast.set(s.getBoolean("theme.highContrast", false));
        zoom.set(s.getDouble("zoom", 1.0, ZOOM_STEPS[0], ZOOM_STEPS[ZOOM_STEPS.length - 1]));
        windowWidth = s.getDouble("window.width", windowWidth, 640, 10_000);
        windowHeight = s.getDouble("window.height", windowHeight, 480, 10_000);
    }

    /** Puts theme, zoom and the window size into the settings (the caller saves them). */
    public void store(Settings s, double width, double height) {
        s.put("theme.dark", dark.get());
        s.put("theme.highContrast", highContrast.get());
        s.put("zoom", zoom.get());
        s.put("window.width", width);
        s.put("window.height", height);
    }
}
