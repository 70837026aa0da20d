package org.convscope.engine;

/**
 * Receives progress from {@link Model#fit}, on the training thread. Implementations that
 * feed a UI must hand the (immutable) logs over to the UI thread themselves, coalesced.
 */
public interface TrainingListener {

    /**
     * After each batch. {@code loss} and {@code accuracy} are running means over the epoch so far, as
     * Keras' progress bar shows them; {@code batchLoss}/{@code batchAccuracy} are this batch's own.
     */
    record BatchLogs(int epoch, int epochs, int batch, int batches, int seen,
                     double loss, double accuracy, double batchLoss, double batchAccuracy) {
    }

    /**
     * After each epoch; the validation figures are NaN when there is no validation data. {@code learningRate} is
     * the rate the epoch trained with (Keras' {@code lr} column), as a schedule set it before the epoch.
     */
    record EpochLogs(int epoch, int epochs, double loss, double accuracy,
                     double valLoss, double valAccuracy, double seconds, float learningRate) {
        public boolean hasValidation() {
            return !Double.isNaN(valLoss);
        }
    }

    default void onBatchEnd(BatchLogs logs) {
    }

    default void onEpochEnd(EpochLogs logs) {
    }

    TrainingListener NONE = new TrainingListener() {
    };
}
