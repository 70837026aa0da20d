package org.convscope.engine;

import java.util.function.BooleanSupplier;

/**
 * How {@link Model#fit} runs: epochs, batch size, shuffling seed, optional validation data,
 * and a stop request checked between batches.
 */
public record FitOptions(int epochs, int batchSize, boolean shuffle, long seed,
                         Tensor validationX, Tensor validationY, BooleanSupplier stopRequested) {

    public FitOptions {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be ≥ 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        if ((validationX == null) != (validationY == null)) {
            throw new IllegalArgumentException("validation data needs both inputs and targets");
        }
        if (stopRequested == null) stopRequested = () -> false;
    }

    public static FitOptions of(int epochs, int batchSize, long seed) {
        return new FitOptions(epochs, batchSize, true, seed, null, null, null);
    }

    public FitOptions withValidation(Tensor x, Tensor y) {
        return new FitOptions(epochs, batchSize, shuffle, seed, x, y, stopRequested);
    }

    public FitOptions withStop(BooleanSupplier stop) {
        return new FitOptions(epochs, batchSize, shuffle, seed, validationX, validationY, stop);
    }
}
