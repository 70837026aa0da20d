package org.convscope.app.common;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/**
 * Owns the {@link Timeline} of a step-through: while the view-model is playing and its view is shown
 * it calls {@link StepperViewModel#next()} {@code speed} times a second (switched away, the animation
 * waits where it is). Nothing else, so the view-model stays testable without a clock.
 */
public final class StepPlayer {
    private final StepperViewModel<?> model;
    private Timeline timeline;

    public StepPlayer(StepperViewModel<?> model) {
        this.model = model;
        model.playingProperty().addListener((o, was, now) -> restart());
        model.shownProperty().addListener((o, was, now) -> restart());
        model.speedProperty().addListener((o, was, now) -> restart());
    }

    private void restart() {
        stop();
        if (!model.playingProperty().get() || !model.shownProperty().get()) return;
        double perSecond = Math.max(0.25, model.speedProperty().get());
        timeline = new Timeline(new KeyFrame(Duration.seconds(1 / perSecond), e -> model.next()));
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.play();
    }

    /** Whether the timeline runs; for tests. */
    boolean ticking() {
        return timeline != null;
    }

    private void stop() {
        if (timeline != null) timeline.stop();
        timeline = null;
    }
}
