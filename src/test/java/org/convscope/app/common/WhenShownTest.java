package org.convscope.app.common;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Work asked for while the view is not shown waits, and runs once when it is shown. */
class WhenShownTest {
    private final AtomicInteger runs = new AtomicInteger();
    private final WhenShown work = new WhenShown(runs::incrementAndGet);

    @Test
    void shownByDefaultSoARequestRunsAtOnce() {
        work.request();
        work.request();
        assertEquals(2, runs.get());
    }

    @Test
    void requestsWhileHiddenRunOnceWhenShown() {
        work.shownProperty().set(false);
        work.request();
        work.request();
        work.request();
        assertEquals(0, runs.get());
        work.shownProperty().set(true);
        assertEquals(1, runs.get());
        work.shownProperty().set(false);
        work.shownProperty().set(true);
        assertEquals(1, runs.get(), "nothing was asked for meanwhile");
    }

    @Test
    void aViewHiddenAndShownWithoutRequestsDoesNothing() {
        work.shownProperty().set(false);
        work.shownProperty().set(true);
        assertEquals(0, runs.get());
    }
}
