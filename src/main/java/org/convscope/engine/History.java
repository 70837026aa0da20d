package org.convscope.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keras' History: one entry per finished epoch, and whether the run was stopped early. */
public final class History {
    private final List<TrainingListener.EpochLogs> epochs = new ArrayList<>();
    private boolean stopped;

    void add(TrainingListener.EpochLogs logs) {
        epochs.add(logs);
    }

    void markStopped() {
        stopped = true;
    }

    public List<TrainingListener.EpochLogs> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** True when {@link FitOptions#stopRequested()} ended the run before its last epoch. */
    public boolean stopped() {
        return stopped;
    }

    public TrainingListener.EpochLogs last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }
}
