package org.convscope.app.draw;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import org.convscope.app.common.Tips;
import javafx.scene.image.ImageView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.convscope.app.AppContext;
import org.convscope.app.AppView;
import org.convscope.app.common.ColorLegend;
import org.convscope.app.common.Descriptions;
import org.convscope.app.common.ModelFiles;
import org.convscope.app.common.Shown;
import org.convscope.app.explain.HeatMapOverlay;
import org.convscope.trace.explain.ExplanationMethod;
import org.convscope.data.GreyImage;
import org.convscope.data.ImageFolder;
import org.convscope.data.Preprocessing;
import org.convscope.app.common.Icon;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Draw &amp; classify: the drawing pad on the left; on the right the network's answer (top class
 * large, a bar per class) and the 28×28 input it saw, with the preprocessing steps one click away.
 * Thin: all state is in {@link DrawViewModel}.
 */
public final class DrawView implements AppView {
    /** The title in the view switcher, also how other views ask for this one. */
    public static final String TITLE = "Draw & classify";

    private static final String STYLESHEET =
            Objects.requireNonNull(DrawView.class.getResource("/org/convscope/app/draw/Draw.css")).toExternalForm();

    private final DrawViewModel viewModel;
    private final Path samples;

    /** The view over the app's draw view-model (the app routes File → Open image and paste to it). */
    public DrawView(DrawViewModel viewModel) {
        this(viewModel, SampleGallery.FOLDER);
    }

    public DrawView(DrawViewModel viewModel, Path samples) {
        this.viewModel = viewModel;
        this.samples = samples;
    }

    /** The drawing this view edits, which other views' pads share. */
    public DrawViewModel viewModel() {
        return viewModel;
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public Node createContent(AppContext context) {
        context.publish(DrawViewModel.class, viewModel);
        BorderPane root = new BorderPane();
        BooleanBinding shown = Shown.of(root);
        DrawingPad pad = DrawingPad.live(viewModel, true, shown);
        pad.setId("pad");
        describe(pad, viewModel);
        ImageView picture = new ImageView();
        picture.setPreserveRatio(true);
        // small pictures (MNIST's 28×28) are shown as crisp pixels, larger ones smoothly
        picture.smoothProperty().bind(Bindings.createBooleanBinding(() -> viewModel.pictureProperty().get() == null
                || viewModel.pictureProperty().get().preview().getWidth() > 100, viewModel.pictureProperty()));
        picture.setMouseTransparent(true);
        picture.accessibleTextProperty().bind(Bindings.createStringBinding(() -> viewModel.pictureProperty().get() == null
                ? "No picture: the pad is for drawing" : "Picture " + viewModel.pictureProperty().get().name(), viewModel.pictureProperty()));
        picture.imageProperty().bind(Bindings.createObjectBinding(() ->
                viewModel.pictureProperty().get() == null ? null : viewModel.pictureProperty().get().preview(),
                viewModel.pictureProperty()));
        picture.fitWidthProperty().bind(pad.widthProperty().multiply(0.9));
        picture.fitHeightProperty().bind(pad.heightProperty().multiply(0.9));
        Label padHint = new Label();
        padHint.setId("pad-hint");
        padHint.textProperty().bind(Bindings.createStringBinding(
                () -> "Draw a " + Descriptions.drawnThing(context.modelProperty().get()) + " here", context.modelProperty()));
        padHint.getStyleClass().add("pad-hint");
        padHint.setMouseTransparent(true);
        padHint.visibleProperty().bind(viewModel.canUndoProperty().not().and(viewModel.pictureProperty().isNull()));
        StackPane padBox = new StackPane(pad, picture, padHint);
        padBox.getStyleClass().add("pad-box");
        HBox.setHgrow(padBox, Priority.ALWAYS);

        root.getStyleClass().add("draw-view");
        root.getStylesheets().add(STYLESHEET);
        VBox top = new VBox(toolBar(root), errorBanner());
        root.setTop(top);
        HBox cards = new HBox();
        cards.getStyleClass().add("answer-cards");
        cards.setMaxHeight(Region.USE_PREF_SIZE); // both cards as tall as the taller one; the pad takes the rest
        HBox centre = new HBox(padBox, cards);
        for (Node card : answerCards()) {
            // each card takes a quarter of the width (within its CSS min and max); the pad takes the rest
            ((Region) card).prefWidthProperty().bind(centre.widthProperty().multiply(0.25));
            cards.getChildren().add(card);
        }
        centre.getStyleClass().add("draw-centre");
        centre.setAlignment(Pos.CENTER_LEFT); // the cards sit level with the middle of the pad
        root.setCenter(centre);
        SampleGallery gallery = new SampleGallery(samples, viewModel::openImage);
        gallery.showFolder(context.pictureFolderProperty().get());
        context.pictureFolderProperty().addListener((obs, old, folder) -> gallery.showFolder(folder));
        root.setBottom(gallery);
        for (Node optional : List.of(top.getChildren().get(0), gallery)) {
            optional.visibleProperty().bind(context.controlsHiddenProperty().not());
            optional.managedProperty().bind(optional.visibleProperty());
        }

        viewModel.explanation().shownProperty().bind(shown);
        root.addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        root.setOnDragOver(this::onDragOver);
        root.setOnDragDropped(this::onDragDropped);
        viewModel.setInputRangeQuestion(file -> InputRangeDialog.ask(root.getScene() == null ? null : root.getScene().getWindow(), file));
        return root;
    }

    // ---- tool bar ------------------------------------------------------------------------------

    private Node toolBar(Node owner) {
        ToggleGroup models = new ToggleGroup();
        HBox modelPills = new HBox();
        for (DrawViewModel.Pretrained which : DrawViewModel.Pretrained.values()) {
            modelPills.getChildren().add(modelButton(which, models, which.ordinal() == 0 ? "left-pill" : "center-pill"));
        }
        Button openModel = new Button("Model file…", Icon.FOLDER_OPEN_OUTLINE.node());
        openModel.getStyleClass().add("right-pill");
        openModel.setOnAction(e -> chooseModel(owner.getScene().getWindow()));
        modelPills.getChildren().add(openModel);
        viewModel.pretrainedProperty().addListener((obs, old, now) -> {
            for (var b : models.getToggles()) b.setSelected(b.getUserData() == now);
        });

        ToggleGroup tools = new ToggleGroup();
        ToggleButton pen = toolButton(Icon.FOUNTAIN_PEN_TIP, "Pen (B)", "left-pill", tools);
        pen.setId("pen-button");
        pen.setSelected(true);
        ToggleButton eraser = toolButton(Icon.ERASER, "Eraser (E)", "right-pill", tools);
        eraser.setId("eraser-button");
        eraser.selectedProperty().bindBidirectional(viewModel.eraserProperty());
        viewModel.eraserProperty().addListener((obs, old, on) -> pen.setSelected(!on));
        pen.setOnAction(e -> viewModel.eraserProperty().set(false));

        Slider brush = new Slider(DrawViewModel.MIN_BRUSH, DrawViewModel.MAX_BRUSH, DrawViewModel.DEFAULT_BRUSH);
        brush.setId("brush-slider");
        brush.valueProperty().bindBidirectional(viewModel.brushRadiusProperty());
        Tips.install(brush, "Brush size ([ and ])");
        brush.setAccessibleText("Brush size");
        Label brushLabel = new Label("Brush");

        Button undo = commandButton(Icon.UNDO, "Undo (Ctrl+Z)", viewModel::undo);
        undo.setId("undo-button");
        undo.disableProperty().bind(viewModel.canUndoProperty().not());
        Button redo = commandButton(Icon.REDO, "Redo (Ctrl+Y)", viewModel::redo);
        redo.setId("redo-button");
        redo.disableProperty().bind(viewModel.canRedoProperty().not());
        Button clear = new Button("Clear", Icon.DELETE_OUTLINE.node());
        clear.setId("clear-button");
        Tips.install(clear, "Clear the pad (Esc)");
        clear.setOnAction(e -> viewModel.clear());

        Button open = commandButton(Icon.IMAGE_OUTLINE, "Open an image (Ctrl+O), or drop or paste one",
                () -> chooseImage(owner.getScene().getWindow()));
        open.setId("open-image-button");
        Button openFolder = commandButton(Icon.FOLDER_MULTIPLE_IMAGE, "Open a picture folder (one sub-folder per class) for the samples strip",
                () -> choosePictureFolder(owner.getScene().getWindow()));
        openFolder.setId("open-folder-button");

        HBox brushBox = new HBox(brushLabel, brush);
        brushBox.setAlignment(Pos.CENTER_LEFT);
        brushBox.getStyleClass().add("tool-group");
        HBox edit = new HBox(undo, redo, clear);
        edit.getStyleClass().add("tool-group");
        // a flow, so that at a large zoom the tools wrap onto a second row instead of being cut off
        edit.getChildren().addAll(0, List.of(open, openFolder));
        FlowPane bar = new FlowPane(modelPills, new HBox(pen, eraser), palette(), brushBox, edit);
        bar.getStyleClass().add("draw-tool-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** The ink colours of a colour model's pad, keys 1–6; absent for grey models, whose pad has one ink. */
    private Node palette() {
        ToggleGroup group = new ToggleGroup();
        HBox box = new HBox();
        box.getStyleClass().addAll("tool-group", "palette");
        box.setAlignment(Pos.CENTER_LEFT);
        for (int k = 0; k < InkColour.PALETTE.size(); k++) {
            InkColour c = InkColour.PALETTE.get(k);
            javafx.scene.shape.Rectangle swatch = new javafx.scene.shape.Rectangle(16, 16, javafx.scene.paint.Color.rgb(
                    c.rgb() >> 16 & 0xff, c.rgb() >> 8 & 0xff, c.rgb() & 0xff));
            swatch.setStroke(javafx.scene.paint.Color.gray(0.5));
            ToggleButton b = new ToggleButton(null, swatch);
            b.setId("ink-" + c.name());
            b.setToggleGroup(group);
            b.setUserData(c);
            Tips.install(b, "Ink: " + c.name() + " (" + (k + 1) + ")");
            b.setAccessibleText("Ink colour " + c.name() + ", key " + (k + 1));
            b.getStyleClass().add(k == 0 ? "left-pill" : k == InkColour.PALETTE.size() - 1 ? "right-pill" : "center-pill");
            b.setSelected(viewModel.inkColourProperty().get().equals(c));
            b.setOnAction(e -> viewModel.eraserProperty().set(false));
            box.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t == null) old.setSelected(true); // one colour is always chosen
            else viewModel.inkColourProperty().set((InkColour) t.getUserData());
        });
        viewModel.inkColourProperty().addListener((obs, old, c) -> group.getToggles().forEach(t -> t.setSelected(t.getUserData().equals(c))));
        box.visibleProperty().bind(viewModel.colourPadProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private ToggleButton modelButton(DrawViewModel.Pretrained which, ToggleGroup group, String pill) {
        ToggleButton b = new ToggleButton(which.label);
        b.getStyleClass().add(pill);
        b.setToggleGroup(group);
        b.setUserData(which);
        b.setId("model-" + which.name().toLowerCase(java.util.Locale.ROOT));
        b.setOnAction(e -> {
            b.setSelected(viewModel.pretrainedProperty().get() == which); // selection follows the loaded model
            viewModel.usePretrained(which);
        });
        return b;
    }

    private static ToggleButton toolButton(Icon icon, String tip, String pill, ToggleGroup group) {
        ToggleButton b = new ToggleButton(null, icon.node());
        b.getStyleClass().addAll(pill, "button-icon");
        Tips.install(b, tip);
        b.setAccessibleText(tip);
        b.setToggleGroup(group);
        return b;
    }

    private static Button commandButton(Icon icon, String tip, Runnable action) {
        Button b = new Button(null, icon.node());
        b.getStyleClass().add("button-icon");
        Tips.install(b, tip);
        b.setAccessibleText(tip);
        b.setOnAction(e -> action.run());
        return b;
    }

    private Node errorBanner() {
        Label banner = new Label();
        banner.setId("draw-error");
        banner.getStyleClass().add("error-banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setGraphic(Icon.ALERT_CIRCLE_OUTLINE.node());
        banner.textProperty().bind(viewModel.errorProperty());
        banner.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    // ---- the answer ----------------------------------------------------------------------------

    /** Two cards beside the pad: what the network sees (the input and its steps), and what it says. */
    private List<Node> answerCards() {
        Label caption = new Label("The network says");
        caption.getStyleClass().add("caption");
        Label top = new Label("?");
        top.setId("prediction");
        top.getStyleClass().add("prediction");
        Label confidence = new Label();
        confidence.setId("confidence");
        confidence.getStyleClass().add("confidence");
        confidence.setWrapText(true);
        confidence.setMinHeight(Region.USE_PREF_SIZE);
        ProbabilityBars bars = new ProbabilityBars();
        bars.setId("bars");

        Label seesCaption = new Label("What the network sees");
        seesCaption.getStyleClass().add("caption");
        PixelGrid grid = new PixelGrid();
        grid.setId("input-grid");
        ToggleGroup stepGroup = new ToggleGroup();
        FlowPane steps = new FlowPane();
        steps.getStyleClass().add("step-buttons");
        DrawViewModel.Step[] all = DrawViewModel.Step.values();
        for (int i = 0; i < all.length; i++) {
            DrawViewModel.Step s = all[i];
            ToggleButton b = new ToggleButton((i + 1) + " " + s.label);
            Tips.install(b, "Step " + (i + 1) + " of the preprocessing: " + s.label.toLowerCase(java.util.Locale.ROOT));
            b.setId("step-" + s.name().toLowerCase(java.util.Locale.ROOT));
            b.getStyleClass().add(i == 0 ? "left-pill" : i == all.length - 1 ? "right-pill" : "center-pill");
            b.setToggleGroup(stepGroup);
            b.setSelected(viewModel.stepProperty().get() == s);
            b.setOnAction(e -> {
                b.setSelected(true);
                viewModel.stepProperty().set(s);
            });
            viewModel.stepProperty().addListener((obs, old, now) -> b.setSelected(now == s));
            steps.getChildren().add(b);
        }
        Label stepText = new Label();
        stepText.setId("step-text");
        stepText.getStyleClass().add("step-text");
        stepText.setWrapText(true);
        stepText.setMinHeight(Region.USE_PREF_SIZE);

        Runnable update = () -> {
            Classification c = viewModel.resultProperty().get();
            var model = viewModel.context().modelProperty().get();
            top.getStyleClass().remove("unsure");
            top.getStyleClass().remove("long-name");
            if (c == null || c.blank()) {
                top.setText("?");
                confidence.setText(model == null ? (viewModel.loadingProperty().get() ? "Loading the model…" : "No model loaded")
                        : viewModel.pictureProperty().get() == null ? "Draw a " + Descriptions.drawnThing(model) + " to start" : "Nothing to classify");
            } else {
                top.setText(c.topName());
                if (c.topName().length() > 2) top.getStyleClass().add("long-name");
                if (c.confidence() < 0.5) top.getStyleClass().add("unsure");
                confidence.setText(String.format("%.1f %% sure%s", 100 * c.confidence(), c.confidence() < 0.5 ? " – not sure" : ""));
            }
            bars.show(model == null ? List.of() : model.classNames(), c == null ? null : c.probabilities());
            bars.setAccessibleText(c == null || c.blank() ? "No prediction yet" : Descriptions.prediction(c.classNames(), c.probabilities()));
            grid.setAccessibleText("What the network sees, step " + viewModel.stepProperty().get().label.toLowerCase(java.util.Locale.ROOT)
                    + (c == null || c.blank() ? ": nothing yet" : ": the " + c.input().dim(1) + "×" + c.input().dim(2) + " input"));
            showStep(grid, stepText, c, viewModel.stepProperty().get());
            if (c != null && c.note() != null) stepText.setText(c.note() + " " + stepText.getText());
            steps.setDisable(c != null && c.steps() == null);
        };
        viewModel.resultProperty().addListener(o -> update.run());
        viewModel.stepProperty().addListener(o -> update.run());
        viewModel.loadingProperty().addListener(o -> update.run());
        viewModel.context().modelProperty().addListener(o -> update.run());
        update.run();

        ExplanationViewModel why = viewModel.explanation();
        // the legend's 256-pixel bar is wider than this card: shown at 8 em, as the opacity slider
        ColorLegend legend = HeatMapOverlay.narrowLegend(Bindings.createDoubleBinding(() -> 8 * stepText.getFont().getSize(), stepText.fontProperty()));
        legend.setId("explain-legend");
        Runnable overlay = () -> {
            ExplanationViewModel.Explanation e = why.explanationProperty().get();
            Classification c = viewModel.resultProperty().get();
            boolean onInput = c != null && (c.steps() == null || viewModel.stepProperty().get() == DrawViewModel.Step.CENTRED);
            // the last map stays until the next one is ready
            boolean shown = e != null && c != null && e.source().model() == c.model() && onInput;
            HeatMapOverlay.show(grid, legend, shown ? e.map() : null, why.opacityProperty().get(),
                    viewModel.context().sequentialColorMapProperty().get());
        };
        viewModel.context().sequentialColorMapProperty().addListener(o -> overlay.run());
        viewModel.resultProperty().addListener(o -> overlay.run());
        viewModel.stepProperty().addListener(o -> overlay.run());
        why.explanationProperty().addListener(o -> overlay.run());
        why.opacityProperty().addListener(o -> overlay.run());
        bars.setOnClassChosen(why::explainClass);
        Runnable mark = () -> bars.markExplained(why.enabledProperty().get() ? why.explainedClassProperty().get() : -1);
        why.explainedClassProperty().addListener(o -> mark.run());
        why.enabledProperty().addListener(o -> mark.run());
        viewModel.resultProperty().addListener(o -> mark.run());

        VBox sees = new VBox(seesCaption, grid, steps, stepText, explainBox(why, legend));
        sees.getStyleClass().addAll("card", "sees-card");
        VBox says = new VBox(caption, top, confidence, bars);
        says.getStyleClass().addAll("card", "says-card");
        return List.of(sees, says);
    }

    /** Shows one preprocessing step (or the plain input for models without the MNIST steps). */
    /** Gives a pad over {@code drawing} a description that follows the input and the network's answer to it. */
    public static void describe(DrawingPad pad, DrawViewModel drawing) {
        pad.accessibleTextProperty().bind(Bindings.createStringBinding(() -> {
            Classification c = drawing.resultProperty().get();
            return "Drawing pad" + (drawing.pictureProperty().get() != null ? " showing " + drawing.pictureProperty().get().name() : "")
                    + ". " + (c == null || c.blank() ? "Empty: draw with the mouse, or move the pen with the arrow keys and press Space for ink"
                    : Descriptions.prediction(c.classNames(), c.probabilities()));
        }, drawing.resultProperty(), drawing.pictureProperty()));
    }

    /** The overlay's controls: the toggle, and while it is on the method, the opacity, the legend and what it shows. */
    private static Node explainBox(ExplanationViewModel why, ColorLegend legend) {
        ToggleButton toggle = new ToggleButton("Why?", Icon.LIGHTBULB_ON_OUTLINE.node());
        toggle.setId("explain-toggle");
        Tips.install(toggle, "Show which pixels made the network answer as it did; click a class's bar to explain that class");
        toggle.selectedProperty().bindBidirectional(why.enabledProperty());
        toggle.setMinWidth(Region.USE_PREF_SIZE);
        ChoiceBox<ExplanationMethod> method = new ChoiceBox<>(FXCollections.observableArrayList(ExplanationMethod.values()));
        method.setId("explain-method");
        method.setAccessibleText("Explanation method");
        method.setConverter(new StringConverter<>() {
            @Override
            public String toString(ExplanationMethod m) {
                return m == null ? "" : m.label;
            }

            @Override
            public ExplanationMethod fromString(String s) {
                return null;
            }
        });
        method.valueProperty().bindBidirectional(why.methodProperty());
        method.setMinWidth(0);
        method.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(method, Priority.ALWAYS);
        Slider opacity = new Slider(0, 1, why.opacityProperty().get());
        opacity.setId("explain-opacity");
        opacity.setAccessibleText("Opacity of the explanation over the input");
        Tips.install(opacity, "Opacity of the map over the input");
        opacity.valueProperty().bindBidirectional(why.opacityProperty());
        HBox row = new HBox(toggle, method);
        row.getStyleClass().add("explain-row");
        row.setAlignment(Pos.CENTER_LEFT);
        HBox opacityRow = new HBox(new Label("Opacity"), opacity);
        opacityRow.getStyleClass().add("explain-row");
        opacityRow.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("explain-status");
        status.getStyleClass().add("step-text");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().bind(why.statusProperty());
        for (Node n : List.of(method, opacityRow, legend, status)) {
            n.visibleProperty().bind(why.enabledProperty());
            n.managedProperty().bind(n.visibleProperty());
        }
        VBox box = new VBox(row, opacityRow, legend, status);
        box.getStyleClass().add("explain-box");
        return box;
    }

    private static void showStep(PixelGrid grid, Label text, Classification c, DrawViewModel.Step step) {
        if (c == null) {
            grid.show(new float[28 * 28], 28, 28, null, null);
            text.setText("Draw on the pad, open an image, or pick a sample below.");
            return;
        }
        Preprocessing.Centred s = c.steps();
        if (s == null) {
            int h = c.input().dim(1), w = c.input().dim(2), ch = c.input().dim(3);
            grid.showInput(c.input());
            text.setText("The picture " + ImageFolder.FIT + " to the model's input " + h + "×" + w
                    + (ch == 3 ? " in colour: red, green and blue, each a channel" : ""));
            return;
        }
        if (s.blank()) {
            grid.show(s.field().values(), 28, 28, null, null);
            text.setText("No ink yet: the network sees an empty 28×28 field.");
            return;
        }
        switch (step) {
            case INK -> {
                show(grid, s.ink(), null, null);
                text.setText((s.inverted() ? "Dark ink on light paper, inverted: " : "The ink: ")
                        + s.ink().width() + "×" + s.ink().height() + " pixels, paper 0, ink 1.");
            }
            case BOX -> {
                GreyImage.Box b = s.inkBox();
                show(grid, s.ink(), new PixelGrid.Box(b.x(), b.y(), b.x() + b.width(), b.y() + b.height()), null);
                text.setText("The ink's bounding box: " + b.width() + "×" + b.height() + " pixels; the rest is cut away.");
            }
            case SCALED -> {
                show(grid, s.scaled(), null, centreOfCell(s.scaledMass()));
                text.setText("Longer side scaled to " + Math.max(s.scaled().width(), s.scaled().height()) + " px: "
                        + s.scaled().width() + "×" + s.scaled().height() + ". The cross marks the centre of mass.");
            }
            case CENTRED -> {
                show(grid, s.field(), new PixelGrid.Box(s.left(), s.top(), s.left() + s.scaled().width(),
                        s.top() + s.scaled().height()), centreOfCell(s.mass()));
                text.setText(String.format("Placed in the 28×28 field with its centre of mass at (%.1f, %.1f): "
                        + "this is the network's input.", s.mass()[0], s.mass()[1]));
            }
        }
    }

    private static void show(PixelGrid grid, GreyImage image, PixelGrid.Box box, double[] centre) {
        grid.show(image.values(), image.height(), image.width(), box, centre);
    }

    /** A centre of mass in pixel indices, moved to cell coordinates (pixel i covers [i, i+1)). */
    private static double[] centreOfCell(double[] mass) {
        return mass == null ? null : new double[]{mass[0] + 0.5, mass[1] + 0.5};
    }

    // ---- keys, files, drag and drop -------------------------------------------------------------

    private void onKey(KeyEvent e) {
        if (e.isShortcutDown() && e.getCode() == KeyCode.Z) viewModel.undo();
        else if (e.isShortcutDown() && e.getCode() == KeyCode.Y) viewModel.redo();
        else if (e.getCode() == KeyCode.ESCAPE) viewModel.clear();
        else if (e.getCode() == KeyCode.B && !e.isShortcutDown()) viewModel.eraserProperty().set(false);
        else if (e.getCode() == KeyCode.E && !e.isShortcutDown()) viewModel.eraserProperty().set(true);
        else if (viewModel.colourPadProperty().get() && !e.isShortcutDown() && e.getCode().isDigitKey()
                && e.getCode().getChar().charAt(0) >= '1' && e.getCode().getChar().charAt(0) <= '0' + InkColour.PALETTE.size()) {
            viewModel.inkColourProperty().set(InkColour.PALETTE.get(e.getCode().getChar().charAt(0) - '1'));
            viewModel.eraserProperty().set(false);
        }
        else if (e.getCode() == KeyCode.OPEN_BRACKET) viewModel.thinner();
        else if (e.getCode() == KeyCode.CLOSE_BRACKET) viewModel.thicker();
        else return;
        e.consume();
    }

    private void onDragOver(DragEvent e) {
        if (e.getDragboard().hasFiles() || e.getDragboard().hasImage()) e.acceptTransferModes(TransferMode.COPY);
        e.consume();
    }

    /** A dropped model file becomes the model; a dropped image file or picture the input. */
    private void onDragDropped(DragEvent e) {
        var board = e.getDragboard();
        if (board.hasFiles() && !board.getFiles().isEmpty()) {
            Path file = board.getFiles().get(0).toPath();
            if (ModelFiles.isModelFile(file)) viewModel.openModel(file);
            else viewModel.openImage(file);
        } else if (board.hasImage()) {
            viewModel.showImage("dropped image", javafx.embed.swing.SwingFXUtils.fromFXImage(board.getImage(), null));
        }
        e.setDropCompleted(true);
        e.consume();
    }

    /** Asks for an image file and opens it. */
    public void chooseImage(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open image");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif"));
        if (java.nio.file.Files.isDirectory(samples)) chooser.setInitialDirectory(samples.toFile());
        File file = chooser.showOpenDialog(owner);
        if (file != null) viewModel.openImage(file.toPath());
    }

    /** Asks for a picture folder and shows a few of its pictures of each class in the samples strip. */
    private void choosePictureFolder(Window owner) {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle("Open picture folder (one sub-folder per class)");
        File folder = chooser.showDialog(owner);
        if (folder != null) viewModel.openPictureFolder(folder.toPath());
    }

    private void chooseModel(Window owner) {
        ModelFiles.choose(owner).ifPresent(viewModel::openModel);
    }
}
