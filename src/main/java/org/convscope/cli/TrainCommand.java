package org.convscope.cli;

import org.convscope.data.Dataset;
import org.convscope.data.InputStyle;
import org.convscope.engine.EarlyStopping;
import org.convscope.engine.FitOptions;
import org.convscope.engine.History;
import org.convscope.engine.LearningRateSchedule;
import org.convscope.engine.Monitor;
import org.convscope.engine.Loss;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Optimizer;
import org.convscope.engine.Model;
import org.convscope.engine.TrainingDivergedException;
import org.convscope.engine.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model on a dataset, printing Keras-style progress, and save it with its training record.",
                "The test set serves as validation data after each epoch, as in the Keras tutorials."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME|FILE",
            description = "A preset (seed-001, lenet5, ...), a pretrained model (mnist-cnn, fashion-cnn), a config .json or a model file (.convscope, Keras .h5 or .keras).")
    String model;

    @Mixin
    InputRangeOption inputRange;

    @Mixin
    DataOptions data;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", paramLabel = "N", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "adam|sgd|rmsprop",
            description = "Optimizer (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default: Keras' own, 0.001 for adam and rmsprop, 0.01 for sgd).")
    Float lr;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the initial weights and the batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to save the trained model (.convscope).")
    Path out;

    @Option(names = "--lr-schedule", defaultValue = "constant", paramLabel = "SCHEDULE",
            description = {"How the learning rate changes from epoch to epoch, starting at --lr (default: ${DEFAULT-VALUE}):",
                    "constant: the same rate throughout;",
                    "step:EVERY:FACTOR: times FACTOR every EVERY epochs (step:10:0.5);",
                    "exponential:RATE: times RATE every epoch (exponential:0.9);",
                    "cosine[:ALPHA]: half a cosine from lr down towards ALPHA*lr over the epochs;",
                    "plateau:PATIENCE:FACTOR[:MIN_LR]: Keras' ReduceLROnPlateau, times FACTOR after PATIENCE epochs"
                            + " without a lower val_loss, never under MIN_LR (plateau:3:0.5)."})
    String lrSchedule;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE",
            description = "Keras' EarlyStopping(monitor='val_loss', patience=PATIENCE): stop once val_loss has not fallen for PATIENCE epochs.")
    Integer earlyStopping;

    @Option(names = "--restore-best-weights", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With --early-stopping, give the model back the weights of its epoch with the lowest val_loss"
                    + " at the end (restore_best_weights=True; default: ${DEFAULT-VALUE}).")
    boolean restoreBestWeights;

    @Option(names = "--history", paramLabel = "FILE",
            description = "Also write the history as Keras' CSVLogger does: epoch,accuracy,loss,lr,val_accuracy,val_loss.")
    Path history;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        boolean terminal = ProgressBar.isTerminal();
        float rate = lr != null ? lr : optimizer.equals("sgd") ? 0.01f : 0.001f;
        LearningRateSchedule schedule = LearningRateSchedule.parse(lrSchedule);
        EarlyStopping stopping = earlyStopping == null ? null : new EarlyStopping(Monitor.VAL_LOSS, earlyStopping, 0, restoreBestWeights);
        Optimizer opt = Optimizer.fromName(optimizer, rate);
        Model m = ModelArg.open(model, seed, inputRange.range(), spec.commandLine().getErr());
        Dataset d = data.load(w, terminal, m.inputShape());
        m = ModelArg.fitPresetToClasses(model, m, d.classNames().size(), seed, w);
        ModelArg.requireFits(m, d);
        if (data.isFolder()) m.setPreprocessing(InputStyle.PICTURE.spec());
        m.setClassNames(d.classNames());
        m.compile(opt, Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        w.printf(Locale.ROOT, "Training %s on %s: %d training images, %d test images; %s lr=%s, batch %d, seed %d%n",
                model, d.name(), d.trainImages().batch(), d.testImages().batch(), optimizer, rate, batchSize, seed);
        w.flush();
        FitOptions options = FitOptions.of(epochs, batchSize, seed).withValidation(d.testImages(), d.testLabels())
                .withSchedule(schedule).withEarlyStopping(stopping);
        long start = System.nanoTime();
        History h;
        try {
            h = m.fit(d.trainImages(), d.trainLabels(), options, new EpochPrinter(w, terminal, !(schedule instanceof LearningRateSchedule.Constant)));
        } catch (TrainingDivergedException e) {
            w.println();
            throw new TrainingDivergedException("training diverged (" + e.getMessage() + "); try a learning rate smaller than "
                    + rate + " (--lr)");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (h.earlyStoppedEpoch() > 0) w.printf(Locale.ROOT, "Epoch %d: early stopping%n", h.earlyStoppedEpoch());
        if (h.restoredEpoch() > 0) w.printf(Locale.ROOT, "Restoring model weights from the end of the best epoch: %d.%n", h.restoredEpoch());
        if (history != null) {
            Files.write(history, History.csv(h.epochs()));
            w.println("History written to " + history);
        }
        Model.Metrics test = m.evaluate(d.testImages(), d.testLabels(), 256);

        m.setName(modelName(out));
        Map<String, String> meta = m.metadata();
        meta.put("dataset", d.name());
        meta.put("command", commandLine());
        meta.put("seed", Long.toString(seed));
        meta.put("epochs", Integer.toString(epochs));
        meta.put("batch_size", Integer.toString(batchSize));
        meta.put("optimizer", optimizer);
        meta.put("learning_rate", Float.toString(rate));
        if (!(schedule instanceof LearningRateSchedule.Constant)) meta.put("lr_schedule", schedule.spec());
        if (stopping != null) {
            meta.put("early_stopping", "patience " + earlyStopping + (restoreBestWeights ? ", restore_best_weights" : ""));
            meta.put("epochs_trained", Integer.toString(h.epochs().size()));
            if (h.restoredEpoch() > 0) meta.put("restored_epoch", Integer.toString(h.restoredEpoch()));
        }
        meta.put("test_loss", String.format(Locale.ROOT, "%.4f", test.loss()));
        meta.put("test_accuracy", String.format(Locale.ROOT, "%.4f", test.accuracy()));
        meta.put("training_seconds", String.format(Locale.ROOT, "%.1f", seconds));
        meta.put("trained_at", Instant.now().toString());
        ModelIO.save(m, out);
        w.printf(Locale.ROOT, "Saved %s (test accuracy %.4f, %.0f s)%n", out, test.accuracy(), seconds);
        return 0;
    }

    /** The command as typed, for the model's record. */
    private String commandLine() {
        return "convscope " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    /**
     * Keras' {@code verbose=1} output: a live bar redrawn with carriage returns on a terminal, and one
     * line per epoch: {@code Epoch 3/10 469/469 - 12s - loss: 0.0431 - accuracy: 0.9868 - val_loss: ... }.
     */
    static final class EpochPrinter implements TrainingListener {
        private final PrintWriter out;
        private final boolean terminal, showRate;
        private long epochStart, lastDraw;
        private int batches;

        /** @param showRate whether epoch lines end in {@code - lr: …}, as Keras' do when a schedule logs it */
        EpochPrinter(PrintWriter out, boolean terminal, boolean showRate) {
            this.out = out;
            this.terminal = terminal;
            this.showRate = showRate;
        }

        @Override
        public void onBatchEnd(BatchLogs logs) {
            long now = System.nanoTime();
            if (logs.batch() == 1) epochStart = now;
            batches = logs.batches();
            if (!terminal || (now - lastDraw < 100_000_000L && logs.batch() < logs.batches())) return;
            lastDraw = now;
            double elapsed = (now - epochStart) / 1e9; // batches 2..batch: the clock starts when batch 1 ends
            long eta = logs.batch() == 1 ? 0 : Math.round(elapsed / (logs.batch() - 1) * (logs.batches() - logs.batch()));
            out.printf(Locale.ROOT, "\rEpoch %d/%d %d/%d %s - ETA: %ds - loss: %.4f - accuracy: %.4f ",
                    logs.epoch(), logs.epochs(), logs.batch(), logs.batches(), ProgressBar.bar((double) logs.batch() / logs.batches(), 30),
                    eta, logs.loss(), logs.accuracy());
            out.flush();
        }

        @Override
        public void onEpochEnd(EpochLogs logs) {
            String line = format(logs, batches) + (showRate ? " - lr: " + kerasNumber(logs.learningRate()) : "");
            // On a terminal, overwrite the bar and erase what is left of it (ANSI "erase to end of line").
            out.println(terminal ? "\r" + line + "\u001b[K" : line);
            out.flush();
        }

        /** As Keras' progress bar prints a figure: {@code %.4f} above 10⁻³, else {@code %.4e} ({@code 5.0000e-04}). */
        static String kerasNumber(double v) {
            return String.format(Locale.ROOT, Math.abs(v) > 1e-3 ? "%.4f" : "%.4e", v);
        }

        static String format(EpochLogs logs, int batches) {
            String line = String.format(Locale.ROOT, "Epoch %d/%d %d/%d - %ds - loss: %.4f - accuracy: %.4f",
                    logs.epoch(), logs.epochs(), batches, batches, Math.round(logs.seconds()), logs.loss(), logs.accuracy());
            if (logs.hasValidation()) {
                line += String.format(Locale.ROOT, " - val_loss: %.4f - val_accuracy: %.4f", logs.valLoss(), logs.valAccuracy());
            }
            return line;
        }
    }

    /** The model is named after its file, as Keras names models: {@code mnist-cnn.convscope → mnist_cnn}. */
    static String modelName(Path file) {
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return stem.replaceAll("[^A-Za-z0-9_]", "_");
    }
}
