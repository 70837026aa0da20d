package org.convscope.app;

import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;

/** The JavaFX thread for view-model tests that need no stage: started once, and work run on it. */
public final class FxThread {
    private FxThread() {
    }

    /** Starts the JavaFX toolkit unless another test class already has. */
    public static void start() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // another test class started it
        }
    }

    /** Runs work on the FX thread, then lets the tasks' handlers it posted (with runLater) run too. */
    public static <T> T call(Callable<T> work) throws Exception {
        T result = WaitForAsyncUtils.asyncFx(work).get();
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }
}
