package org.convscope.engine;

import org.convscope.engine.TrainingListener.EpochLogs;

/**
 * The epoch figure a callback watches, as Keras names it ({@code monitor="val_loss"}), and which way is
 * better: losses fall ({@code mode="min"}), accuracies rise ({@code mode="max"}).
 */
public enum Monitor {
    LOSS("loss", false), ACCURACY("accuracy", true), VAL_LOSS("val_loss", false), VAL_ACCURACY("val_accuracy", true);

    public final String kerasName;
    private final boolean higherIsBetter;

    Monitor(String kerasName, boolean higherIsBetter) {
        this.kerasName = kerasName;
        this.higherIsBetter = higherIsBetter;
    }

    public boolean needsValidation() {
        return this == VAL_LOSS || this == VAL_ACCURACY;
    }

    /** This figure of one epoch. */
    public double of(EpochLogs logs) {
        return switch (this) {
            case LOSS -> logs.loss();
            case ACCURACY -> logs.accuracy();
            case VAL_LOSS -> logs.valLoss();
            case VAL_ACCURACY -> logs.valAccuracy();
        };
    }

    /** The worst possible value, where a run's "best so far" starts (Keras' {@code np.Inf} or {@code -np.Inf}). */
    public double worst() {
        return higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Keras' {@code monitor_op}: {@code current < best − minDelta} for a loss, {@code current > best + minDelta} for an accuracy. */
    public boolean improves(double current, double best, double minDelta) {
        return higherIsBetter ? current > best + minDelta : current < best - minDelta;
    }

    /** @throws IllegalArgumentException for a name other than loss, accuracy, val_loss, val_accuracy */
    public static Monitor of(String kerasName) {
        for (Monitor m : values()) if (m.kerasName.equals(kerasName)) return m;
        throw new IllegalArgumentException("unknown monitor '" + kerasName + "' (known: loss, accuracy, val_loss, val_accuracy)");
    }

    /** @throws IllegalArgumentException when this figure needs validation data and there is none */
    void requireAvailable(boolean hasValidation, String who) {
        if (needsValidation() && !hasValidation) {
            throw new IllegalArgumentException(who + " monitors " + kerasName + ", but there is no validation data"
                    + " (give validation data, or monitor " + (this == VAL_LOSS ? "loss" : "accuracy") + ")");
        }
    }

    @Override
    public String toString() {
        return kerasName;
    }
}
