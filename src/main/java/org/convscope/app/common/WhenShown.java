package org.convscope.app.common;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * A view-model's work that only matters on screen (see {@link Shown}): {@link #request()} runs it at once while
 * the view is shown and otherwise only remembers that it is due; when the view is shown again the work runs
 * once, however many requests came meanwhile, and not at all when none came. FX thread.
 */
public final class WhenShown {
    private final Runnable work;
    // true until a view binds it: a view-model made alone (as in its unit tests) works at once
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", true);
    private boolean due;

    public WhenShown(Runnable work) {
        this.work = work;
        shown.addListener((obs, was, now) -> {
            if (now && due) {
                due = false;
                work.run();
            }
        });
    }

    /** Whether the view is shown; a view binds it to {@link Shown#of} its root. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** Runs the work now if shown, else when next shown. */
    public void request() {
        if (shown.get()) work.run();
        else due = true;
    }
}
