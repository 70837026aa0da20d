package org.convscope.app.train;

import org.convscope.app.train.TrainingSnapshot.BatchPoint;
import org.convscope.app.train.TrainingSnapshot.Phase;
import org.convscope.data.Dataset;
import org.convscope.engine.EarlyStopping;
import org.convscope.engine.LearningRateSchedule;
import org.convscope.engine.Loss;
import org.convscope.engine.Param;
import org.convscope.engine.Rng;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.convscope.engine.Transfer;
import org.convscope.engine.TrainingDivergedException;
import org.convscope.engine.TrainingListener.EpochLogs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One training run on the calling thread, as Keras' {@code fit} does it, plus what a classroom
 * needs: pause and stop between batches, the learning rate changed while running, per-batch
 * augmentation, and snapshots for the UI. The settings' learning-rate schedule and early stopping
 * work as in {@link Model#fit}: the same engine objects, asked at the same points of the loop. Pure (no JavaFX); {@link TrainingTask} runs it off the
 * FX thread.
 * <p>
 * The loop is written here rather than calling {@link Model#fit} because augmentation
 * changes every batch and pausing must hold the thread between two batches.
 */
public final class TrainingRun {
    private final Model model;
    private final Dataset dataset;
    private final TrainSettings settings;
    private final Tensor trainX, trainY, valX, valY; // (N, H, W, C) and (N)
    private final int modelEveryBatches;
    private final long publishIntervalNanos;
    private final Consumer<TrainingSnapshot> publisher;

    private final Object gate = new Object();
    private boolean paused, stopRequested; // guarded by gate

    private final List<BatchPoint> batchPoints = new ArrayList<>();
    private final List<EpochLogs> epochPoints = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private long lastPublish;
    private Model lastCopy;
    private int lastCopyStep;
    private int earlyStoppedEpoch, restoredEpoch; // 0 until early stopping ends the run and restores an epoch's weights

    /**
     * @param model             built and compiled; trained in place by {@link #run()}
     * @param modelEveryBatches how often a copy of the model is published for the other views
     * @param publishIntervalMs the least time between two snapshots (epoch ends and pauses always publish)
     * @param publisher         receives snapshots on the training thread; must not block
     */
    public TrainingRun(Model model, Dataset dataset, TrainSettings settings, int modelEveryBatches,
                       long publishIntervalMs, Consumer<TrainingSnapshot> publisher) {
        this.model = model;
        this.dataset = dataset;
        this.settings = settings;
        this.modelEveryBatches = modelEveryBatches;
        this.publishIntervalNanos = publishIntervalMs * 1_000_000;
        this.publisher = publisher;
        int n = dataset.trainImages().batch();
        int nVal = (int) Math.round(n * settings.validationSplit());
        if (nVal > 0 && nVal < n) {
            // Keras' validation_split: the last fraction of the training data, taken before shuffling
            trainX = dataset.trainImages().slice(0, n - nVal);
            trainY = dataset.trainLabels().slice(0, n - nVal);
            valX = dataset.trainImages().slice(n - nVal, n);
            valY = dataset.trainLabels().slice(n - nVal, n);
        } else {
            trainX = dataset.trainImages();
            trainY = dataset.trainLabels();
            boolean hasTest = dataset.testImages().batch() > 0;
            valX = hasTest ? dataset.testImages() : null;
            valY = hasTest ? dataset.testLabels() : null;
        }
    }

    /**
     * Builds, compiles and wraps the model the settings and rows describe; with {@code startFrom} (else null) its
     * layers start from that model's weights where they still fit ({@link Transfer#copyMatchingWeights}).
     */
    public static TrainingRun create(List<LayerSpec> rows, Dataset dataset, TrainSettings settings, Model startFrom,
                                     int modelEveryBatches, long publishIntervalMs, Consumer<TrainingSnapshot> publisher) {
        Model model = Architecture.build(dataset.trainImages().exampleShape(), rows, settings)
                .setClassNames(dataset.classNames());
        if (startFrom != null) {
            long withWeights = model.layers().stream().filter(l -> !l.params().isEmpty()).count();
            int copied = Transfer.copyMatchingWeights(startFrom, model);
            model.metadata().put("started_from", String.format(Locale.ROOT, "%s (its weights in %d of %d layers with weights)",
                    startFrom.name(), copied, withWeights));
        }
        model.compile(settings.newOptimizer(), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        model.metadata().put("dataset", dataset.name());
        return new TrainingRun(model, dataset, settings, modelEveryBatches, publishIntervalMs, publisher);
    }

    // ---- control, from any thread ------------------------------------------------------------

    /** Ends the run before the next batch; the model keeps the weights of the last finished batch. */
    public void stop() {
        synchronized (gate) {
            stopRequested = true;
            gate.notifyAll();
        }
    }

    /** Holds (true) or releases (false) the training thread before the next batch. */
    public void setPaused(boolean pause) {
        synchronized (gate) {
            paused = pause;
            gate.notifyAll();
        }
    }

    /** Takes effect from the next batch (the optimizer reads it once per step). */
    public void setLearningRate(float learningRate) {
        model.optimizer().setLearningRate(learningRate);
    }

    public Model model() {
        return model;
    }

    // ---- the run --------------------------------------------------------------------------------

    /** Trains, then evaluates on the test set. Returns the last snapshot (also published). */
    public TrainingSnapshot run() {
        int n = trainX.batch(), bs = settings.batchSize(), epochs = settings.epochs();
        int batches = (n + bs - 1) / bs;
        Rng rng = new Rng(settings.seed());
        Rng shuffler = rng.split(), augRng = rng.split();
        Augmenter augmenter = settings.augmentation();
        LearningRateSchedule.Scheduler scheduler = settings.schedule().start(model.optimizer().learningRate(), epochs, valX != null);
        EarlyStopping.Run stopping = settings.earlyStopping() == null ? null : settings.earlyStopping().start(model, valX != null);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        float lr = model.optimizer().learningRate();
        if (model.metadata().containsKey("started_from")) log.add("Starting from " + model.metadata().get("started_from"));
        log.add(String.format(Locale.ROOT, "Train on %,d images, validate on %s; %s, learning_rate=%s, batch_size=%d",
                n, valX == null ? "nothing" : String.format(Locale.ROOT, "%,d images", valX.batch()),
                model.optimizer().name(), fmtRate(lr), bs));
        if (!(settings.schedule() instanceof LearningRateSchedule.Constant)) log.add("Learning-rate schedule: " + settings.schedule().spec());
        if (stopping != null) log.add(describe(settings.earlyStopping()));
        double secondsPerBatch = Double.NaN;
        int step = 0, epoch = 0, b = 0;
        String message = null;
        Phase end = Phase.FINISHED;
        try {
            for (epoch = 1; epoch <= epochs; epoch++) {
                log.add("Epoch " + epoch + "/" + epochs);
                model.optimizer().setLearningRate(scheduler.beforeEpoch(epoch, model.optimizer().learningRate()));
                shuffler.shuffle(order);
                double lossSum = 0, correct = 0, epochSeconds = 0;
                int seen = 0;
                for (b = 0; b < batches; b++) {
                    if (!awaitGo(epoch, epochs, b, batches)) {
                        end = Phase.STOPPED;
                        message = "Stopped at epoch " + epoch + ", batch " + b + "/" + batches + ". The model keeps its weights so far.";
                        break;
                    }
                    long t0 = System.nanoTime();
                    float current = model.optimizer().learningRate();
                    if (current != lr) {
                        lr = current;
                        log.add("learning_rate set to " + fmtRate(lr));
                    }
                    int from = b * bs, to = Math.min(n, from + bs);
                    Tensor xb = trainX.gather(order, from, to); // (B, H, W, C)
                    if (augmenter != null) xb = augmenter.augment(xb, augRng);
                    Model.Metrics m = model.trainStep(xb, trainY.gather(order, from, to));
                    double s = (System.nanoTime() - t0) / 1e9;
                    epochSeconds += s;
                    secondsPerBatch = Double.isNaN(secondsPerBatch) ? s : 0.9 * secondsPerBatch + 0.1 * s;
                    step++;
                    lossSum += m.loss() * (to - from);
                    correct += m.accuracy() * (to - from);
                    seen += to - from;
                    batchPoints.add(new BatchPoint(step, epoch - 1 + (b + 1) / (double) batches, m.loss(), m.accuracy(), lr));
                    Model copy = step % modelEveryBatches == 0 ? copyModel(step) : null;
                    double left = secondsPerBatch * ((epochs - epoch) * batches + batches - b - 1);
                    String line = progressLine(b + 1, batches, left, lossSum / seen, correct / seen);
                    boolean due = System.nanoTime() - lastPublish >= publishIntervalNanos || copy != null;
                    if (due) publish(Phase.RUNNING, epoch, epochs, b + 1, batches, bs / secondsPerBatch, left, line, copy, null, null);
                }
                if (end == Phase.STOPPED) break;
                Model.Metrics val = valX == null ? new Model.Metrics(Double.NaN, Double.NaN) : model.evaluate(valX, valY, 256);
                EpochLogs e = new EpochLogs(epoch, epochs, lossSum / seen, correct / seen, val.loss(), val.accuracy(), epochSeconds, lr);
                epochPoints.add(e);
                log.add(epochLine(e, batches));
                model.optimizer().setLearningRate(scheduler.afterEpoch(e, model.optimizer().learningRate()));
                if (stopping != null && stopping.afterEpoch(e)) {
                    earlyStoppedEpoch = epoch;
                    log.add(String.format(Locale.ROOT, "Epoch %d: early stopping (%s has not improved on %.4f, at epoch %d, for %d epochs)",
                            epoch, settings.earlyStopping().monitor(), stopping.best(), stopping.bestEpoch(), settings.earlyStopping().patience()));
                }
                publish(Phase.RUNNING, epoch, epochs, batches, batches, bs / secondsPerBatch,
                        secondsPerBatch * (epochs - epoch) * batches, log.get(log.size() - 1), null, null, null);
                if (earlyStoppedEpoch > 0) break;
            }
        } catch (TrainingDivergedException e) {
            end = Phase.DIVERGED;
            message = "Training stopped at epoch " + epoch + ", batch " + (b + 1) + ": " + e.getMessage()
                    + ". The learning rate (" + fmtRate(lr) + ") is probably too large. " + restoreLastGoodWeights();
        }
        if (message != null) log.add(message);
        if (stopping != null && end == Phase.FINISHED) {
            restoredEpoch = stopping.restoreBest();
            if (restoredEpoch > 0) log.add("Restoring model weights from the end of the best epoch: " + restoredEpoch + ".");
        }
        Evaluation evaluation = dataset.testImages().batch() == 0 ? null
                : Evaluation.of(model, dataset.testImages(), dataset.testLabels(), dataset.classNames());
        if (evaluation != null) {
            log.add(String.format(Locale.ROOT, "Test accuracy: %.4f", evaluation.accuracy()));
            model.metadata().put("test_accuracy", String.format(Locale.ROOT, "%.4f", evaluation.accuracy()));
        }
        int lastEpoch = Math.min(epoch, epochs);
        return publish(end, lastEpoch, epochs, end == Phase.FINISHED ? batches : b, batches, 0, 0,
                message != null ? message : log.get(log.size() - 1), model.copy(), evaluation, message);
    }

    /**
     * The engine refuses a diverging update, so the weights are normally still good; but a forward
     * pass in training mode may already have fed NaN into batch-normalization statistics. In that
     * case the last published copy is put back.
     */
    private String restoreLastGoodWeights() {
        boolean finite = model.params().stream().allMatch(p -> p.value.isFinite());
        if (finite) return "The weights from before that step are kept.";
        if (lastCopy == null) return "No good weights were saved yet.";
        List<Param> now = model.params(), good = lastCopy.params();
        for (int i = 0; i < now.size(); i++) {
            System.arraycopy(good.get(i).value.data, 0, now.get(i).value.data, 0, now.get(i).size());
        }
        return "The weights from batch " + lastCopyStep + " are kept.";
    }

    private Model copyModel(int step) {
        lastCopy = model.copy();
        lastCopyStep = step;
        return lastCopy.copy(); // the UI's own, so the kept one stays untouched
    }

    /** Waits while paused; false when a stop was requested. */
    private boolean awaitGo(int epoch, int epochs, int batch, int batches) {
        synchronized (gate) {
            if (paused && !stopRequested) {
                log.add("Paused at epoch " + epoch + ", batch " + batch + "/" + batches);
                publish(Phase.PAUSED, epoch, epochs, batch, batches, 0, Double.NaN, "Paused", null, null, null);
            }
            while (paused && !stopRequested) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopRequested = true;
                }
            }
            return !stopRequested;
        }
    }

    private TrainingSnapshot publish(Phase phase, int epoch, int epochs, int batch, int batches, double imagesPerSecond,
                                     double secondsLeft, String line, Model copy, Evaluation evaluation, String message) {
        TrainingSnapshot s = new TrainingSnapshot(phase, epoch, epochs, batch, batches, imagesPerSecond, secondsLeft, line,
                List.copyOf(batchPoints), List.copyOf(epochPoints), List.copyOf(log), copy, evaluation, message,
                earlyStoppedEpoch, restoredEpoch);
        lastPublish = System.nanoTime();
        publisher.accept(s);
        return s;
    }

    // ---- Keras-style text ---------------------------------------------------------------------

    /** As Python writes it: {@code EarlyStopping(monitor='val_loss', patience=3, restore_best_weights=True)} */
    static String describe(EarlyStopping e) {
        return "EarlyStopping(monitor='" + e.monitor() + "', patience=" + e.patience()
                + (e.minDelta() > 0 ? ", min_delta=" + e.minDelta() : "") + ", restore_best_weights=" + (e.restoreBestWeights() ? "True" : "False") + ")";
    }

    /** {@code 120/469 [=======>......................] - ETA: 31s - loss: 0.3121 - accuracy: 0.9050} */
    static String progressLine(int batch, int batches, double secondsLeft, double loss, double accuracy) {
        return String.format(Locale.ROOT, "%d/%d %s - ETA: %s - loss: %.4f - accuracy: %.4f",
                batch, batches, bar(batch, batches), duration(secondsLeft), loss, accuracy);
    }

    /** {@code 469/469 [==============================] - 12s 25ms/step - loss: 0.23 - accuracy: 0.93 - val_loss: ... } */
    static String epochLine(EpochLogs e, int batches) {
        String line = String.format(Locale.ROOT, "%d/%d %s - %.0fs %.0fms/step - loss: %.4f - accuracy: %.4f",
                batches, batches, bar(batches, batches), e.seconds(), 1000 * e.seconds() / batches, e.loss(), e.accuracy());
        if (e.hasValidation()) line += String.format(Locale.ROOT, " - val_loss: %.4f - val_accuracy: %.4f", e.valLoss(), e.valAccuracy());
        return line;
    }

    private static String bar(int done, int total) {
        int width = 30, full = (int) ((long) width * done / total);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < width; i++) sb.append(i < full ? '=' : i == full ? '>' : '.');
        return sb.append(']').toString();
    }

    /** 75 → "1:15", 8 → "8s", NaN → "?". */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds)) return "?";
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    static String fmtRate(float lr) {
        return Float.toString(lr).replace(".0E", "e").replace('E', 'e'); // 0.001, 1e-4, 2.5e-4
    }
}
