package org.convscope.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Keras' History: one entry per finished epoch, whether the run was stopped by request, and where early
 * stopping ended it and whose weights it restored.
 */
public final class History {
    private final List<TrainingListener.EpochLogs> epochs = new ArrayList<>();
    private boolean stopped;
    private int earlyStoppedEpoch, restoredEpoch;

    void add(TrainingListener.EpochLogs logs) {
        epochs.add(logs);
    }

    void markStopped() {
        stopped = true;
    }

    void markEarlyStopping(int stoppedAt, int restored) {
        earlyStoppedEpoch = stoppedAt;
        restoredEpoch = restored;
    }

    public List<TrainingListener.EpochLogs> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** True when {@link FitOptions#stopRequested()} ended the run before its last epoch. */
    public boolean stopped() {
        return stopped;
    }

    /** The epoch (1-based) after which early stopping ended the run, or 0 when it did not. */
    public int earlyStoppedEpoch() {
        return earlyStoppedEpoch;
    }

    /** The epoch (1-based) whose weights early stopping put back at the end, or 0 when none were. */
    public int restoredEpoch() {
        return restoredEpoch;
    }

    public TrainingListener.EpochLogs last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /**
     * The epochs as Keras' {@code CSVLogger} writes them: a header of {@code epoch} and the logs' keys in sorted
     * order ({@code accuracy,loss,lr,val_accuracy,val_loss}), epochs counted from 0, an empty cell for a figure
     * there is none of (no validation data), the rate written out in decimals.
     */
    public static List<String> csv(List<TrainingListener.EpochLogs> epochs) {
        List<String> rows = new ArrayList<>();
        rows.add("epoch,accuracy,loss,lr,val_accuracy,val_loss");
        for (TrainingListener.EpochLogs e : epochs) {
            rows.add(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s", e.epoch() - 1, num(e.accuracy()), num(e.loss()),
                    rate(e.learningRate()), num(e.valAccuracy()), num(e.valLoss())));
        }
        return rows;
    }

    /** The float's shortest decimal, written out: 0.001, 0.0005 (not 5.0E-4). */
    private static String rate(float lr) {
        return new java.math.BigDecimal(Float.toString(lr)).stripTrailingZeros().toPlainString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
