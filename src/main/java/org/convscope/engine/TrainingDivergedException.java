package org.convscope.engine;

/**
 * The loss or a gradient became NaN or infinite. Thrown before the offending update is applied,
 * so the model keeps its last good weights.
 */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
