package org.convscope.app.train;

import javafx.concurrent.Task;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a {@link TrainingRun} as a JavaFX {@link Task}. Snapshots go out through
 * {@link #updateValue}, which hands only the newest one to the FX thread per pulse: the UI never
 * gets one {@code runLater} per batch, and loses nothing because snapshots are cumulative.
 */
final class TrainingTask extends Task<TrainingSnapshot> {
    private final TrainingRun run;

    /** @param newRun makes the run, given where it must publish its snapshots */
    TrainingTask(Function<Consumer<TrainingSnapshot>, TrainingRun> newRun) {
        this.run = newRun.apply(this::updateValue);
    }

    TrainingRun trainingRun() {
        return run;
    }

    @Override
    protected TrainingSnapshot call() {
        return run.run();
    }
}
