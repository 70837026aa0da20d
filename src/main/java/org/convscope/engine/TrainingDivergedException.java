package org.convscope.engine;

/**
 * The loss, a gradient or an updated weight became NaN or infinite. Every param is put back as it
 * was before that step, so the model keeps its last good weights.
 */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
