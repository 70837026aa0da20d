package org.convscope.app.train;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.scene.chart.XYChart;
import org.convscope.app.AppContext;
import org.convscope.app.common.Background;
import org.convscope.app.common.ModelFiles;
import org.convscope.app.train.TrainingSnapshot.BatchPoint;
import org.convscope.app.train.TrainingSnapshot.Phase;
import org.convscope.data.Dataset;
import org.convscope.engine.Presets;
import org.convscope.data.DatasetFit;
import org.convscope.engine.EarlyStopping;
import org.convscope.engine.LearningRateSchedule;
import org.convscope.engine.Loss;
import org.convscope.engine.Monitor;
import org.convscope.engine.Rng;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.convscope.engine.TrainingListener.EpochLogs;
import org.convscope.engine.keras.KerasCode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.DoubleConsumer;

/**
 * State of the training view: the data, the architecture being edited, the knobs, the run in
 * progress (charts, progress, log) and its evaluation. All properties live on the FX thread;
 * loading and training run on {@code worker} as {@link Task}s.
 */
public final class TrainViewModel {
    /** Titles of the views an image can be opened in (as the shell lists them). */
    public static final String DRAW_VIEW = org.convscope.app.draw.DrawView.TITLE, MAPS_VIEW = org.convscope.app.maps.MapsView.TITLE;
    /** The most points a chart series holds; longer histories are thinned evenly. */
    public static final int MAX_CHART_POINTS = 400;
    /** Rows (one training image of a class each) and augmented versions per row in the augmentation grid. */
    public static final int AUGMENTATION_ROWS = 4, AUGMENTATION_VARIANTS = 5;

    private final AppContext context;
    private final Executor worker;

    // ---- Properties: data --------------------------------------------------------------------
    private final ObservableList<DatasetSource> sources = FXCollections.observableArrayList();
    private final ObjectProperty<DatasetSource> source = new SimpleObjectProperty<>(this, "source");
    private final ReadOnlyObjectWrapper<Dataset> dataset = new ReadOnlyObjectWrapper<>(this, "dataset");
    private final ReadOnlyStringWrapper dataStatus = new ReadOnlyStringWrapper(this, "dataStatus", "");
    private final ReadOnlyBooleanWrapper dataBusy = new ReadOnlyBooleanWrapper(this, "dataBusy");
    private final ReadOnlyBooleanWrapper dataMissing = new ReadOnlyBooleanWrapper(this, "dataMissing");
    private final ReadOnlyDoubleWrapper downloadProgress = new ReadOnlyDoubleWrapper(this, "downloadProgress", -1);

    // ---- Properties: architecture ------------------------------------------------------------
    /** The choice of {@link #presetProperty()} that starts from the model the other views use, weights and all. */
    public static final String MODEL_IN_USE = "the model in use";
    private final StringProperty preset = new SimpleStringProperty(this, "preset");
    private final ObservableList<LayerSpec> layers = FXCollections.observableArrayList();
    private final ObservableList<Architecture.Check> checks = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper architectureValid = new ReadOnlyBooleanWrapper(this, "architectureValid");
    private final ReadOnlyStringWrapper architectureSummary = new ReadOnlyStringWrapper(this, "architectureSummary", "");
    /** When the chosen preset's own input is not the data's: says so, and the two ways out; "" when they agree. */
    private final ReadOnlyStringWrapper inputNotice = new ReadOnlyStringWrapper(this, "inputNotice", "");
    private final ReadOnlyBooleanWrapper inputChoiceOpen = new ReadOnlyBooleanWrapper(this, "inputChoiceOpen", false);
    private Shape presetInput; // the chosen preset's own input shape; null for the model in use
    private final ReadOnlyStringWrapper architectureProblem = new ReadOnlyStringWrapper(this, "architectureProblem", "");

    // ---- Properties: knobs (Keras names) ------------------------------------------------------
    private final StringProperty optimizer = new SimpleStringProperty(this, "optimizer");
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate");
    private final IntegerProperty batchSize = new SimpleIntegerProperty(this, "batchSize");
    private final IntegerProperty epochs = new SimpleIntegerProperty(this, "epochs");
    private final DoubleProperty dropout = new SimpleDoubleProperty(this, "dropout");
    private final BooleanProperty batchNormalization = new SimpleBooleanProperty(this, "batchNormalization");
    private final DoubleProperty l1 = new SimpleDoubleProperty(this, "l1");
    private final DoubleProperty l2 = new SimpleDoubleProperty(this, "l2");
    private final BooleanProperty augment = new SimpleBooleanProperty(this, "augment");
    private final IntegerProperty augmentShift = new SimpleIntegerProperty(this, "augmentShift", 2);
    private final DoubleProperty augmentDegrees = new SimpleDoubleProperty(this, "augmentDegrees", 10);
    /** The learning-rate schedule as {@link LearningRateSchedule#parse} spells it ({@code constant}, {@code step:2:0.5}, …). */
    private final StringProperty schedule = new SimpleStringProperty(this, "schedule", "constant");
    private final BooleanProperty earlyStopping = new SimpleBooleanProperty(this, "earlyStopping");
    private final IntegerProperty patience = new SimpleIntegerProperty(this, "patience", 3);
    private final BooleanProperty restoreBestWeights = new SimpleBooleanProperty(this, "restoreBestWeights", true);
    private final DoubleProperty validationSplit = new SimpleDoubleProperty(this, "validationSplit");
    private final LongProperty seed = new SimpleLongProperty(this, "seed");
    private final IntegerProperty modelEveryBatches = new SimpleIntegerProperty(this, "modelEveryBatches", 25);
    private final LongProperty publishIntervalMs = new SimpleLongProperty(this, "publishIntervalMs", 100);

    // ---- Properties: the run ------------------------------------------------------------------
    private final ReadOnlyBooleanWrapper training = new ReadOnlyBooleanWrapper(this, "training");
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "Not started");
    private final ReadOnlyStringWrapper progressLine = new ReadOnlyStringWrapper(this, "progressLine", "");
    private final ReadOnlyStringWrapper logText = new ReadOnlyStringWrapper(this, "logText", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", 0.6);
    private final ReadOnlyObjectWrapper<TrainingSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyObjectWrapper<Evaluation> evaluation = new ReadOnlyObjectWrapper<>(this, "evaluation");
    private Task<Dataset> download; // the last download started, to cancel
    private Model startFrom; // the model whose weights a run starts from, or null for fresh weights
    private final ReadOnlyObjectWrapper<Model> trainedModel = new ReadOnlyObjectWrapper<>(this, "trainedModel");
    private final ObservableList<XYChart.Data<Number, Number>> lossBatches = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Data<Number, Number>> lossEpochs = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Data<Number, Number>> valLossEpochs = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Data<Number, Number>> accuracyBatches = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Data<Number, Number>> accuracyEpochs = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Data<Number, Number>> valAccuracyEpochs = FXCollections.observableArrayList();
    /** The rate each batch trained with, as a step line (a point where it changes); the plan from the schedule before that. */
    private final ObservableList<XYChart.Data<Number, Number>> learningRates = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Data<Number, Number>> plannedLearningRates = FXCollections.observableArrayList();
    /** Vertical lines at the epoch early stopping stopped after and the epoch whose weights it restored, per chart. */
    private final ObservableList<XYChart.Data<Number, Number>> stopMarkerLoss = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Data<Number, Number>> restoredMarkerLoss = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Data<Number, Number>> stopMarkerAccuracy = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Data<Number, Number>> restoredMarkerAccuracy = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper earlyStopText = new ReadOnlyStringWrapper(this, "earlyStopText", "");
    private final ReadOnlyStringWrapper scheduleProblem = new ReadOnlyStringWrapper(this, "scheduleProblem", "");
    /** Originals in column 0, then augmented versions, row after row: (rows·cols, H, W, C); null while not shown. */
    private final ReadOnlyObjectWrapper<Tensor> augmentationGrid = new ReadOnlyObjectWrapper<>(this, "augmentationGrid");
    private final BooleanProperty augmentationGridShown = new SimpleBooleanProperty(this, "augmentationGridShown");
    private int augmentationDraw; // a new draw of the random moves each refresh, so "during training" shows fresh ones
    private int augmentationGridEpoch; // the epoch of the run the grid was last drawn in; 0 before a run
    private final BooleanBinding startDisabled;
    private final BooleanBinding learningRateLocked;
    private final StringBinding startProblem;

    private TrainingTask task;
    private int chartedEpochs;

    public TrainViewModel(AppContext context, List<DatasetSource> sources, Executor worker) {
        this.context = context;
        this.worker = worker;
        this.sources.setAll(sources);
        TrainSettings d = TrainSettings.defaults();
        optimizer.set(d.optimizer());
        learningRate.set(d.learningRate());
        batchSize.set(d.batchSize());
        epochs.set(d.epochs());
        seed.set(d.seed());
        layers.addListener((ListChangeListener<LayerSpec>) c -> recheck());
        dataset.addListener((o, a, b) -> recheck());
        preset.addListener((o, a, name) -> {
            if (name == null) return;
            presetInput = name.equals(MODEL_IN_USE) ? null : Presets.create(name).inputShape();
            inputChoiceOpen.set(true);
            if (!name.equals(MODEL_IN_USE)) {
                startFrom = null;
                layers.setAll(Architecture.preset(name));
            } else if (!startFromModelInUse()) {
                preset.set(a);
            }
        });
        preset.set("seed-001");
        // the optimizer reads its rate once per step, so a change lands on the next batch
        learningRate.addListener((o, a, lr) -> {
            if (task != null && lr.doubleValue() > 0) task.trainingRun().setLearningRate(lr.floatValue());
        });
        smoothing.addListener((o, a, b) -> chartBatches());
        for (var p : List.of(schedule, learningRate, epochs)) p.addListener((o, a, b) -> chartPlannedRates());
        chartPlannedRates();
        for (var p : List.of(augment, augmentShift, augmentDegrees, dataset, augmentationGridShown)) {
            p.addListener((o, a, b) -> refreshAugmentationGrid());
        }
        startDisabled = training.or(architectureValid.not()).or(dataset.isNull()).or(dataBusy);
        learningRateLocked = training.and(Bindings.createBooleanBinding(() -> {
            try {
                return LearningRateSchedule.parse(schedule.get()).isFormula();
            } catch (IllegalArgumentException e) {
                return false;
            }
        }, schedule));
        startProblem = Bindings.createStringBinding(() -> training.get() || dataBusy.get() ? ""
                        : dataset.get() == null ? "Cannot start: no dataset is loaded"
                        : architectureValid.get() ? "" : "Cannot start: " + architectureProblem.get(),
                training, dataBusy, dataset, architectureValid, architectureProblem);
        source.addListener((o, a, s) -> selectSource(s));
        context.addShutdownHook(this::shutdown);
    }

    // ---- Commands: data ------------------------------------------------------------------------

    private void selectSource(DatasetSource s) {
        dataset.set(null);
        dataMissing.set(false);
        if (s == null) return;
        if (s.isAvailable()) {
            load(s);
        } else if (s.needsFolder()) {
            dataMissing.set(true);
            dataStatus.set("Choose a folder with one sub-folder of pictures per class (the layout Keras' "
                    + "image_dataset_from_directory reads; train/ and test/ inside it are kept).");
        } else {
            dataMissing.set(s.canDownload());
            dataStatus.set(s.name() + " is not on this computer yet. Download it, or choose the folder that holds its files.");
        }
    }

    private void load(DatasetSource s) {
        dataStatus.set("Loading " + s.name() + "…");
        runData(s::load, s.name() + " could not be loaded");
    }

    /** Downloads the selected dataset in the background, with {@link #downloadProgressProperty()}, then loads it. */
    public void download() {
        DatasetSource s = source.get();
        dataStatus.set("Downloading " + s.name() + "…");
        downloadProgress.set(0);
        Task<Dataset> t = download = runData(() -> {
            s.download(progressShown());
            return s.load();
        }, s.name() + " could not be downloaded");
        t.stateProperty().addListener((o, a, b) -> {
            if (t.isDone()) downloadProgress.set(-1);
        });
    }

    /** Progress 0..1 from a worker thread into {@link #downloadProgressProperty()}: one UI update per percent, not per block. */
    private DoubleConsumer progressShown() {
        double[] shown = {0};
        return p -> {
            synchronized (shown) {
                if (p - shown[0] < 0.01 && p < 1) return;
                shown[0] = p;
            }
            Platform.runLater(() -> downloadProgress.set(p));
        };
    }

    /**
     * The rows of the model in use, whose weights a run then starts from (where the rows still fit them): to train
     * a pretrained or imported model further, or fine-tune it with some layers frozen. Says so, or why not.
     * @return false when the model cannot be shown as rows (no model yet, or a layer type the editor lacks)
     */
    private boolean startFromModelInUse() {
        Model m = context.modelProperty().get();
        try {
            if (m == null) throw new IllegalArgumentException("no model is loaded yet");
            if (!m.isSequential()) throw new IllegalArgumentException(m.name() + " has branches or skip connections, and the editor edits plain stacks of layers");
            List<LayerSpec> rows = new ArrayList<>();
            for (var layer : m.layers()) rows.add(LayerSpec.of(layer));
            startFrom = m;
            layers.setAll(rows);
            message.set("Training starts from the weights of " + m.name() + ". Freeze layers (❄) to train only the others.");
            return true;
        } catch (IllegalArgumentException e) {
            message.set("Cannot start from the model in use: " + e.getMessage() + ".");
            return false;
        }
    }

    /** Stops a running download between two blocks; what arrived is kept, so the next download continues from there. */
    public void cancelDownload() {
        if (download == null || download.isDone()) return;
        download.cancel(true);
        dataBusy.set(false);
        DatasetSource s = source.get();
        dataStatus.set(s != null && s.needsFolder() ? "Reading the pictures stopped."
                : "Download stopped. Download again to continue where it stopped.");
    }

    /** Reads the selected dataset from files the user already has, in {@code folder}. */
    public void useFolder(Path folder) {
        DatasetSource s = source.get();
        dataStatus.set("Reading " + s.name() + " from " + folder + "…");
        if (s.needsFolder()) downloadProgress.set(0);
        Task<Dataset> t = download = runData(() -> {
            s.useFolder(folder);
            return s.load(progressShown());
        }, s.name() + " is not in " + folder);
        t.stateProperty().addListener((o, a, b) -> {
            if (t.isDone()) downloadProgress.set(-1);
            if (b == javafx.concurrent.Worker.State.SUCCEEDED && s.needsFolder()) context.pictureFolderProperty().set(folder);
        });
    }

    private Task<Dataset> runData(Callable<Dataset> work, String failure) {
        Task<Dataset> t = new Task<>() {
            @Override
            protected Dataset call() throws Exception {
                return work.call();
            }
        };
        DatasetSource requested = source.get();
        dataBusy.set(true);
        t.setOnSucceeded(e -> {
            dataBusy.set(false);
            if (source.get() != requested) return; // the user has chosen another dataset meanwhile
            dataMissing.set(false);
            Dataset ds = t.getValue();
            dataset.set(ds);
            Shape in = ds.trainImages().exampleShape();
            dataStatus.set(String.format(Locale.ROOT, "%s: %,d training and %,d test images of %s, %d classes",
                    ds.name(), ds.trainImages().batch(), ds.testImages().batch(), in.toString(), ds.classNames().size()));
        });
        t.setOnFailed(e -> {
            dataBusy.set(false);
            if (source.get() != requested) return;
            Throwable ex = t.getException();
            dataStatus.set(failure + ": " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
        });
        worker.execute(t);
        return t;
    }

    // ---- Commands: architecture ----------------------------------------------------------------

    /**
     * Adds a layer of this kind with its defaults before the last row (the classifier), where new layers usually
     * go; a residual block, which needs feature maps, goes after the last row that still gives them (before
     * Flatten or global pooling).
     */
    public void addLayer(LayerKind kind) {
        int at = Math.max(0, layers.size() - 1);
        if (kind == LayerKind.RESIDUAL_BLOCK) {
            at = 0;
            for (int i = 0; i < checks.size(); i++) {
                Shape out = checks.get(i).outputShape();
                if (out != null && out.rank() == 3) at = i + 1;
            }
        }
        layers.add(at, LayerSpec.defaults(kind));
    }

    /** Replaces row {@code index} by the fix its check offers (e.g. a residual block's 1×1 projection shortcut); no fix, no change. */
    public void applyFix(int index) {
        if (index < 0 || index >= checks.size() || checks.get(index).fix() == null) return;
        layers.set(index, checks.get(index).fix().row());
    }

    public void removeLayer(int index) {
        layers.remove(index);
    }

    /** Moves a row up (−1) or down (+1). */
    public void moveLayer(int index, int delta) {
        int to = index + delta;
        if (to < 0 || to >= layers.size()) return;
        LayerSpec row = layers.remove(index);
        layers.add(to, row);
    }

    public void setLayerValue(int index, String key, String value) {
        layers.set(index, layers.get(index).with(key, value));
    }

    /** Freezes ({@code false}) or unfreezes layer {@code index}: a frozen layer's weights never change in training. */
    public void setLayerTrainable(int index, boolean trainable) {
        layers.set(index, layers.get(index).withTrainable(trainable));
    }

    /** Fits the data to the preset's own input (resized, channels converted) so the model keeps its shape. */
    public void fitDataToPreset() {
        Dataset ds = dataset.get();
        Shape target = presetInput;
        if (ds == null || target == null) return;
        dataStatus.set("Resizing " + ds.name() + " to " + target + "…");
        runData(() -> DatasetFit.to(ds, target), ds.name() + " could not be resized");
    }

    /** Keeps building the model for the data's shape, as chosen: the notice stays, its choices close. */
    public void buildForData() {
        inputChoiceOpen.set(false);
        recheck();
    }

    private void recheck() {
        Dataset ds = dataset.get();
        Shape in = ds == null ? Shape.of(28, 28, 1) : ds.trainImages().exampleShape();
        if (ds != null && presetInput != null && !presetInput.equals(in)) {
            inputNotice.set(preset.get() + " takes " + presetInput.toKeras() + " but " + ds.name() + " images are " + in.toKeras()
                    + (inputChoiceOpen.get() ? ". Resize the data to the model's input, or build the model for the data's shape."
                    : ": the model is built for the data's shape, so its layers' shapes and parameters differ from " + preset.get() + "'s."));
        } else {
            inputNotice.set("");
        }
        int classes = ds == null ? 10 : ds.classNames().size();
        List<Architecture.Check> cs = Architecture.check(in, classes, layers);
        checks.setAll(cs);
        boolean valid = Architecture.isValid(cs);
        architectureValid.set(valid);
        long total = cs.stream().mapToLong(Architecture.Check::params).sum();
        long frozen = 0;
        for (int i = 0; i < cs.size(); i++) if (!layers.get(i).trainable()) frozen += cs.get(i).params();
        String first = cs.stream().map(Architecture.Check::error).filter(e -> e != null).findFirst().orElse(null);
        architectureProblem.set(valid ? "" : layers.isEmpty() ? "add layers to build a model" : first);
        architectureSummary.set(valid ? String.format(Locale.ROOT, "Input %s · %,d parameters", in.toString(), total)
                + (frozen > 0 ? String.format(Locale.ROOT, " (%,d frozen)", frozen) : "")
                : "Cannot train: " + architectureProblem.get());
    }

    // ---- Commands: training --------------------------------------------------------------------

    public TrainSettings settings() {
        return new TrainSettings(optimizer.get(), (float) learningRate.get(), batchSize.get(), epochs.get(),
                (float) dropout.get(), batchNormalization.get(), (float) l1.get(), (float) l2.get(), augmenter(),
                validationSplit.get(), seed.get(), LearningRateSchedule.parse(schedule.get()),
                earlyStopping.get() ? new EarlyStopping(Monitor.VAL_LOSS, patience.get(), 0, restoreBestWeights.get()) : null);
    }

    private Augmenter augmenter() {
        return augment.get() ? new Augmenter(augmentShift.get(), augmentDegrees.get()) : null;
    }

    /**
     * The rate per epoch the schedule plans from the learning rate and the epochs (a plateau schedule and a
     * constant one plan the rate throughout: a plateau only reacts to the run), as a step line; and
     * {@link #scheduleProblemProperty()} says what is wrong with a schedule that does not read.
     */
    private void chartPlannedRates() {
        List<double[]> points = new ArrayList<>();
        try {
            LearningRateSchedule s = LearningRateSchedule.parse(schedule.get());
            scheduleProblem.set("");
            if (learningRate.get() > 0) {
                var plan = s.start((float) learningRate.get(), epochs.get(), true);
                float lr = (float) learningRate.get();
                for (int e = 1; e <= epochs.get(); e++) {
                    lr = plan.beforeEpoch(e, lr);
                    points.add(new double[] {e - 1, lr});
                    points.add(new double[] {e, lr});
                }
            }
        } catch (IllegalArgumentException e) {
            scheduleProblem.set(e.getMessage());
        }
        double[] x = new double[points.size()], y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        updateInPlace(plannedLearningRates, x, y);
    }

    /** The rate of the batches so far as a step line: the first batch, each change, the last batch. */
    private void chartLearningRates(List<BatchPoint> points) {
        List<double[]> line = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            BatchPoint p = points.get(i);
            if (i == 0) {
                line.add(new double[] {0, p.learningRate()});
            } else if (p.learningRate() != points.get(i - 1).learningRate()) {
                double at = points.get(i - 1).epochs();
                line.add(new double[] {at, points.get(i - 1).learningRate()});
                line.add(new double[] {at, p.learningRate()});
            }
            if (i == points.size() - 1) line.add(new double[] {p.epochs(), p.learningRate()});
        }
        double[] x = new double[line.size()], y = new double[line.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = line.get(i)[0];
            y[i] = line.get(i)[1];
        }
        updateInPlace(learningRates, x, y);
    }

    /** Vertical lines where early stopping stopped and at the epoch whose weights it restored; a sentence that says so. */
    private void chartEarlyStop(TrainingSnapshot s) {
        // the stop is published at the end of its epoch; the restored epoch only with the run's last snapshot
        if (s.earlyStoppedEpoch() == 0 || !stopMarkerLoss.isEmpty() && (s.restoredEpoch() == 0 || !restoredMarkerLoss.isEmpty())) return;
        double top = 0;
        for (EpochLogs e : s.epochPoints()) top = Math.max(top, Math.max(e.loss(), e.hasValidation() ? e.valLoss() : 0));
        for (BatchPoint p : s.batchPoints()) top = Math.max(top, p.loss());
        double stop = s.earlyStoppedEpoch(), restored = s.restoredEpoch();
        stopMarkerLoss.setAll(List.of(new XYChart.Data<>(stop, 0), new XYChart.Data<>(stop, top)));
        stopMarkerAccuracy.setAll(List.of(new XYChart.Data<>(stop, 0), new XYChart.Data<>(stop, 100)));
        if (restored > 0) {
            restoredMarkerLoss.setAll(List.of(new XYChart.Data<>(restored, 0), new XYChart.Data<>(restored, top)));
            restoredMarkerAccuracy.setAll(List.of(new XYChart.Data<>(restored, 0), new XYChart.Data<>(restored, 100)));
        }
        earlyStopText.set(restored > 0
                ? String.format(Locale.ROOT, "%s was best after epoch %d, whose weights were restored (dashed green line); "
                        + "no better one in the next %d epochs, so early stopping ended the run after epoch %d (solid line).",
                Monitor.VAL_LOSS, s.restoredEpoch(), s.earlyStoppedEpoch() - s.restoredEpoch(), s.earlyStoppedEpoch())
                : String.format(Locale.ROOT, "%s stopped improving: early stopping ended the run after epoch %d (solid line).",
                Monitor.VAL_LOSS, s.earlyStoppedEpoch()));
    }

    /**
     * Refreshes {@link #augmentationGridProperty()}: the first training image of each of the first
     * {@value #AUGMENTATION_ROWS} classes, each followed by {@value #AUGMENTATION_VARIANTS} versions moved by the
     * current augmentation settings (a new random draw each time). Null while augmentation is off, no data is loaded or
     * the grid is not on screen.
     */
    public void refreshAugmentationGrid() {
        Dataset ds = dataset.get();
        Augmenter a = augmentShift.get() >= 0 && augmentDegrees.get() >= 0 ? augmenter() : null;
        if (ds == null || a == null || !augmentationGridShown.get() || ds.trainImages().batch() == 0) {
            augmentationGrid.set(null);
            return;
        }
        Tensor images = ds.trainImages(), labels = ds.trainLabels();
        List<Integer> picked = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        for (int i = 0; i < images.batch() && picked.size() < AUGMENTATION_ROWS; i++) {
            int label = (int) labels.data[i];
            if (!classes.contains(label)) {
                classes.add(label);
                picked.add(i);
            }
        }
        int cols = AUGMENTATION_VARIANTS + 1;
        int[] order = new int[picked.size() * cols];
        for (int r = 0; r < picked.size(); r++) for (int c = 0; c < cols; c++) order[r * cols + c] = picked.get(r);
        Tensor copies = images.gather(order, 0, order.length); // (rows·cols, H, W, C)
        Tensor moved = a.augment(copies, new Rng(seed.get() * 1000 + ++augmentationDraw)); // (rows·cols, H, W, C)
        int per = images.exampleShape().size();
        for (int r = 0; r < picked.size(); r++) {
            System.arraycopy(copies.data, r * cols * per, moved.data, r * cols * per, per); // column 0: the original
        }
        augmentationGrid.set(moved);
    }

    /**
     * The editor's model with the knobs applied (batch normalization, dropout, L1/L2), compiled and
     * fitted with the chosen optimizer, learning rate, batch size, epochs and validation, as Keras code;
     * null while the architecture or a knob does not check out (the message says why).
     */
    public String kerasCode() {
        TrainSettings s;
        try {
            s = settings();
        } catch (IllegalArgumentException e) {
            message.set("Cannot write the code: " + e.getMessage());
            return null;
        }
        if (!architectureValid.get()) return null;
        Dataset ds = dataset.get();
        Shape in = ds == null ? Shape.of(28, 28, 1) : ds.trainImages().exampleShape();
        Model m = Architecture.build(in, List.copyOf(layers), s);
        m.setName(m.isSequential() ? "sequential" : "model"); // Keras' default names, which the code then uses
        return KerasCode.of(m, new KerasCode.Training(s.optimizer(), s.learningRate(), Loss.SPARSE_CATEGORICAL_CROSSENTROPY.kerasName,
                s.batchSize(), s.epochs(), s.validationSplit()));
    }

    /** Builds a fresh model from the rows and knobs and trains it in the background. */
    public void start() {
        if (startDisabled.get()) return;
        TrainSettings s;
        try {
            s = settings();
        } catch (IllegalArgumentException e) {
            message.set("Cannot start: " + e.getMessage());
            return;
        }
        List<LayerSpec> rows = List.copyOf(layers);
        Dataset ds = dataset.get();
        int every = modelEveryBatches.get();
        long interval = publishIntervalMs.get();
        clearRun();
        Model from = startFrom;
        TrainingTask t = new TrainingTask(publisher -> TrainingRun.create(rows, ds, s, from, every, interval, publisher));
        task = t;
        training.set(true);
        phase.set(Phase.RUNNING);
        progressText.set("Starting…");
        t.valueProperty().addListener((o, a, snap) -> {
            if (snap != null) apply(snap);
        });
        t.setOnSucceeded(e -> finish());
        t.setOnFailed(e -> {
            Throwable ex = t.getException();
            message.set("Training failed: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            phase.set(Phase.STOPPED);
            finish();
        });
        worker.execute(t);
    }

    public void pause() {
        if (task != null) task.trainingRun().setPaused(true);
    }

    public void resume() {
        if (task != null) {
            task.trainingRun().setPaused(false);
            phase.set(Phase.RUNNING);
        }
    }

    /** Ends the run before its next batch; the model keeps what it has learnt. */
    public void stop() {
        if (task != null) task.trainingRun().stop();
    }

    /** Stops a run for good (the window is closing). Returns at once; the run ends after its batch. */
    public void shutdown() {
        stop();
    }

    private void clearRun() {
        chartedEpochs = 0;
        for (var list : List.of(lossBatches, lossEpochs, valLossEpochs, accuracyBatches, accuracyEpochs, valAccuracyEpochs,
                learningRates, stopMarkerLoss, restoredMarkerLoss, stopMarkerAccuracy, restoredMarkerAccuracy)) {
            list.clear();
        }
        earlyStopText.set("");
        augmentationGridEpoch = 0;
        snapshot.set(null);
        evaluation.set(null);
        message.set("");
        logText.set("");
        progress.set(0);
    }

    private void finish() {
        task = null;
        training.set(false);
    }

    private void apply(TrainingSnapshot s) {
        TrainingSnapshot before = snapshot.get();
        snapshot.set(s);
        phase.set(s.phase());
        progress.set(s.progress());
        progressLine.set(s.progressLine());
        progressText.set(switch (s.phase()) {
            case RUNNING -> String.format(Locale.ROOT, "Epoch %d/%d · batch %d/%d · %,.0f images/s · %s left",
                    s.epoch(), s.epochs(), s.batch(), s.batches(), s.imagesPerSecond(), TrainingRun.duration(s.secondsLeft()));
            case PAUSED -> String.format(Locale.ROOT, "Paused at epoch %d/%d, batch %d/%d", s.epoch(), s.epochs(), s.batch(), s.batches());
            case FINISHED -> s.earlyStoppedEpoch() > 0 ? "Stopped early after epoch " + s.earlyStoppedEpoch() + " of " + s.epochs()
                    : "Finished " + s.epochs() + " epochs";
            case STOPPED -> "Stopped";
            case DIVERGED -> "Stopped: the loss diverged";
        });
        if (before == null || before.log().size() != s.log().size()) logText.set(String.join("\n", s.log()));
        if (before == null || before.batchPoints().size() != s.batchPoints().size()) {
            chartBatches();
            chartLearningRates(s.batchPoints());
        }
        chartEpochs(s.epochPoints());
        chartEarlyStop(s);
        if (augment.get() && s.epoch() != augmentationGridEpoch) { // new moves each epoch (snapshots may skip some)
            augmentationGridEpoch = s.epoch();
            refreshAugmentationGrid();
        }
        if (s.model() != null) {
            trainedModel.set(s.model());
            context.modelProperty().set(s.model());
        }
        if (s.evaluation() != null) evaluation.set(s.evaluation());
        if (s.message() != null) message.set(s.message());
    }

    /** Per-batch series: TensorBoard's debiased exponential moving average, then thinned. */
    private void chartBatches() {
        TrainingSnapshot s = snapshot.get();
        List<BatchPoint> points = s == null ? List.of() : s.batchPoints();
        double w = smoothing.get();
        int n = points.size(), stride = Math.max(1, (n + MAX_CHART_POINTS - 1) / MAX_CHART_POINTS);
        int shown = n == 0 ? 0 : (n - 1) / stride + 1;
        double[] x = new double[shown], loss = new double[shown], acc = new double[shown];
        double emaLoss = 0, emaAcc = 0, debias = 1;
        for (int i = 0, k = 0; i < n; i++) {
            BatchPoint p = points.get(i);
            emaLoss = w * emaLoss + (1 - w) * p.loss();
            emaAcc = w * emaAcc + (1 - w) * p.accuracy();
            debias *= w;
            if (i % stride == stride - 1 || i == n - 1) {
                double scale = 1 - debias;
                x[k] = p.epochs();
                loss[k] = emaLoss / scale;
                acc[k++] = 100 * emaAcc / scale;
            }
        }
        updateInPlace(lossBatches, x, loss);
        updateInPlace(accuracyBatches, x, acc);
    }

    /**
     * Makes {@code series} hold the points (x[i], y[i]): existing points take the new values and only
     * the tail is added or removed, so a chart refreshed every frame during training keeps its nodes.
     */
    private static void updateInPlace(ObservableList<XYChart.Data<Number, Number>> series, double[] x, double[] y) {
        if (series.size() > x.length) series.remove(x.length, series.size());
        for (int i = 0; i < series.size(); i++) {
            series.get(i).setXValue(x[i]);
            series.get(i).setYValue(y[i]);
        }
        List<XYChart.Data<Number, Number>> tail = new ArrayList<>();
        for (int i = series.size(); i < x.length; i++) tail.add(new XYChart.Data<>(x[i], y[i]));
        series.addAll(tail);
    }

    private void chartEpochs(List<EpochLogs> epochLogs) {
        for (int i = chartedEpochs; i < epochLogs.size(); i++) {
            EpochLogs e = epochLogs.get(i);
            lossEpochs.add(new XYChart.Data<>(e.epoch(), e.loss()));
            accuracyEpochs.add(new XYChart.Data<>(e.epoch(), 100 * e.accuracy()));
            if (e.hasValidation()) {
                valLossEpochs.add(new XYChart.Data<>(e.epoch(), e.valLoss()));
                valAccuracyEpochs.add(new XYChart.Data<>(e.epoch(), 100 * e.valAccuracy()));
            }
        }
        chartedEpochs = epochLogs.size();
    }

    // ---- Commands: after training ----------------------------------------------------------------

    /** Test image {@code index} as a (1, H, W, C) input. */
    public Tensor testImage(int index) {
        Tensor images = dataset.get().testImages();
        return images.slice(index, index + 1);
    }

    /** Makes test image {@code index} the current input and asks the shell to show {@code viewTitle}. */
    public void openInView(int index, String viewTitle) {
        if (trainedModel.get() != null) context.modelProperty().set(trainedModel.get());
        context.inputProperty().set(testImage(index));
        context.requestedViewProperty().set(viewTitle);
    }

    /** Shows a message under the controls (file errors and confirmations from the view). */
    public void report(String text) {
        message.set(text);
    }

    /**
     * Saves (a copy of) the trained model on a worker thread, as a .convscope file or exported for Keras or ONNX
     * by the file's extension ({@link ModelFiles#write}), then says where under the controls, or why it could not.
     */
    public Task<String> saveModel(Path file) {
        Model copy = trainedModel.get().copy(); // the worker's own; training may publish a newer model meanwhile
        Task<String> task = Background.task(() -> ModelFiles.write(copy, file));
        task.setOnSucceeded(e -> report(task.getValue()));
        task.setOnFailed(e -> report("The model could not be saved: " + task.getException().getMessage()));
        return Background.run(task);
    }

    /**
     * Writes the history as Keras' CSVLogger does (one row per epoch) and the per-batch points beside it, on a
     * worker thread, then names both files under the controls, or says why they could not be written.
     */
    public Task<List<Path>> exportHistory(Path file) {
        TrainingSnapshot s = snapshot.get();
        List<EpochLogs> epochs = s == null ? List.of() : s.epochPoints();
        List<BatchPoint> batches = s == null ? List.of() : s.batchPoints();
        Task<List<Path>> task = Background.task(() -> HistoryCsv.write(file, epochs, batches));
        task.setOnSucceeded(e -> report("History written to " + task.getValue().get(0) + " and " + task.getValue().get(1).getFileName()));
        task.setOnFailed(e -> report("The history could not be exported: " + task.getException().getMessage()));
        return Background.run(task);
    }

    // ---- accessors -----------------------------------------------------------------------------

    public ObservableList<DatasetSource> sources() { return sources; }
    public ObjectProperty<DatasetSource> sourceProperty() { return source; }
    public ReadOnlyObjectProperty<Dataset> datasetProperty() { return dataset.getReadOnlyProperty(); }
    public ReadOnlyStringProperty dataStatusProperty() { return dataStatus.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty dataBusyProperty() { return dataBusy.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty dataMissingProperty() { return dataMissing.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty downloadProgressProperty() { return downloadProgress.getReadOnlyProperty(); }
    public StringProperty presetProperty() { return preset; }
    public ReadOnlyStringProperty inputNoticeProperty() { return inputNotice.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty inputChoiceOpenProperty() { return inputChoiceOpen.getReadOnlyProperty(); }
    public ObservableList<LayerSpec> layers() { return layers; }
    public ObservableList<Architecture.Check> checks() { return checks; }
    public ReadOnlyBooleanProperty architectureValidProperty() { return architectureValid.getReadOnlyProperty(); }
    public ReadOnlyStringProperty architectureSummaryProperty() { return architectureSummary.getReadOnlyProperty(); }
    public StringProperty optimizerProperty() { return optimizer; }
    public DoubleProperty learningRateProperty() { return learningRate; }
    public IntegerProperty batchSizeProperty() { return batchSize; }
    public IntegerProperty epochsProperty() { return epochs; }
    public DoubleProperty dropoutProperty() { return dropout; }
    public BooleanProperty batchNormalizationProperty() { return batchNormalization; }
    public DoubleProperty l1Property() { return l1; }
    public DoubleProperty l2Property() { return l2; }
    public BooleanProperty augmentProperty() { return augment; }
    /** The largest shift, in pixels, of {@link Augmenter}. */
    public IntegerProperty augmentShiftProperty() { return augmentShift; }
    /** The largest rotation, in degrees, of {@link Augmenter}. */
    public DoubleProperty augmentDegreesProperty() { return augmentDegrees; }
    public StringProperty scheduleProperty() { return schedule; }
    /** Why {@link #scheduleProperty()} does not read as a schedule; empty when it does. */
    public ReadOnlyStringProperty scheduleProblemProperty() { return scheduleProblem.getReadOnlyProperty(); }
    public BooleanProperty earlyStoppingProperty() { return earlyStopping; }
    public IntegerProperty patienceProperty() { return patience; }
    public BooleanProperty restoreBestWeightsProperty() { return restoreBestWeights; }
    /** Set by the view while the augmentation grid is on screen; the grid is only computed then. */
    public BooleanProperty augmentationGridShownProperty() { return augmentationGridShown; }
    public ReadOnlyObjectProperty<Tensor> augmentationGridProperty() { return augmentationGrid.getReadOnlyProperty(); }
    public ReadOnlyStringProperty earlyStopTextProperty() { return earlyStopText.getReadOnlyProperty(); }
    public DoubleProperty validationSplitProperty() { return validationSplit; }
    public LongProperty seedProperty() { return seed; }
    /** How many batches between two models published to the other views. */
    public IntegerProperty modelEveryBatchesProperty() { return modelEveryBatches; }
    /** The least time between two snapshots from the training thread. */
    public LongProperty publishIntervalMsProperty() { return publishIntervalMs; }
    public ReadOnlyBooleanProperty trainingProperty() { return training.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Phase> phaseProperty() { return phase.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressLineProperty() { return progressLine.getReadOnlyProperty(); }
    public ReadOnlyStringProperty logTextProperty() { return logText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    /** TensorBoard's smoothing weight, 0 (raw) to 0.99. */
    public DoubleProperty smoothingProperty() { return smoothing; }
    public ReadOnlyObjectProperty<TrainingSnapshot> snapshotProperty() { return snapshot.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Evaluation> evaluationProperty() { return evaluation.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Model> trainedModelProperty() { return trainedModel.getReadOnlyProperty(); }
    public BooleanBinding startDisabledProperty() { return startDisabled; }
    /** True while a run's schedule sets the rate from the epoch (step, exponential, cosine), which a typed rate would fight. */
    public BooleanBinding learningRateLockedProperty() { return learningRateLocked; }
    /** Why Start is disabled, when it is for a reason the user can fix; else empty. */
    public StringBinding startProblemProperty() { return startProblem; }
    public ObservableList<XYChart.Data<Number, Number>> lossBatches() { return lossBatches; }
    public ObservableList<XYChart.Data<Number, Number>> lossEpochs() { return lossEpochs; }
    public ObservableList<XYChart.Data<Number, Number>> valLossEpochs() { return valLossEpochs; }
    public ObservableList<XYChart.Data<Number, Number>> accuracyBatches() { return accuracyBatches; }
    public ObservableList<XYChart.Data<Number, Number>> accuracyEpochs() { return accuracyEpochs; }
    public ObservableList<XYChart.Data<Number, Number>> valAccuracyEpochs() { return valAccuracyEpochs; }
    public ObservableList<XYChart.Data<Number, Number>> learningRates() { return learningRates; }
    public ObservableList<XYChart.Data<Number, Number>> plannedLearningRates() { return plannedLearningRates; }
    public ObservableList<XYChart.Data<Number, Number>> stopMarkerLoss() { return stopMarkerLoss; }
    public ObservableList<XYChart.Data<Number, Number>> restoredMarkerLoss() { return restoredMarkerLoss; }
    public ObservableList<XYChart.Data<Number, Number>> stopMarkerAccuracy() { return stopMarkerAccuracy; }
    public ObservableList<XYChart.Data<Number, Number>> restoredMarkerAccuracy() { return restoredMarkerAccuracy; }
}
