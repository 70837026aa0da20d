package org.convscope.app.conv;

import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import org.convscope.app.common.Tips;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.convscope.app.AppContext;
import org.convscope.app.AppView;
import org.convscope.app.common.Background;
import org.convscope.app.common.Controls;
import org.convscope.app.common.Deferred;
import org.convscope.app.common.Descriptions;
import org.convscope.app.common.EquationPanel;
import org.convscope.app.common.LightComboBox;
import org.convscope.app.common.MatrixEditor;
import org.convscope.app.common.MatrixView;
import org.convscope.app.common.StepperViews;
import org.convscope.app.draw.PixelGrid;
import org.convscope.app.draw.SampleGallery;
import org.convscope.data.ImageFiles;
import org.convscope.engine.Activation;
import org.convscope.trace.ActivationNames;
import org.convscope.trace.Grid;
import org.convscope.trace.render.Frame;
import org.convscope.trace.render.Frames;

import java.util.ArrayList;
import java.util.List;

/**
 * "Convolution": a kernel slides over an input, every multiply-add shown, the output filling in, and
 * the output size worked out. Thin: the state is a {@link ConvolutionViewModel}; this class lays out
 * controls, grids and text and forwards clicks, hovers and typed cells.
 */
public final class ConvolutionView implements AppView {
    /** The title in the view switcher, also how other views ask for this one. */
    public static final String TITLE = "Convolution";

    private final ConvolutionViewModel vm = new ConvolutionViewModel();

    private final HBox inputBox = new HBox(10);
    private final VBox kernelBox = new VBox(8);
    private final List<MatrixView> inputViews = new ArrayList<>();
    private final List<VBox> inputCells = new ArrayList<>();
    private final List<MatrixEditor> kernelEditors = new ArrayList<>();
    private final List<Label> kernelCaptions = new ArrayList<>();
    private final MatrixView outputView = new MatrixView();
    private final MatrixEditor inputEditor = new MatrixEditor();
    private final ToggleButton editInput = new ToggleButton("Edit cells");
    private EquationPanel text;
    private final Label outputCaption = new Label();
    private final Label inputCaption = caption("Input");
    /** A colour model's input picture beside its R, G and B grids: the numbers are the grids', the picture is what they make. */
    private final PixelGrid colourPicture = new PixelGrid();
    private final VBox colourCell = new VBox(4, new Label("picture"), colourPicture);

    @Override
    public String title() {
        return TITLE;
    }

    public ConvolutionViewModel viewModel() {
        return vm;
    }

    /** The first picture of the picture folder, read in the background, for a colour model while nothing is drawn. */
    private void readColourSample(java.nio.file.Path folder) {
        vm.colourSampleProperty().set(null);
        lastFolder = folder;
        if (folder == null) return;
        javafx.concurrent.Task<ConvolutionViewModel.Sample> read = Background.task(() -> {
            for (SampleGallery.FolderSample first : SampleGallery.folderSamples(folder)) {
                return new ConvolutionViewModel.Sample(first.className() + "/" + first.file().getFileName() + " of the picture folder "
                        + folder.getFileName(), ImageFiles.read(first.file()));
            }
            return null;
        });
        // only the latest folder's picture is taken; a picture that cannot be read leaves the grey sample and its note
        read.setOnSucceeded(e -> {
            if (folder.equals(lastFolder)) vm.colourSampleProperty().set(read.getValue());
        });
        Background.run(read);
    }

    private java.nio.file.Path lastFolder;

    @Override
    public Node createContent(AppContext context) {
        context.publish(ConvolutionViewModel.class, vm);
        vm.modelProperty().bind(context.modelProperty());
        vm.drawingProperty().bind(context.inputProperty());
        context.pictureFolderProperty().addListener((obs, old, folder) -> readColourSample(folder));
        readColourSample(context.pictureFolderProperty().get());
        // "Step through this" from Inside the network: the request may predate this view's first showing
        if (context.convolutionRequestProperty().get() != null) vm.stepThrough(context.convolutionRequestProperty().get());
        context.convolutionRequestProperty().addListener((obs, old, request) -> {
            if (request != null) vm.stepThrough(request);
        });

        Node settings = settings(context);
        Node stage = stage();
        text = new EquationPanel(vm.outputSizeProperty(), vm.problemProperty(), vm.noteProperty());
        BorderPane root = StepperViews.root(vm, context, settings, stage, text, "convolution-view",
                getClass().getResource("Convolution.css"));

        StepperViews.wireOutputGrid(outputView, vm);
        inputEditor.setId("input-editor");
        inputEditor.gridProperty().addListener((o, a, b) -> {
            if (b != null && vm.inputProperty().get() != null && !b.equals(vm.inputProperty().get().channel(0))) vm.inputProperty().set(b);
        });
        editInput.setId("edit-input");
        editInput.visibleProperty().bind(vm.inputEditableProperty());
        editInput.managedProperty().bind(vm.inputEditableProperty());
        editInput.selectedProperty().addListener(x -> showFrame(vm.frameProperty().get()));
        vm.inputEditableProperty().addListener((o, a, b) -> {
            if (!b) editInput.setSelected(false);
        });
        colourPicture.setId("input-colour");
        colourPicture.setMinSize(96, 96);
        colourPicture.setPrefSize(160, 160);
        colourPicture.setMaxSize(220, 220);
        vm.colourPictureProperty().addListener((o, a, x) -> showColourPicture(x));
        showColourPicture(vm.colourPictureProperty().get());
        vm.frameProperty().addListener((o, a, f) -> showFrame(f));
        showFrame(vm.frameProperty().get());
        return root;
    }

    // ---- layout --------------------------------------------------------------------------------

    private Node settings(AppContext context) {
        HBox inputControl = Controls.labelled("_Input", StepperViews.inputChoice(vm.inputChoiceProperty()));
        // a learned kernel slides over what its layer really receives, so the input menu goes away
        inputControl.visibleProperty().bind(Bindings.createBooleanBinding(() -> !vm.kernelChoiceProperty().get().learned(), vm.kernelChoiceProperty()));
        inputControl.managedProperty().bind(inputControl.visibleProperty());

        ComboBox<KernelChoice> kernel = new LightComboBox<>(FXCollections.observableArrayList(KernelChoice.all()));
        kernel.setId("kernel-choice");
        kernel.valueProperty().bindBidirectional(vm.kernelChoiceProperty());

        ComboBox<String> layer = new LightComboBox<>(vm.convLayers());
        layer.setId("learned-layer");
        layer.getSelectionModel().select(vm.learnedLayerProperty().get());
        layer.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() >= 0) vm.learnedLayerProperty().set(b.intValue());
        });
        vm.convLayers().addListener((javafx.collections.ListChangeListener<String>) c -> layer.getSelectionModel().select(vm.learnedLayerProperty().get()));
        Spinner<Integer> filter = Controls.intSpinner(vm.learnedFilterProperty(), 0, 511, "learned-filter");
        vm.filterCountProperty().addListener((o, a, n) -> ((javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory)
                filter.getValueFactory()).setMax(Math.max(0, n.intValue() - 1)));
        // the layer and filter menus join the scene graph when a learned kernel is first chosen
        Deferred learned = new Deferred(new HBox(14, Controls.labelled("Layer", layer), Controls.labelled("Filter", filter)),
                Bindings.createBooleanBinding(() -> vm.kernelChoiceProperty().get().learned()
                        && vm.modelHasConvProperty().get(), vm.kernelChoiceProperty(), vm.modelHasConvProperty()));
        learned.managedProperty().bind(learned.visibleProperty());

        Spinner<Integer> size = Controls.intSpinner(vm.kernelSizeProperty(), 1, 7, "kernel-size");
        size.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.kernelChoiceProperty().get().learned(), vm.kernelChoiceProperty()));
        Spinner<Integer> stride = Controls.intSpinner(vm.strideProperty(), 1, 4, "stride");
        ComboBox<ConvolutionViewModel.PaddingChoice> padding = new LightComboBox<>(
                FXCollections.observableArrayList(ConvolutionViewModel.PaddingChoice.values()));
        padding.setId("padding");
        padding.valueProperty().bindBidirectional(vm.paddingChoiceProperty());
        padding.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ConvolutionViewModel.PaddingChoice p) {
                return p == null ? "" : switch (p) {
                    case VALID -> "valid";
                    case SAME -> "same";
                    case CUSTOM -> "custom";
                };
            }

            @Override
            public ConvolutionViewModel.PaddingChoice fromString(String s) {
                return ConvolutionViewModel.PaddingChoice.valueOf(s.toUpperCase());
            }
        });
        Spinner<Integer> zeros = Controls.intSpinner(vm.customPaddingProperty(), 0, 4, "custom-padding");
        Tips.install(zeros, "Zeros on every side");
        zeros.setAccessibleText("Zeros of padding on every side");
        // shown only for custom padding: joins the scene graph when first shown
        Deferred zerosPlace = new Deferred(zeros, vm.paddingChoiceProperty().isEqualTo(ConvolutionViewModel.PaddingChoice.CUSTOM));
        zerosPlace.managedProperty().bind(zerosPlace.visibleProperty());
        Spinner<Integer> dilation = Controls.intSpinner(vm.dilationProperty(), 1, 3, "dilation");

        TextField bias = new TextField(org.convscope.trace.Numbers.format(vm.biasProperty().get()));
        bias.setId("bias");
        bias.setPrefColumnCount(5);
        bias.setOnAction(e -> commitBias(bias));
        bias.focusedProperty().addListener((o, was, now) -> {
            if (!now) commitBias(bias);
        });
        vm.biasProperty().addListener((o, a, b) -> bias.setText(org.convscope.trace.Numbers.format(b.floatValue())));
        ComboBox<Activation> activation = new LightComboBox<>(FXCollections.observableArrayList(
                Activation.LINEAR, Activation.RELU, Activation.LEAKY_RELU, Activation.SIGMOID, Activation.TANH, Activation.ELU, Activation.SELU));
        activation.setId("activation");
        activation.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Activation a) {
                return a == null ? "" : ActivationNames.of(a);
            }

            @Override
            public Activation fromString(String s) {
                throw new UnsupportedOperationException("not editable");
            }
        });
        activation.valueProperty().bindBidirectional(vm.activationProperty());

        Spinner<Integer> channel = Controls.intSpinner(vm.shownChannelProperty(), 0, 1023, "shown-channel");
        vm.inputProperty().addListener((o, a, in) -> ((javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory)
                channel.getValueFactory()).setMax(in == null ? 0 : in.channels() - 1));
        // shown only for inputs deeper than the grids shown (a learned kernel of a deep layer): joins the scene graph when first shown
        Deferred channelBox = new Deferred(Controls.labelled("Channel shown", channel), Bindings.createBooleanBinding(() -> vm.inputProperty().get() != null
                && vm.inputProperty().get().channels() > Frames.MAX_CHANNELS_SHOWN, vm.inputProperty()));
        channelBox.managedProperty().bind(channelBox.visibleProperty());

        HBox export = StepperViews.exportButtons(vm, "convolution", t -> {
            int shown = vm.shownChannelProperty().get();
            return i -> Frames.conv(t, i, shown);
        }, context);

        FlowPane pane = new FlowPane(
                inputControl, Controls.labelled("_Kernel", kernel), learned,
                Controls.labelled("Size", size), Controls.labelled("_Stride", stride),
                new HBox(6, Controls.labelled("_Padding", padding), zerosPlace), Controls.labelled("_Dilation", dilation),
                Controls.labelled("_Bias", bias), Controls.labelled("Activation", activation), channelBox, export);
        pane.getStyleClass().add("settings");
        return pane;
    }

    private void commitBias(TextField field) {
        try {
            float v = Float.parseFloat(field.getText().trim().replace('−', '-'));
            if (Float.isFinite(v)) {
                vm.biasProperty().set(v);
                return;
            }
        } catch (NumberFormatException ignored) {
            // put the current value back below
        }
        field.setText(org.convscope.trace.Numbers.format(vm.biasProperty().get()));
    }

    private Node stage() {
        Label star = Controls.styled("∗", "operator");
        Label equals = Controls.styled("=", "operator");
        outputCaption.getStyleClass().add("grid-caption");
        Label field = new Label();
        field.setId("receptive-field");
        field.getStyleClass().add("note");
        field.setWrapText(true);
        field.setMinHeight(Region.USE_PREF_SIZE); // wrap onto a second line rather than end in "…"
        field.textProperty().bind(vm.receptiveFieldProperty());
        field.managedProperty().bind(vm.receptiveFieldProperty().isNotEmpty());
        inputCaption.setId("input-caption");
        inputCaption.setWrapText(true); // a learned kernel's caption names the layer it reads
        inputCaption.setMinWidth(0);
        VBox inputPanel = new VBox(6, new HBox(10, inputCaption, editInput), field, inputBox);
        VBox kernelPanel = new VBox(6, caption("Kernel"), kernelBox);
        VBox outputPanel = new VBox(6, outputCaption, outputView);
        kernelPanel.setMinWidth(Region.USE_PREF_SIZE); // the grids around it shrink first: typed kernels stay readable
        outputPanel.setMinWidth(260);
        VBox.setVgrow(inputBox, Priority.ALWAYS);
        VBox.setVgrow(outputView, Priority.ALWAYS);
        HBox.setHgrow(inputPanel, Priority.ALWAYS);
        HBox.setHgrow(outputPanel, Priority.ALWAYS);
        inputBox.setAlignment(Pos.TOP_CENTER);
        HBox stage = new HBox(12, inputPanel, star, kernelPanel, equals, outputPanel);
        stage.setAlignment(Pos.CENTER);
        stage.setPadding(new Insets(14));
        return stage;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("grid-caption");
        l.setWrapText(true); // "Input 28×28 — what conv2d_1 receives" wraps in a narrow window
        return l;
    }

    // ---- showing a frame -----------------------------------------------------------------------

    private void showFrame(Frame f) {
        text.show(f);
        if (f == null) {
            outputView.pictureProperty().set(null);
            return;
        }
        boolean editing = editInput.isSelected() && vm.inputEditableProperty().get();
        if (editing) {
            inputEditor.gridProperty().set(vm.inputProperty().get().channel(0));
            if (!inputBox.getChildren().equals(List.of(inputEditor))) inputBox.getChildren().setAll(inputEditor);
        } else {
            while (inputViews.size() < f.inputs().size()) {
                MatrixView v = newInputView(inputViews.size());
                inputViews.add(v);
                VBox cell = new VBox(4, new Label(), v);
                VBox.setVgrow(v, Priority.ALWAYS);
                HBox.setHgrow(cell, Priority.ALWAYS);
                inputCells.add(cell);
            }
            for (int i = 0; i < f.inputs().size(); i++) {
                inputViews.get(i).pictureProperty().set(f.inputs().get(i));
                inputViews.get(i).setAccessibleText(Descriptions.window(f.inputs().get(i)));
                ((Label) inputCells.get(i).getChildren().get(0)).setText(f.inputs().size() > 1 || f.inputs().get(0).values().channels() > 1
                        ? f.inputs().get(i).caption() : "");
            }
            List<VBox> shown = new ArrayList<>();
            if (vm.colourPictureProperty().get() != null) shown.add(colourCell);
            shown.addAll(inputCells.subList(0, f.inputs().size()));
            if (!inputBox.getChildren().equals(shown)) inputBox.getChildren().setAll(shown);
        }
        while (kernelEditors.size() < f.kernels().size()) {
            kernelEditors.add(newKernelEditor(kernelEditors.size()));
            kernelCaptions.add(new Label());
        }
        List<Node> kernelNodes = new ArrayList<>();
        for (int i = 0; i < f.kernels().size(); i++) {
            kernelEditors.get(i).gridProperty().set(f.kernels().get(i).values());
            kernelCaptions.get(i).setText(f.kernels().get(i).caption());
            if (f.kernels().size() > 1) kernelNodes.add(kernelCaptions.get(i));
            kernelNodes.add(kernelEditors.get(i));
        }
        if (!kernelBox.getChildren().equals(kernelNodes)) kernelBox.getChildren().setAll(kernelNodes);
        outputView.pictureProperty().set(f.output());
        outputCaption.setText("Output " + f.output().values().height() + "×" + f.output().values().width());
        Grid in = vm.inputProperty().get();
        inputCaption.setText("Input " + in.height() + "×" + in.width() + (in.channels() > 1 ? "×" + in.channels() : "")
                + (vm.learnedLayer() != null ? ": " + vm.learnedSource() + ", into " + vm.learnedLayer().name() : ""));
    }

    private void showColourPicture(org.convscope.engine.Tensor x) {
        if (x != null) {
            colourPicture.showInput(x);
            colourPicture.setAccessibleText(x.dim(1) + "×" + x.dim(2) + " colour picture the model sees: its red, green and blue channels are the grids beside it");
        }
        showFrame(vm.frameProperty().get());
    }

    private MatrixView newInputView(int index) {
        MatrixView v = new MatrixView();
        v.setId("input-grid-" + index);
        HBox.setHgrow(v, Priority.ALWAYS);
        v.hoveredProperty().addListener((o, a, b) -> vm.hoveredInputProperty().set(b));
        return v;
    }

    /** Editor {@code index} shows kernel channel {@code index}, or the shown channel for deep inputs. */
    private MatrixEditor newKernelEditor(int index) {
        MatrixEditor e = new MatrixEditor();
        e.setId("kernel-editor-" + index);
        e.gridProperty().addListener((o, a, b) -> {
            Grid k = vm.kernelProperty().get();
            if (b == null || k == null || b.height() != k.height() || b.width() != k.width()) return;
            int c = k.channels() > Frames.MAX_CHANNELS_SHOWN ? vm.shownChannelProperty().get() : index;
            for (int u = 0; u < k.height(); u++) {
                for (int v = 0; v < k.width(); v++) {
                    if (b.get(u, v, 0) != vm.kernelProperty().get().get(u, v, c)) vm.setKernelCell(u, v, c, b.get(u, v, 0));
                }
            }
        });
        return e;
    }
}
