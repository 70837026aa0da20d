package org.convscope.app.train;

import org.convscope.engine.EarlyStopping;
import org.convscope.engine.LearningRateSchedule;
import org.convscope.engine.Optimizer;

import java.util.List;

/**
 * The knobs of one training run, named as in Keras: {@code optimizer}, {@code learning_rate},
 * {@code batch_size}, {@code epochs}, dropout rate, batch normalization, L1/L2 kernel penalties,
 * data augmentation (null: none), {@code validation_split} (0 means: validate on the test set), the seed,
 * the learning-rate schedule and early stopping (null: none).
 */
public record TrainSettings(String optimizer, float learningRate, int batchSize, int epochs, float dropout,
                            boolean batchNormalization, float l1, float l2, Augmenter augmentation,
                            double validationSplit, long seed, LearningRateSchedule schedule, EarlyStopping earlyStopping) {

    public static final List<String> OPTIMIZERS = List.of("adam", "sgd", "rmsprop");

    public TrainSettings {
        if (!OPTIMIZERS.contains(optimizer)) throw new IllegalArgumentException("unknown optimizer '" + optimizer + "'");
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be ≥ 1, got " + epochs);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validation split must be in [0, 1), got " + validationSplit);
        }
        if (schedule == null) schedule = new LearningRateSchedule.Constant();
    }

    /** The Keras MNIST tutorial's choices: Adam 0.001, batch 128, 5 epochs, validate on the test set. */
    public static TrainSettings defaults() {
        return new TrainSettings("adam", 1e-3f, 128, 5, 0, false, 0, 0, null, 0, 42, null, null);
    }

    /** Whether batches are augmented. */
    public boolean augment() {
        return augmentation != null;
    }

    /** A fresh optimizer (SGD with momentum 0.9, as the tutorials use it). */
    public Optimizer newOptimizer() {
        return Optimizer.fromName(optimizer, learningRate);
    }
}
