package org.convscope.app.pool;

import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.convscope.app.common.LightComboBox;
import org.convscope.app.AppContext;
import org.convscope.app.AppView;
import org.convscope.app.common.Controls;
import org.convscope.app.common.EquationPanel;
import org.convscope.app.common.Descriptions;
import org.convscope.app.common.MatrixView;
import org.convscope.app.common.StepperViews;
import org.convscope.trace.PoolTrace;
import org.convscope.trace.render.Frame;
import org.convscope.trace.render.Frames;


/**
 * "Pooling": a max or average window slides over one channel; the max's winning cell is marked, the
 * average shows its sum and count, the output fills in, and the output size is worked out. Thin: the
 * state is a {@link PoolingViewModel}.
 */
public final class PoolingView implements AppView {
    /** The title in the view switcher, also how other views ask for this one. */
    public static final String TITLE = "Pooling";

    private final PoolingViewModel vm = new PoolingViewModel();
    private final MatrixView inputView = new MatrixView();
    private final MatrixView outputView = new MatrixView();
    private final Label inputCaption = caption();
    private final Label outputCaption = caption();
    private EquationPanel text;

    @Override
    public String title() {
        return TITLE;
    }

    public PoolingViewModel viewModel() {
        return vm;
    }

    @Override
    public Node createContent(AppContext context) {
        context.publish(PoolingViewModel.class, vm);
        vm.drawingProperty().bind(context.inputProperty());
        Node settings = settings(context);
        Node stage = stage();
        text = new EquationPanel(vm.outputSizeProperty(), vm.problemProperty(), vm.noteProperty());
        BorderPane root = StepperViews.root(vm, context, settings, stage, text, "pooling-view",
                getClass().getResource("Pooling.css"));

        inputView.setId("input-grid-0");
        inputView.hoveredProperty().addListener((o, a, b) -> vm.hoveredInputProperty().set(b));
        StepperViews.wireOutputGrid(outputView, vm);
        vm.frameProperty().addListener((o, a, f) -> show(f));
        show(vm.frameProperty().get());
        return root;
    }

    private Node settings(AppContext context) {
        ComboBox<PoolTrace.Kind> kind = new LightComboBox<>(FXCollections.observableArrayList(PoolTrace.Kind.values()));
        kind.setId("pool-kind");
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        Spinner<Integer> size = Controls.intSpinner(vm.poolSizeProperty(), 1, 5, "pool-size");
        Spinner<Integer> stride = Controls.intSpinner(vm.strideProperty(), 1, 5, "stride");
        ComboBox<String> padding = new LightComboBox<>(FXCollections.observableArrayList("valid", "same"));
        padding.setId("padding");
        padding.setValue(vm.samePaddingProperty().get() ? "same" : "valid");
        padding.valueProperty().addListener((o, a, b) -> vm.samePaddingProperty().set("same".equals(b)));
        vm.samePaddingProperty().addListener((o, a, b) -> padding.setValue(b ? "same" : "valid"));
        Spinner<Integer> channel = Controls.intSpinner(vm.channelProperty(), 0, 2, "channel");
        HBox channelBox = Controls.labelled("Channel", channel);
        channelBox.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> vm.inputProperty().get() != null && vm.inputProperty().get().channels() > 1, vm.inputProperty()));
        channelBox.managedProperty().bind(channelBox.visibleProperty());

        HBox export = StepperViews.exportButtons(vm, "pooling", t -> i -> Frames.pool(t, i), context);

        FlowPane pane = new FlowPane(Controls.labelled("_Input", StepperViews.inputChoice(vm.inputChoiceProperty())),
                Controls.labelled("P_ooling", kind), Controls.labelled("Pool size", size), Controls.labelled("_Stride", stride),
                Controls.labelled("_Padding", padding), channelBox, export);
        pane.getStyleClass().add("settings");
        return pane;
    }

    private Node stage() {
        Label arrow = new Label("→");
        arrow.getStyleClass().add("operator");
        VBox in = new VBox(6, inputCaption, inputView);
        VBox out = new VBox(6, outputCaption, outputView);
        VBox.setVgrow(inputView, Priority.ALWAYS);
        VBox.setVgrow(outputView, Priority.ALWAYS);
        HBox.setHgrow(in, Priority.ALWAYS);
        HBox.setHgrow(out, Priority.ALWAYS);
        HBox stage = new HBox(12, in, arrow, out);
        stage.setAlignment(Pos.CENTER);
        stage.setPadding(new Insets(14));
        return stage;
    }

    private static Label caption() {
        Label l = new Label();
        l.getStyleClass().add("grid-caption");
        return l;
    }

    private void show(Frame f) {
        text.show(f);
        inputView.pictureProperty().set(f == null ? null : f.inputs().get(0));
        inputView.setAccessibleText(f == null ? "No input" : Descriptions.window(f.inputs().get(0)));
        outputView.pictureProperty().set(f == null ? null : f.output());
        inputCaption.setText(f == null ? "Input" : "Input " + f.inputs().get(0).values().height() + "×" + f.inputs().get(0).values().width());
        outputCaption.setText(f == null ? "Output" : "Output " + f.output().values().height() + "×" + f.output().values().width());
    }
}
