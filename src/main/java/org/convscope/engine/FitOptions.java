package org.convscope.engine;

import java.util.function.BooleanSupplier;

/**
 * How {@link Model#fit} runs: epochs, batch size, shuffling seed, optional validation data, a stop request
 * checked between batches, a learning-rate schedule (constant when not given) and early stopping (none when
 * null) — Keras' {@code LearningRateScheduler}/{@code ReduceLROnPlateau} and {@code EarlyStopping} callbacks.
 */
public record FitOptions(int epochs, int batchSize, boolean shuffle, long seed,
                         Tensor validationX, Tensor validationY, BooleanSupplier stopRequested,
                         LearningRateSchedule schedule, EarlyStopping earlyStopping) {

    public FitOptions {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be ≥ 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        if ((validationX == null) != (validationY == null)) {
            throw new IllegalArgumentException("validation data needs both inputs and targets");
        }
        if (stopRequested == null) stopRequested = () -> false;
        if (schedule == null) schedule = new LearningRateSchedule.Constant();
    }

    public static FitOptions of(int epochs, int batchSize, long seed) {
        return new FitOptions(epochs, batchSize, true, seed, null, null, null, null, null);
    }

    public FitOptions withValidation(Tensor x, Tensor y) {
        return new FitOptions(epochs, batchSize, shuffle, seed, x, y, stopRequested, schedule, earlyStopping);
    }

    public FitOptions withStop(BooleanSupplier stop) {
        return new FitOptions(epochs, batchSize, shuffle, seed, validationX, validationY, stop, schedule, earlyStopping);
    }

    public FitOptions withSchedule(LearningRateSchedule s) {
        return new FitOptions(epochs, batchSize, shuffle, seed, validationX, validationY, stopRequested, s, earlyStopping);
    }

    /** @param e early stopping, or null for none */
    public FitOptions withEarlyStopping(EarlyStopping e) {
        return new FitOptions(epochs, batchSize, shuffle, seed, validationX, validationY, stopRequested, schedule, e);
    }
}
