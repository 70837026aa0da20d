package org.convscope.app.transfer;

import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
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
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.convscope.app.common.LightComboBox;
import org.convscope.app.AppContext;
import org.convscope.app.AppView;
import org.convscope.app.common.Background;
import org.convscope.app.common.Controls;
import org.convscope.app.common.Deferred;
import org.convscope.app.common.Shown;
import org.convscope.app.draw.DrawView;
import org.convscope.app.draw.DrawingPad;
import org.convscope.app.draw.ProbabilityBars;
import org.convscope.app.train.Thumbnails;
import org.convscope.app.transfer.TransferComparison.Way;
import org.convscope.app.transfer.TransferViewModel.DrawnClass;
import org.convscope.app.transfer.TransferViewModel.Outcome;
import org.convscope.data.Assets;
import org.convscope.data.Datasets;
import org.convscope.data.Pretrained;
import org.convscope.engine.Model;
import org.convscope.app.common.Icon;

import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/**
 * Transfer learning you can watch: lesson 1 reuses the digit network's convolutional base for
 * clothes three ways side by side; lesson 2 teaches it new classes from a few drawings.
 */
public final class TransferView implements AppView {
    /** The title in the view switcher, also how other views ask for this one. */
    public static final String TITLE = "Transfer learning";

    private TransferViewModel vm;

    @Override
    public String title() {
        return TITLE;
    }

    /** The view-model behind the content (after {@link #createContent}). */
    public TransferViewModel viewModel() {
        return vm;
    }

    @Override
    public Node createContent(AppContext context) {
        ExecutorService worker = Background.daemonPool("convscope-transfer"); // the shutdown hook stops a run first
        vm = new TransferViewModel(context, worker, () -> Pretrained.load(Pretrained.MNIST_CNN),
                () -> Datasets.fashionSubset(Assets.DEFAULT));
        context.publish(TransferViewModel.class, vm);
        context.addShutdownHook(worker::shutdown);

        // a lesson's controls join the scene graph when its tab is first selected: opening the view styles one lesson
        Tab clothes = Deferred.tab("1 · Digits → clothes", lessonOne());
        clothes.setId("lesson-clothes");
        BorderPane root = new BorderPane();
        Tab drawn = Deferred.tab("2 · Teach new classes by drawing", lessonTwo(Shown.of(root)));
        drawn.setId("lesson-drawn");
        TabPane tabs = new TabPane(clothes, drawn);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("transfer-tabs");
        tabs.setAccessibleText("Transfer learning lessons");

        root.setCenter(tabs);
        root.getStyleClass().add("transfer-view");
        root.getStylesheets().addAll(DrawView.class.getResource("Draw.css").toExternalForm(),
                TransferView.class.getResource("Transfer.css").toExternalForm());
        return root;
    }

    // ---- lesson 1 -------------------------------------------------------------------------------

    private Node lessonOne() {
        Label intro = text("The digit network learnt its filters from 60,000 handwritten digits. Its first layers "
                + "respond to edges, strokes and corners — and clothes have edges too. So keep its convolutional base, "
                + "give it a new head (Dense 64 → Dense 10 clothing classes) and train on only a few Fashion-MNIST images, "
                + "three ways, with the same images, order and starting head:");
        intro.getStyleClass().add("lesson-intro");

        GridPane ways = new GridPane();
        ways.getStyleClass().add("ways");
        int row = 0;
        for (Way way : Way.values()) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("swatch", "way-" + way.ordinal());
            Label name = new Label(way.label);
            name.getStyleClass().add("way-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            ways.addRow(row++, swatch, name, NetworkStrip.of(way), text(describe(way)));
        }

        ComboBox<Integer> sample = new LightComboBox<>();
        sample.getItems().setAll(TransferViewModel.SAMPLE_SIZES);
        sample.valueProperty().addListener((o, a, n) -> {
            if (n != null) vm.sampleSizeProperty().set(n);
        });
        sample.setValue(vm.sampleSizeProperty().get());
        sample.setId("sample-size");
        sample.setAccessibleText("Training images");
        Tips.install(sample, "Training images of Fashion-MNIST, 10 % of them of each class");
        Spinner<Integer> epochs = new Spinner<>(1, 30, vm.epochsProperty().get());
        epochs.setId("transfer-epochs");
        epochs.setAccessibleText("Epochs");
        epochs.setEditable(true);
        epochs.setPrefWidth(80);
        epochs.valueProperty().addListener((o, a, n) -> vm.epochsProperty().set(n));
        Button start = new Button("Start", Icon.PLAY.node());
        start.setId("compare-start");
        start.setDefaultButton(true);
        start.setOnAction(e -> vm.startComparison());
        start.disableProperty().bind(vm.comparingProperty().or(vm.pretrainedProperty().isNull()).or(vm.dataProperty().isNull()));
        Button stop = new Button("Stop", Icon.STOP.node());
        stop.setId("compare-stop");
        stop.setOnAction(e -> vm.stopComparison());
        stop.disableProperty().bind(vm.comparingProperty().not());
        for (Node n : List.of(sample, epochs)) n.disableProperty().bind(vm.comparingProperty());
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.comparisonProgressProperty());
        progress.setPrefWidth(160);
        Label status = new Label();
        status.setId("compare-status");
        status.textProperty().bind(Bindings.createStringBinding(() -> vm.comparisonStatusProperty().get().isEmpty()
                        ? (vm.loadProblemProperty().get().isEmpty() ? "" : vm.loadProblemProperty().get())
                        : vm.comparisonStatusProperty().get(),
                vm.comparisonStatusProperty(), vm.loadProblemProperty()));
        status.getStyleClass().add("status");
        HBox controls = new HBox(10, new Label("Images"), sample, new Label("Epochs"), epochs, start, stop, progress, status);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("controls");

        LineChart<Number, Number> chart = accuracyChart();
        HBox.setHgrow(chart, Priority.ALWAYS);
        HBox results = new HBox(16, chart, outcomesTable());
        VBox.setVgrow(results, Priority.ALWAYS);

        VBox box = new VBox(14, intro, ways, controls, results);
        box.getStyleClass().add("lesson");
        return box;
    }

    private static String describe(Way way) {
        return switch (way) {
            case FROM_SCRATCH -> "every weight starts random and learns from these few images alone";
            case FEATURE_EXTRACTION -> "the pretrained base is frozen ❄: its edge and stroke detectors stay as they are; only the head learns";
            case FINE_TUNING -> "the pretrained base is the starting point; base and head both learn and adapt to clothes";
        };
    }

    private LineChart<Number, Number> accuracyChart() {
        NumberAxis x = new NumberAxis();
        x.setLabel("epoch");
        x.setAutoRanging(false);
        x.setLowerBound(0);
        x.upperBoundProperty().bind(vm.epochsProperty());
        x.tickUnitProperty().bind(Bindings.createDoubleBinding(() -> vm.epochsProperty().get() <= 12 ? 1.0 : 5.0, vm.epochsProperty()));
        NumberAxis y = new NumberAxis(0, 100, 10);
        y.setLabel("test accuracy (%)");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("transfer-chart");
        chart.titleProperty().bind(Bindings.createStringBinding(() -> vm.dataProperty().get() == null ? "Test accuracy"
                : String.format(Locale.ROOT, "Accuracy on %,d Fashion-MNIST test images", vm.dataProperty().get().testImages().batch()),
                vm.dataProperty()));
        chart.setAnimated(false);
        for (Way way : Way.values()) chart.getData().add(new XYChart.Series<>(way.label, vm.curve(way)));
        chart.setMinHeight(260);
        org.convscope.app.common.ChartDescriptions.follow(chart, "epoch");
        return chart;
    }

    private Node outcomesTable() {
        GridPane table = new GridPane();
        table.setId("transfer-results");
        table.getStyleClass().add("results-table");
        Runnable fill = () -> {
            table.getChildren().clear();
            for (String column : List.of("Way", "Now", "Best", "Learns")) table.addRow(0, Controls.styled(column, "column-header"));
            int r = 1;
            for (Outcome o : vm.outcomes()) {
                table.addRow(r++, Controls.styled(o.way().label, "way-name"),
                        Controls.styled(String.format(Locale.ROOT, "%.1f %%", 100 * o.accuracy()), "number"),
                        Controls.styled(String.format(Locale.ROOT, "%.1f %%", 100 * o.best()), "number"),
                        Controls.styled(String.format(Locale.ROOT, "%,d of %,d", o.trainableParams(), o.totalParams()), "number"));
            }
        };
        vm.outcomes().addListener((ListChangeListener<Outcome>) c -> fill.run());
        fill.run();
        Label note = text("After the same number of epochs on the same images. \"Learns\": the weights the optimizer may change. "
                + "With few images, filters learnt from 60,000 digits beat filters learnt from these alone; the gap is widest "
                + "in the first epochs.");
        note.getStyleClass().add("hint");
        note.setMaxWidth(340);
        VBox box = new VBox(8, table, note);
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }

    // ---- lesson 2 -------------------------------------------------------------------------------

    /** @param viewShown whether the view is shown ({@link Shown#of} its root): the pad's frame clock runs only then */
    private Node lessonTwo(ObservableBooleanValue viewShown) {
        DrawingPad pad = new DrawingPad(vm.sketch(), new DrawingPad.Pen() {
            @Override
            public void down(double x, double y) {
                vm.penDown(x, y);
            }

            @Override
            public void drag(double x, double y) {
                vm.penDrag(x, y);
            }

            @Override
            public void up() {
                vm.penUp();
            }
        });
        pad.setId("transfer-pad");
        pad.setAccessibleText("Drawing pad for the new classes: draw an example, then add it to a class");
        pad.getStyleClass().add("transfer-pad");
        Button clear = new Button("Clear", Icon.DELETE_OUTLINE.node());
        clear.setId("transfer-clear");
        clear.setOnAction(e -> vm.clearPad());
        Label padHint = text("Draw one example, then add it to its class. After training, drawings here are classified live.");
        padHint.getStyleClass().add("hint");
        padHint.setMaxWidth(360);
        VBox padColumn = new VBox(8, pad, new HBox(8, clear), padHint);

        VBox classRows = new VBox(10);
        classRows.setId("class-rows");
        Runnable rebuild = () -> {
            classRows.getChildren().clear();
            for (int i = 0; i < vm.classes().size(); i++) classRows.getChildren().add(classRow(i, vm.classes().get(i)));
        };
        vm.classes().addListener((ListChangeListener<DrawnClass>) c -> rebuild.run());
        rebuild.run();
        Button addClass = new Button("Add class", Icon.PLUS.node());
        addClass.setId("add-class");
        addClass.setOnAction(e -> vm.addClass());
        addClass.disableProperty().bind(Bindings.size(vm.classes()).greaterThanOrEqualTo(DrawnClasses.MAX_CLASSES));

        Button train = new Button("Train", Icon.SCHOOL_OUTLINE.node());
        train.setId("teach");
        train.getStyleClass().add("accent");
        train.setOnAction(e -> vm.teach());
        train.disableProperty().bind(vm.teachingProperty().or(vm.pretrainedProperty().isNull()));
        Label teachStatus = new Label();
        teachStatus.setId("teach-status");
        teachStatus.setWrapText(true);
        teachStatus.textProperty().bind(vm.teachStatusProperty());
        teachStatus.getStyleClass().add("status");
        Button save = new Button("Save model…", Icon.CONTENT_SAVE_OUTLINE.node());
        save.setId("teach-save");
        save.setOnAction(e -> save(save.getScene().getWindow()));
        Button load = new Button("Load model…", Icon.FOLDER_OPEN_OUTLINE.node());
        load.setId("teach-load");
        load.setOnAction(e -> load(load.getScene().getWindow()));
        Button use = new Button("Use in all views", Icon.ARROW_RIGHT_BOLD_BOX_OUTLINE.node());
        use.setId("teach-use");
        Tips.install(use, "Make this the model of every view: Draw & classify, Inside the network, …");
        use.setOnAction(e -> vm.useInAllViews());
        for (Button b : List.of(save, use)) b.disableProperty().bind(vm.taughtProperty().isNull());
        FlowPane actions = new FlowPane(8, 8, train, save, load, use);
        VBox classesColumn = new VBox(10, Controls.styled("Your classes", "section-title"), classRows, addClass, actions, teachStatus);
        classesColumn.getStyleClass().add("classes-column");
        ScrollPane classesScroll = new ScrollPane(classesColumn);
        classesScroll.setFitToWidth(true);
        classesScroll.getStyleClass().add("classes-scroll");
        HBox.setHgrow(classesScroll, Priority.ALWAYS);

        ProbabilityBars bars = new ProbabilityBars();
        bars.setId("teach-bars");
        Label answer = new Label("Train, then draw");
        answer.setId("teach-answer");
        answer.getStyleClass().add("answer");
        Runnable showAnswer = () -> {
            var c = vm.classificationProperty().get();
            Model m = vm.taughtProperty().get();
            bars.show(m == null ? List.of() : m.classNames(), c == null ? null : c.probabilities());
            answer.setText(m == null ? "Train, then draw" : c == null ? "Draw to test" : c.topName());
        };
        vm.classificationProperty().addListener((o, a, b) -> showAnswer.run());
        vm.taughtProperty().addListener((o, a, b) -> showAnswer.run());
        Label how = text("What is frozen: the digit network's convolution and pooling layers (its base) keep their weights. "
                + "They turn each drawing into 2,304 numbers — how strongly each of 64 filters found its edge or stroke in each "
                + "region. Only the new head learns which of those mean which class, so ten drawings each are enough.");
        how.getStyleClass().add("hint");
        VBox answerColumn = new VBox(12, Controls.styled("The new model says", "section-title"), answer, bars);
        answerColumn.getStyleClass().add("answer-column");
        answerColumn.setPrefWidth(360);
        answerColumn.setMinWidth(280);

        padColumn.setMinWidth(Region.USE_PREF_SIZE); // the pad keeps its size when the answer column fills
        HBox columns = new HBox(18, padColumn, classesScroll, answerColumn);
        how.setMaxWidth(900);
        VBox explanation = new VBox(8, NetworkStrip.ofDrawnClasses(), how);
        explanation.getStyleClass().add("explanation");
        VBox box = new VBox(14, columns, explanation);
        box.getStyleClass().add("lesson");

        AnimationTimer frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pad.refresh(false);
                vm.pulse();
            }
        };
        var showing = Bindings.selectBoolean(box.sceneProperty(), "window", "showing").and(viewShown);
        showing.addListener((obs, was, on) -> {
            if (on) frames.start();
            else frames.stop();
        });
        if (showing.get()) frames.start();
        box.getProperties().put("transfer.showing", showing); // a select binding is only weakly referenced
        return box;
    }

    private Node classRow(int index, DrawnClass c) {
        TextField name = new TextField();
        name.textProperty().bindBidirectional(c.nameProperty());
        name.setPromptText("name, e.g. triangle");
        name.setPrefColumnCount(10);
        name.setId("class-name-" + index);
        name.setAccessibleText("Name of class " + (index + 1));
        Label count = new Label();
        count.setId("class-count-" + index);
        count.getStyleClass().add("count");
        count.textProperty().bind(Bindings.createStringBinding(() -> c.examples().size() == 1 ? "1 drawing"
                : c.examples().size() + " drawings", c.examples()));
        Button add = new Button(null, Icon.PLUS_BOX_OUTLINE.node());
        add.textProperty().bind(Bindings.createStringBinding(() -> "Add to " + (c.nameProperty().get() == null
                || c.nameProperty().get().isBlank() ? "class " + (index + 1) : c.nameProperty().get().strip()), c.nameProperty()));
        add.setId("add-example-" + index);
        Tips.install(add, "Adds the drawing on the pad to this class and clears the pad");
        add.setOnAction(e -> vm.addExample(index));
        Button remove = new Button(null, Icon.CLOSE.node());
        remove.getStyleClass().add("flat");
        Tips.install(remove, "Remove this class and its drawings");
        remove.setOnAction(e -> vm.removeClass(index));
        remove.setDisable(vm.classes().size() <= DrawnClasses.MIN_CLASSES);
        remove.setId("remove-class-" + index);
        remove.setAccessibleText("Remove class " + (index + 1));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(8, name, count, grow, add, remove);
        head.setAlignment(Pos.CENTER_LEFT);

        FlowPane thumbs = new FlowPane(4, 4);
        thumbs.setId("class-thumbs-" + index);
        thumbs.getStyleClass().add("thumbs");
        Runnable fill = () -> {
            thumbs.getChildren().clear();
            for (int k = 0; k < c.examples().size(); k++) {
                ImageView img = new ImageView(Thumbnails.of(c.examples().get(k), 0));
                img.setFitWidth(40);
                img.setFitHeight(40);
                Node cross = Icon.CLOSE_CIRCLE.node(12);
                cross.getStyleClass().add("delete-mark");
                StackPane face = new StackPane(img, cross);
                StackPane.setAlignment(cross, Pos.TOP_RIGHT);
                Button thumb = new Button(null, face);
                thumb.getStyleClass().add("thumb");
                Tips.install(thumb, "Delete this drawing");
                thumb.setAccessibleText("Delete drawing " + (k + 1) + " of " + c.nameProperty().get());
                int at = k;
                thumb.setOnAction(e -> vm.removeExample(index, at));
                thumbs.getChildren().add(thumb);
            }
            if (c.examples().isEmpty()) thumbs.getChildren().add(Controls.styled("No drawings yet — about 10 work well.", "hint"));
        };
        c.examples().addListener((ListChangeListener<Object>) ch -> fill.run());
        fill.run();
        VBox row = new VBox(6, head, thumbs);
        row.getStyleClass().add("class-row");
        return row;
    }

    private void save(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the model");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ConvScope model", "*.convscope"));
        chooser.setInitialFileName(vm.taughtProperty().get().name() + ".convscope");
        File file = chooser.showSaveDialog(owner);
        if (file != null) vm.saveModel(file.toPath());
    }

    private void load(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Load a model");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ConvScope model", "*.convscope"));
        File file = chooser.showOpenDialog(owner);
        if (file != null) vm.loadModel(file.toPath());
    }

    // ---- small pieces -----------------------------------------------------------------------------

    private static Label text(String s) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
