package org.convscope.app.train;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import org.convscope.app.common.Tips;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.convscope.data.ImageFolder;
import org.convscope.engine.Shape;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.convscope.app.AppContext;
import org.convscope.app.AppView;
import org.convscope.app.common.AfterFirstFrame;
import org.convscope.app.common.Background;
import org.convscope.app.common.Deferred;
import org.convscope.app.common.KerasCodeDialog;
import org.convscope.app.common.LightComboBox;
import org.convscope.app.common.ModelFiles;
import org.convscope.app.train.TrainingSnapshot.Phase;
import org.convscope.engine.LearningRateSchedule;
import org.convscope.engine.Presets;
import javafx.collections.ListChangeListener;

import javax.imageio.ImageIO;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Train: pick data and an architecture, turn the Keras knobs, press Start and watch loss and
 * accuracy move batch by batch; then explore the confusion matrix and the mistakes.
 */
public final class TrainView implements AppView {
    /** The title in the view switcher, also how other views ask for this one. */
    public static final String TITLE = "Train";

    /** The most images shown for one confusion-matrix cell. */
    static final int MAX_CELL_IMAGES = 200;

    private final Supplier<List<DatasetSource>> sources;
    private TrainViewModel vm;
    private final FlowPane cellImages = new FlowPane(4, 4);
    private final Label cellTitle = new Label("Click a cell of the matrix to see its test images.");
    private final FlowPane mistakes = new FlowPane(6, 6);
    private final Label selectedInfo = new Label("Select an image, then open it in:");
    private Integer selectedImage;
    private Node selectedThumb;
    private TabPane tabs;

    /** The standard datasets (bundled subset first). */
    public TrainView() {
        this(DatasetSources::standard);
    }

    /** Other datasets (tests use tiny ones). */
    public TrainView(Supplier<List<DatasetSource>> sources) {
        this.sources = sources;
    }

    @Override
    public String title() {
        return TITLE;
    }

    /** The view-model behind the content (after {@link #createContent}). */
    public TrainViewModel viewModel() {
        return vm;
    }

    @Override
    public Node createContent(AppContext context) {
        ExecutorService worker = Background.daemonPool("convscope-train"); // the shutdown hook stops a run first
        BorderPane root = new BorderPane();
        // the dataset is read once the view has been drawn, so that its first opening has both cores
        vm = new TrainViewModel(context, sources.get(), new AfterFirstFrame(worker, root));
        context.publish(TrainViewModel.class, vm);
        context.addShutdownHook(worker::shutdown);
        if (!vm.sources().isEmpty()) vm.sourceProperty().set(vm.sources().get(0));

        ScrollPane settings = new ScrollPane(new VBox(14, dataSection(), modelSection(), knobsSection()));
        settings.setFitToWidth(true);
        settings.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        settings.getStyleClass().add("train-settings");
        settings.setPrefWidth(450);
        settings.setMinWidth(380);
        // presentation mode: the class sees the charts; the teacher shows the settings again to change them
        settings.visibleProperty().bind(context.controlsHiddenProperty().not());
        settings.managedProperty().bind(settings.visibleProperty());

        SplitPane split = new SplitPane(charts(), results());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        VBox main = new VBox(10, controls(), split);
        main.setPadding(new Insets(12));
        VBox.setVgrow(split, Priority.ALWAYS);

        root.setCenter(main);
        root.setLeft(settings);
        root.getStyleClass().add("train-view");
        root.getStylesheets().add(TrainView.class.getResource("TrainView.css").toExternalForm());
        return root;
    }

    // ---- left: data, model, knobs ------------------------------------------------------------

    private Node dataSection() {
        ComboBox<DatasetSource> source = new LightComboBox<>(vm.sources());
        source.setId("dataset");
        source.setAccessibleText("Dataset");
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        source.setMaxWidth(Double.MAX_VALUE);
        source.disableProperty().bind(vm.trainingProperty().or(vm.dataBusyProperty()));
        Label status = new Label();
        status.setId("data-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.dataStatusProperty());
        status.getStyleClass().add("status");
        Button download = new Button("Download");
        download.setId("download");
        download.setOnAction(e -> vm.download());
        Button folder = new Button("Choose folder…");
        download.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> vm.sourceProperty().get() != null && vm.sourceProperty().get().canDownload(), vm.sourceProperty()));
        download.managedProperty().bind(download.visibleProperty());
        ComboBox<Shape> size = new LightComboBox<>();
        size.setId("picture-size");
        size.getItems().setAll(PictureFolderSource.SIZES);
        size.getSelectionModel().select(0);
        size.setAccessibleText("Size the pictures are fitted to");
        Tips.install(size, "The model input the pictures become: " + ImageFolder.FIT);
        size.valueProperty().addListener((o, a, b) -> {
            if (b != null && vm.sourceProperty().get() instanceof PictureFolderSource p) p.setInput(b);
        });
        size.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> vm.sourceProperty().get() instanceof PictureFolderSource, vm.sourceProperty()));
        size.managedProperty().bind(size.visibleProperty());
        folder.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(vm.sourceProperty().get().needsFolder() ? "Folder of pictures, one sub-folder per class"
                    : "Folder with the four IDX files of " + vm.sourceProperty().get().name());
            File dir = chooser.showDialog(window(folder));
            if (dir != null) vm.useFolder(dir.toPath());
        });
        ProgressBar progress = new ProgressBar();
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(vm.downloadProgressProperty());
        progress.visibleProperty().bind(vm.dataBusyProperty().and(vm.downloadProgressProperty().greaterThanOrEqualTo(0)));
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-download");
        Tips.install(cancel, "Stop the download; downloading again continues where it stopped");
        cancel.setOnAction(e -> vm.cancelDownload());
        HBox downloading = new HBox(6, progress, cancel);
        downloading.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(progress, Priority.ALWAYS);
        downloading.visibleProperty().bind(progress.visibleProperty());
        downloading.managedProperty().bind(downloading.visibleProperty());
        HBox getItRow = new HBox(6, new Label("Get it:"), size, download, folder);
        getItRow.setAlignment(Pos.CENTER_LEFT);
        // joins the scene graph when a dataset is first missing: the bundled one, chosen at first, never is
        Deferred getIt = new Deferred(getItRow, vm.dataMissingProperty().and(vm.dataBusyProperty().not()));
        getIt.managedProperty().bind(getIt.visibleProperty());
        return section("Data", source, status, getIt, downloading);
    }

    private Node modelSection() {
        ComboBox<String> preset = new LightComboBox<>();
        preset.getItems().add(TrainViewModel.MODEL_IN_USE);
        preset.getItems().addAll(Presets.SEQUENTIAL_NAMES); // the editor edits stacks row by row
        Tips.install(preset, "A preset's layers with fresh weights, or the model in use with its weights");
        preset.setId("preset");
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        preset.disableProperty().bind(vm.trainingProperty());
        Label presetLabel = new Label("Start from");
        presetLabel.setLabelFor(preset);
        HBox top = new HBox(8, presetLabel, preset);
        top.setAlignment(Pos.CENTER_LEFT);
        Label notice = new Label();
        notice.setId("input-notice");
        notice.setWrapText(true);
        notice.getStyleClass().add("status");
        notice.textProperty().bind(vm.inputNoticeProperty());
        Button fitData = new Button("Resize the data");
        fitData.setId("fit-data");
        Tips.install(fitData, "Fit the images to the model's own input: " + ImageFolder.FIT + ", channels converted");
        fitData.setOnAction(e -> vm.fitDataToPreset());
        fitData.disableProperty().bind(vm.dataBusyProperty().or(vm.trainingProperty()));
        Button forData = new Button("Build for the data");
        forData.setId("build-for-data");
        Tips.install(forData, "Change the model's input to the data's shape (its layers' shapes and parameters change)");
        forData.setOnAction(e -> vm.buildForData());
        HBox choices = new HBox(6, fitData, forData);
        choices.visibleProperty().bind(vm.inputNoticeProperty().isNotEmpty().and(vm.inputChoiceOpenProperty()));
        choices.managedProperty().bind(choices.visibleProperty());
        notice.visibleProperty().bind(vm.inputNoticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        return section("Model", top, notice, choices, new ArchitectureEditor(vm));
    }

    private Node knobsSection() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(6);
        g.getStyleClass().add("knobs");
        int r = 0;
        ComboBox<String> optimizer = new LightComboBox<>();
        optimizer.getItems().setAll(TrainSettings.OPTIMIZERS);
        optimizer.valueProperty().bindBidirectional(vm.optimizerProperty());
        Tips.install(optimizer, "adam: Adam (Kingma & Ba 2015); sgd: SGD with momentum 0.9; rmsprop: RMSprop");
        knob(g, r++, "optimizer", optimizer, true);
        ComboBox<String> rate = numberBox("learning-rate", vm.learningRateProperty(), false, "0.1", "0.01", "0.001", "0.0001");
        knob(g, r++, "learning_rate", rate, false);
        rate.disableProperty().bind(vm.learningRateLockedProperty());
        ComboBox<String> schedule = new LightComboBox<>();
        schedule.setId("lr-schedule");
        schedule.getItems().setAll("constant", "step:2:0.5", "exponential:0.8", "cosine", "plateau:2:0.5");
        schedule.setEditable(true);
        schedule.setValue(vm.scheduleProperty().get());
        schedule.valueProperty().addListener((o, a, text) -> vm.scheduleProperty().set(text == null ? "" : text));
        // as typed (the plan redraws at once), and so that Enter, which presses Start, starts with what is typed
        schedule.getEditor().textProperty().addListener((o, a, text) -> vm.scheduleProperty().set(text == null ? "" : text));
        vm.scheduleProblemProperty().addListener((o, a, problem) ->
                schedule.pseudoClassStateChanged(PseudoClass.getPseudoClass("invalid"), !problem.isEmpty()));
        Tips.install(schedule, "How the learning rate changes per epoch:\n" + LearningRateSchedule.FORMS.replace("), ", "),\n"));
        knob(g, r++, "lr schedule", schedule, true);
        Label scheduleProblem = new Label();
        scheduleProblem.setId("schedule-problem");
        scheduleProblem.setWrapText(true);
        scheduleProblem.getStyleClass().add("start-problem");
        scheduleProblem.textProperty().bind(vm.scheduleProblemProperty());
        scheduleProblem.visibleProperty().bind(vm.scheduleProblemProperty().isNotEmpty());
        scheduleProblem.managedProperty().bind(scheduleProblem.visibleProperty());
        g.add(scheduleProblem, 0, r++, 2, 1);
        CheckBox early = new CheckBox("patience");
        early.setId("early-stopping");
        early.selectedProperty().bindBidirectional(vm.earlyStoppingProperty());
        Tips.install(early, "Keras' EarlyStopping(monitor='val_loss', patience=…): stop once val_loss has not fallen for that many epochs");
        Spinner<Integer> patience = intSpinner(vm.patienceProperty(), 1, 100);
        patience.setId("patience");
        patience.setAccessibleText("Early stopping patience, in epochs");
        patience.setPrefWidth(80);
        patience.disableProperty().bind(early.selectedProperty().not());
        CheckBox restore = new CheckBox("restore_best_weights");
        restore.setId("restore-best-weights");
        restore.setMnemonicParsing(false); // the underscore is Keras' spelling, not a shortcut
        restore.selectedProperty().bindBidirectional(vm.restoreBestWeightsProperty());
        Tips.install(restore, "At the end, give the model back the weights of its epoch with the lowest val_loss");
        restore.disableProperty().bind(early.selectedProperty().not());
        FlowPane stopping = new FlowPane(8, 4, early, patience, restore);
        stopping.setAlignment(Pos.CENTER_LEFT);
        knob(g, r++, "early stopping", stopping, true);
        knob(g, r++, "batch_size", intSpinner(vm.batchSizeProperty(), 1, 4096), true);
        knob(g, r++, "epochs", intSpinner(vm.epochsProperty(), 1, 1000), true);
        Spinner<Double> dropout = new Spinner<>(0.0, 0.9, vm.dropoutProperty().get(), 0.05);
        dropout.getValueFactory().valueProperty().addListener((o, a, v) -> vm.dropoutProperty().set(v));
        Tips.install(dropout, "a Dropout layer of this rate before every Dense layer");
        knob(g, r++, "dropout", dropout, true);
        CheckBox bn = new CheckBox("after every Conv2D");
        bn.selectedProperty().bindBidirectional(vm.batchNormalizationProperty());
        knob(g, r++, "BatchNormalization", bn, true);
        knob(g, r++, "l1", numberBox("l1", vm.l1Property(), true, "0", "1e-5", "1e-4", "1e-3"), true);
        knob(g, r++, "l2", numberBox("l2", vm.l2Property(), true, "0", "1e-5", "1e-4", "1e-3"), true);
        CheckBox augment = new CheckBox("shift ±");
        augment.setId("augment");
        augment.selectedProperty().bindBidirectional(vm.augmentProperty());
        Spinner<Integer> shift = intSpinner(vm.augmentShiftProperty(), 0, 8);
        shift.setId("augment-shift");
        shift.setAccessibleText("Augmentation: largest shift, in pixels");
        Spinner<Double> degrees = new Spinner<>(0.0, 45.0, vm.augmentDegreesProperty().get(), 5);
        degrees.setId("augment-degrees");
        degrees.setAccessibleText("Augmentation: largest rotation, in degrees");
        degrees.setEditable(true);
        degrees.valueProperty().addListener((o, a, v) -> vm.augmentDegreesProperty().set(v));
        for (Spinner<?> sp : List.of(shift, degrees)) {
            sp.setPrefWidth(68);
            sp.disableProperty().bind(augment.selectedProperty().not());
        }
        HBox shifts = new HBox(6, augment, shift, new Label("px"));
        HBox rotations = new HBox(6, new Label("rotate ±"), degrees, new Label("°"));
        for (HBox part : List.of(shifts, rotations)) part.setAlignment(Pos.CENTER_LEFT);
        FlowPane augmentation = new FlowPane(14, 4, shifts, rotations); // wraps between the two, never inside one
        augmentation.setAlignment(Pos.CENTER_LEFT);
        knob(g, r++, "augmentation", augmentation, true);
        g.add(augmentationGrid(), 0, r++, 2, 1);
        ComboBox<String> validation = new LightComboBox<>();
        validation.getItems().setAll("the test set", "validation_split 0.1", "validation_split 0.2");
        validation.setValue("the test set");
        validation.valueProperty().addListener((o, a, v) ->
                vm.validationSplitProperty().set(v.startsWith("validation_split") ? Double.parseDouble(v.substring(17)) : 0));
        knob(g, r++, "validate on", validation, true);
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, (int) vm.seedProperty().get());
        seed.setEditable(true);
        seed.valueProperty().addListener((o, a, v) -> vm.seedProperty().set(v));
        knob(g, r, "seed", seed, true);
        Label note = new Label("learning_rate can be changed while training (unless a step, exponential or cosine schedule sets it).");
        note.setWrapText(true);
        note.getStyleClass().add("hint");
        return section("Training", g, note);
    }

    /**
     * Where the augmentation grid goes: empty until augmentation is first switched on (so opening the view costs
     * nothing), then the grid of a few training images and their moved versions, shown while augmentation is on.
     */
    private Node augmentationGrid() {
        VBox holder = new VBox();
        holder.setId("augmentation-holder");
        Runnable build = () -> {
            if (!holder.getChildren().isEmpty()) return;
            holder.getChildren().add(new AugmentationGrid(vm));
        };
        holder.visibleProperty().bind(vm.augmentProperty());
        holder.managedProperty().bind(holder.visibleProperty());
        vm.augmentationGridShownProperty().bind(holder.visibleProperty());
        vm.augmentProperty().addListener((o, a, on) -> {
            if (on) build.run();
        });
        if (vm.augmentProperty().get()) build.run();
        return holder;
    }

    private void knob(GridPane g, int row, String name, Region control, boolean lockedWhileTraining) {
        Label l = new Label(name);
        l.getStyleClass().add("knob-name");
        l.setMinWidth(Region.USE_PREF_SIZE); // the controls give way, the names stay whole
        l.setLabelFor(control);
        g.add(l, 0, row);
        g.add(control, 1, row);
        control.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(control, Priority.ALWAYS);
        if (lockedWhileTraining) control.disableProperty().bind(vm.trainingProperty());
    }

    /** An editable list of typical values; a typed value that is not a number (or is out of range) is marked. */
    private ComboBox<String> numberBox(String id, DoubleProperty target, boolean zeroAllowed, String... values) {
        ComboBox<String> box = new LightComboBox<>();
        box.setId(id);
        box.getItems().setAll(values);
        box.setEditable(true);
        box.setValue(format(target.get()));
        javafx.beans.value.ChangeListener<String> typed = (o, a, text) -> {
            boolean ok = false;
            try {
                double v = Double.parseDouble(text.trim());
                ok = Double.isFinite(v) && (v > 0 || zeroAllowed && v == 0);
                if (ok) target.set(v);
            } catch (NumberFormatException | NullPointerException ignored) {
                // marked below
            }
            box.pseudoClassStateChanged(PseudoClass.getPseudoClass("invalid"), !ok);
        };
        box.valueProperty().addListener(typed);
        // as typed, not only once committed: Enter also presses Start (the default button), which must see the new value
        box.getEditor().textProperty().addListener(typed);
        target.addListener((o, a, v) -> {
            if (!box.isFocused()) box.setValue(format(v.doubleValue()));
        });
        return box;
    }

    private static String format(double v) {
        return v == 0 ? "0" : TrainingRun.fmtRate((float) v);
    }

    private static Spinner<Integer> intSpinner(IntegerProperty target, int min, int max) {
        Spinner<Integer> s = new Spinner<>(min, max, target.get());
        s.setEditable(true);
        s.valueProperty().addListener((o, a, v) -> target.set(v));
        target.addListener((o, a, v) -> s.getValueFactory().setValue(v.intValue()));
        return s;
    }

    private static VBox section(String title, Node... content) {
        Label t = new Label(title);
        t.getStyleClass().add("section-title");
        VBox box = new VBox(8, t);
        box.getChildren().addAll(content);
        box.getStyleClass().add("section");
        return box;
    }

    // ---- centre: controls, charts, results -----------------------------------------------------

    private Node controls() {
        Button start = new Button("Start");
        start.setId("start");
        start.setDefaultButton(true);
        start.disableProperty().bind(vm.startDisabledProperty());
        start.setOnAction(e -> vm.start());
        Button pause = new Button();
        pause.setId("pause");
        pause.textProperty().bind(Bindings.when(vm.phaseProperty().isEqualTo(Phase.PAUSED)).then("Resume").otherwise("Pause"));
        pause.disableProperty().bind(vm.trainingProperty().not());
        pause.setOnAction(e -> {
            if (vm.phaseProperty().get() == Phase.PAUSED) vm.resume();
            else vm.pause();
        });
        Button stop = new Button("Stop");
        stop.setId("stop");
        stop.disableProperty().bind(vm.trainingProperty().not());
        stop.setOnAction(e -> vm.stop());
        Button save = new Button("Save model…");
        save.setId("save-model");
        save.disableProperty().bind(vm.trainingProperty().or(vm.trainedModelProperty().isNull()));
        save.setOnAction(e -> saveModel(save));
        ProgressBar bar = new ProgressBar();
        bar.setId("progress");
        bar.progressProperty().bind(vm.progressProperty());
        Label text = new Label();
        text.setId("progress-text");
        text.textProperty().bind(vm.progressTextProperty());
        text.getStyleClass().add("progress-text");
        Button code = new Button("Keras code…");
        code.setId("keras-code-button");
        Tips.install(code, "This architecture and these settings as Keras code for a notebook");
        code.disableProperty().bind(vm.architectureValidProperty().not());
        code.setOnAction(e -> {
            String python = vm.kerasCode();
            if (python != null) {
                KerasCodeDialog.show(code.getScene().getWindow(), "the Train view's model", python, kerasCodeNote(vm.settings()));
            }
        });
        for (Button b : List.of(start, pause, stop, save, code)) b.setMinWidth(Region.USE_PREF_SIZE);
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        HBox buttons = new HBox(8, start, pause, stop, save, code, bar);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label line = new Label();
        line.setId("progress-line");
        line.textProperty().bind(vm.progressLineProperty());
        line.getStyleClass().add("progress-line");
        Label message = new Label();
        message.setId("message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("message");
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        vm.phaseProperty().addListener((o, a, p) -> message.pseudoClassStateChanged(
                PseudoClass.getPseudoClass("error"), p == Phase.DIVERGED));
        Label problem = new Label();
        problem.setId("start-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.startProblemProperty());
        problem.getStyleClass().add("start-problem");
        problem.visibleProperty().bind(vm.startProblemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        Label earlyStop = new Label();
        earlyStop.setId("early-stop-text");
        earlyStop.setWrapText(true);
        earlyStop.getStyleClass().add("early-stop-text");
        earlyStop.setMinHeight(Region.USE_PREF_SIZE);
        earlyStop.textProperty().bind(vm.earlyStopTextProperty());
        earlyStop.visibleProperty().bind(vm.earlyStopTextProperty().isNotEmpty());
        earlyStop.managedProperty().bind(earlyStop.visibleProperty());
        return new VBox(6, buttons, problem, text, earlyStop, line, message);
    }

    /** What the Keras code leaves out of these settings, and how Keras does it. */
    static String kerasCodeNote(TrainSettings s) {
        List<String> missing = new java.util.ArrayList<>();
        if (s.augment()) missing.add("data augmentation (Keras does it with layers such as RandomTranslation and RandomRotation)");
        if (!(s.schedule() instanceof LearningRateSchedule.Constant)) {
            missing.add("the learning-rate schedule (a LearningRateScheduler or ReduceLROnPlateau callback in fit)");
        }
        if (s.earlyStopping() != null) missing.add("early stopping (callbacks=[keras.callbacks." + TrainingRun.describe(s.earlyStopping()) + "])");
        return missing.isEmpty() ? "Your settings: optimizer, learning rate, batch size, epochs and validation."
                : "Not in this code: " + String.join("; ", missing) + ".";
    }

    private Node charts() {
        LineChart<Number, Number> loss = chart("loss-chart", "Loss", "loss", Double.NaN,
                vm.lossBatches(), vm.lossEpochs(), vm.valLossEpochs());
        LineChart<Number, Number> accuracy = chart("accuracy-chart", "Accuracy", "accuracy (%)", 100,
                vm.accuracyBatches(), vm.accuracyEpochs(), vm.valAccuracyEpochs());
        showMarkers(loss, vm.stopMarkerLoss(), vm.restoredMarkerLoss());
        showMarkers(accuracy, vm.stopMarkerAccuracy(), vm.restoredMarkerAccuracy());
        HBox both = new HBox(10, loss, accuracy);
        VBox.setVgrow(both, Priority.ALWAYS);
        LineChart<Number, Number> rate = learningRateChart();
        HBox.setHgrow(loss, Priority.ALWAYS);
        HBox.setHgrow(accuracy, Priority.ALWAYS);
        Slider smoothing = new Slider(0, 0.99, vm.smoothingProperty().get());
        smoothing.setId("smoothing");
        smoothing.setAccessibleText("Smoothing of the batch curves");
        smoothing.valueProperty().bindBidirectional(vm.smoothingProperty());
        smoothing.setPrefWidth(180);
        smoothing.setMinWidth(60); // the slider gives way first, so labels and buttons are never cut
        Label smoothingValue = new Label();
        smoothingValue.textProperty().bind(Bindings.format(Locale.ROOT, "%.2f", vm.smoothingProperty()));
        Button png = new Button("Charts as PNG…");
        Tips.install(png, "Export both charts as one PNG image");
        VBox chartsOnly = new VBox(4, both, rate);
        VBox.setVgrow(both, Priority.ALWAYS);
        png.setOnAction(e -> exportPng(chartsOnly, png));
        Button csv = new Button("History as CSV…");
        Tips.install(csv, "Export the per-epoch history (and a -batches.csv beside it)");
        csv.setOnAction(e -> exportCsv(csv));
        png.disableProperty().bind(vm.snapshotProperty().isNull());
        csv.disableProperty().bind(vm.snapshotProperty().isNull());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label smoothingLabel = new Label("Smoothing");
        for (Region r : List.of(smoothingLabel, smoothingValue, png, csv)) r.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(8, smoothingLabel, smoothing, smoothingValue, grow, png, csv);
        row.setMinHeight(Region.USE_PREF_SIZE); // the charts give way, the buttons under them stay whole
        row.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(chartsOnly, Priority.ALWAYS);
        return new VBox(4, chartsOnly, row);
    }

    /**
     * Adds the early-stopping markers (vertical lines at the stop and at the restored epoch) to the chart once
     * there are any, so the legend names them only in a run that stopped early; removes them for the next run.
     */
    private static void showMarkers(LineChart<Number, Number> chart, ObservableList<XYChart.Data<Number, Number>> stop,
                                    ObservableList<XYChart.Data<Number, Number>> restored) {
        XYChart.Series<Number, Number> stopSeries = new XYChart.Series<>("early stop", stop);
        XYChart.Series<Number, Number> restoredSeries = new XYChart.Series<>("best epoch (weights restored)", restored);
        stop.addListener((ListChangeListener<XYChart.Data<Number, Number>>) c -> {
            if (stop.isEmpty()) {
                chart.getData().removeAll(stopSeries, restoredSeries);
            } else if (!chart.getData().contains(stopSeries)) {
                chart.getData().add(stopSeries); // the 4th series: styled by default-color3
                chart.getData().add(restoredSeries);
            }
        });
    }

    /** The learning rate over the epochs: the schedule's plan (dashed) and the rate the batches trained with. */
    private LineChart<Number, Number> learningRateChart() {
        NumberAxis x = new NumberAxis();
        x.setLabel("epoch");
        x.setAutoRanging(false);
        IntegerBinding runEpochs = runEpochs();
        x.upperBoundProperty().bind(runEpochs);
        x.tickUnitProperty().bind(Bindings.createDoubleBinding(() -> niceStep(runEpochs.get() / 8.0), runEpochs));
        NumberAxis y = new NumberAxis();
        y.setLabel("lr");
        y.setForceZeroInRange(true);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setId("lr-chart");
        c.getStyleClass().add("lr-chart");
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.setLegendSide(javafx.geometry.Side.RIGHT);
        c.getData().add(new XYChart.Series<>("used", vm.learningRates()));
        c.getData().add(new XYChart.Series<>("planned", vm.plannedLearningRates()));
        org.convscope.app.common.ChartDescriptions.follow(c, "Learning rate", "epoch"); // no visible title: the axis says lr
        c.setPrefHeight(150);
        c.setMinHeight(150); // readable ticks on a projector: the loss and accuracy charts give way instead
        c.setMaxHeight(150);
        return c;
    }

    private IntegerBinding runEpochs() {
        return Bindings.createIntegerBinding(() -> vm.snapshotProperty().get() != null
                ? vm.snapshotProperty().get().epochs() : vm.epochsProperty().get(), vm.snapshotProperty(), vm.epochsProperty());
    }

    /**
     * A chart whose x axis spans the whole planned run (0 to the number of epochs), so the class sees
     * how far the line still has to go. {@code yMax} fixes the y axis (accuracy, 0..100); NaN lets it
     * follow the data once there is some (loss).
     */
    private LineChart<Number, Number> chart(String id, String title, String yLabel, double yMax,
                                            ObservableList<XYChart.Data<Number, Number>> batches,
                                            ObservableList<XYChart.Data<Number, Number>> epochs,
                                            ObservableList<XYChart.Data<Number, Number>> validation) {
        NumberAxis x = new NumberAxis();
        x.setLabel("epoch");
        x.setAutoRanging(false);
        IntegerBinding runEpochs = runEpochs();
        x.upperBoundProperty().bind(runEpochs);
        x.tickUnitProperty().bind(Bindings.createDoubleBinding(() -> niceStep(runEpochs.get() / 8.0), runEpochs));
        NumberAxis y = new NumberAxis(0, Double.isNaN(yMax) ? 2.5 : yMax, Double.isNaN(yMax) ? 0.5 : 10);
        y.setLabel(yLabel);
        if (Double.isNaN(yMax)) y.autoRangingProperty().bind(Bindings.isNotEmpty(batches));
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setId(id);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(true);
        c.getData().add(new XYChart.Series<>("train (batch, smoothed)", batches));
        c.getData().add(new XYChart.Series<>("train (epoch)", epochs));
        c.getData().add(new XYChart.Series<>("validation (epoch)", validation));
        c.setMinHeight(200);
        org.convscope.app.common.ChartDescriptions.follow(c, "epoch");
        return c;
    }

    /** The smallest step of the form 1, 2 or 5 × 10ⁿ that is at least {@code raw} (> 0). */
    static double niceStep(double raw) {
        double decade = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5}) if (m * decade >= raw) return m * decade;
        return 10 * decade;
    }

    private Node results() {
        TextArea log = new TextArea();
        log.setId("log");
        log.setAccessibleText("Training log");
        log.setEditable(false);
        log.getStyleClass().add("log");
        vm.logTextProperty().addListener((o, a, text) -> {
            log.setText(text);
            log.positionCaret(text.length()); // follow the newest line
        });

        ConfusionMatrixView matrix = new ConfusionMatrixView();
        matrix.setId("confusion-matrix");
        matrix.setOnCellClicked(this::showCell);
        vm.evaluationProperty().addListener((o, a, e) -> {
            matrix.setEvaluation(e);
            showMistakes(e);
            cellImages.getChildren().clear();
            cellTitle.setText(e == null ? "" : String.format(Locale.ROOT,
                    "Test accuracy %.2f%%. Click a cell of the matrix to see its test images.", 100 * e.accuracy()));
            if (e != null) tabs.getSelectionModel().select(1);
        });
        cellImages.setId("cell-images");
        cellTitle.setId("cell-title");
        cellTitle.setWrapText(true);
        ScrollPane cellScroll = new ScrollPane(cellImages);
        cellScroll.setFitToWidth(true);
        VBox.setVgrow(cellScroll, Priority.ALWAYS);
        VBox cellBox = new VBox(6, cellTitle, openButtons(), cellScroll);
        cellBox.setPadding(new Insets(0, 0, 0, 8));
        ScrollPane matrixScroll = new ScrollPane(matrix);
        matrixScroll.setPadding(new Insets(4));
        SplitPane confusion = new SplitPane(matrixScroll, cellBox);
        confusion.setDividerPositions(0.62);

        ScrollPane mistakesScroll = new ScrollPane(mistakes);
        mistakesScroll.setFitToWidth(true);
        mistakes.setId("mistakes");
        mistakes.setPadding(new Insets(8));

        // a tab's content joins the scene graph when the tab is first selected (the matrix once a run is evaluated)
        tabs = new TabPane(Deferred.tab("Log", log), Deferred.tab("Confusion matrix", confusion),
                Deferred.tab("Most confident mistakes", mistakesScroll));
        tabs.setAccessibleText("Results of the run");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setMinHeight(150);
        return tabs;
    }

    private Node openButtons() {
        Button draw = new Button(TrainViewModel.DRAW_VIEW);
        Tips.install(draw, "Open the selected image in " + TrainViewModel.DRAW_VIEW);
        draw.setId("open-draw");
        draw.setOnAction(e -> vm.openInView(selectedImage, TrainViewModel.DRAW_VIEW));
        Button maps = new Button(TrainViewModel.MAPS_VIEW);
        Tips.install(maps, "Open the selected image in " + TrainViewModel.MAPS_VIEW);
        maps.setId("open-maps");
        maps.setOnAction(e -> vm.openInView(selectedImage, TrainViewModel.MAPS_VIEW));
        selectedInfo.setId("selected-info");
        FlowPane box = new FlowPane(8, 4, selectedInfo, draw, maps);
        box.setAlignment(Pos.CENTER_LEFT);
        draw.setDisable(true);
        maps.setDisable(true);
        selectedInfo.textProperty().addListener((o, a, b) -> {
            draw.setDisable(selectedImage == null);
            maps.setDisable(selectedImage == null);
        });
        return box;
    }

    private void showCell(int truth, int predicted) {
        Evaluation e = vm.evaluationProperty().get();
        int[] indices = e.cell(truth, predicted);
        String t = e.classNames().get(truth), p = e.classNames().get(predicted);
        cellTitle.setText(String.format(Locale.ROOT, "%d test images of %s classified as %s%s", indices.length, t, p,
                indices.length > MAX_CELL_IMAGES ? " (the first " + MAX_CELL_IMAGES + " shown)" : ""));
        cellImages.getChildren().clear();
        for (int i = 0; i < Math.min(indices.length, MAX_CELL_IMAGES); i++) {
            int index = indices[i];
            cellImages.getChildren().add(thumb(index, 64, String.format(Locale.ROOT, "test image %d: %.0f%% %s",
                    index, 100 * e.confidence(index), p)));
        }
    }

    private void showMistakes(Evaluation e) {
        mistakes.getChildren().clear();
        if (e == null) return;
        for (Evaluation.Mistake m : e.confidentMistakes(60)) {
            String caption = e.classNames().get(m.truth()) + " → " + e.classNames().get(m.predicted())
                    + String.format(Locale.ROOT, " (%.0f%%)", 100 * m.confidence());
            Node img = thumb(m.index(), 72, "test image " + m.index() + ": true " + caption);
            Label l = new Label(caption);
            l.getStyleClass().add("mistake-caption");
            // long class names ("automobile → mimetypes") wrap under the picture rather than spread the gallery
            l.setWrapText(true);
            l.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            l.setMaxWidth(120);
            VBox box = new VBox(2, img, l);
            box.setAlignment(Pos.CENTER);
            mistakes.getChildren().add(box);
        }
    }

    private Node thumb(int index, double size, String tip) {
        ImageView view = new ImageView(Thumbnails.of(vm.datasetProperty().get().testImages(), index));
        view.setFitWidth(size);
        view.setFitHeight(size);
        view.setSmooth(false);
        view.getStyleClass().add("thumb-image");
        StackPane frame = new StackPane(view);
        frame.getStyleClass().add("thumb");
        Tips.install(frame, tip + "\nDouble-click: open in " + TrainViewModel.DRAW_VIEW);
        frame.setOnMouseClicked(ev -> {
            if (selectedThumb != null) selectedThumb.pseudoClassStateChanged(PseudoClass.getPseudoClass("selected"), false);
            selectedThumb = frame;
            frame.pseudoClassStateChanged(PseudoClass.getPseudoClass("selected"), true);
            selectedImage = index;
            selectedInfo.setText("Test image " + index + " — open it in:");
            if (ev.getClickCount() == 2) vm.openInView(index, TrainViewModel.DRAW_VIEW);
        });
        return frame;
    }

    // ---- files ------------------------------------------------------------------------------

    /** As a ConvScope model, or for Keras / ONNX: the chooser's formats, the file's extension decides. */
    private void saveModel(Node owner) {
        ModelFiles.chooseSaveOrExport(window(owner), "trained.convscope").ifPresent(vm::saveModel);
    }

    private void exportPng(Node charts, Node owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the charts");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName("training-charts.png");
        File file = chooser.showSaveDialog(window(owner));
        if (file == null) return;
        var picture = SwingFXUtils.fromFXImage(charts.snapshot(null, null), null); // on the FX thread; encoding off it
        var task = Background.task(() -> ImageIO.write(picture, "png", file));
        task.setOnSucceeded(e -> vm.report("Charts exported to " + file));
        task.setOnFailed(e -> vm.report("The charts could not be exported: " + task.getException().getMessage()));
        Background.run(task);
    }

    private void exportCsv(Node owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the training history");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setInitialFileName("history.csv");
        File file = chooser.showSaveDialog(window(owner));
        if (file != null) vm.exportHistory(file.toPath());
    }

    private static Window window(Node n) {
        return n.getScene() == null ? null : n.getScene().getWindow();
    }
}
