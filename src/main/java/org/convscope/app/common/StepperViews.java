package org.convscope.app.common;

import javafx.beans.property.ObjectProperty;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.convscope.app.AppContext;
import org.convscope.trace.StepTrace;
import org.convscope.trace.render.Frame;

import java.net.URL;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The frame and wiring the step-through views (Convolution, Pooling) share, so that both look and
 * answer the same: settings on top, the grids in the middle, the equation and the transport bar
 * below; the output grid jumps to a clicked cell; PNG and GIF export.
 */
public final class StepperViews {
    private StepperViews() {
    }

    /**
     * The view's root: {@code settings} on top (hidden in presentation mode, so the audience sees the
     * grids, the equation and the transport bar), {@code stage} in the centre, {@code text} and the
     * step controls below, and the stepping keys installed; {@code vm} follows whether the root is shown.
     *
     * @param styleClass the view's own style class, beside {@code stepper-view}
     * @param stylesheet the view's own stylesheet, applied after the shared {@code stepper.css}
     */
    public static BorderPane root(StepperViewModel<?> vm, AppContext context, Node settings, Node stage, EquationPanel text,
                                  String styleClass, URL stylesheet) {
        BorderPane root = new BorderPane();
        root.getStyleClass().addAll("stepper-view", styleClass);
        root.getStylesheets().addAll(StepperViews.class.getResource("stepper.css").toExternalForm(),
                stylesheet.toExternalForm());
        settings.visibleProperty().bind(context.controlsHiddenProperty().not());
        settings.managedProperty().bind(settings.visibleProperty());
        root.setTop(settings);
        root.setCenter(stage);
        root.setBottom(new VBox(text, new StepControls(vm)));
        StepControls.installKeys(root, vm);
        vm.shownProperty().bind(Shown.of(root));
        return root;
    }

    /** The input menu, kept equal to {@code choice} both ways. */
    public static ComboBox<InputChoice> inputChoice(ObjectProperty<InputChoice> choice) {
        ComboBox<InputChoice> input = new LightComboBox<>(FXCollections.observableArrayList(InputChoice.values()));
        input.setId("input-choice");
        input.valueProperty().bindBidirectional(choice);
        return input;
    }

    /** A click on an output cell jumps to its step; the cells the hovered input cell feeds are marked. */
    public static void wireOutputGrid(MatrixView outputView, StepperViewModel<?> vm) {
        outputView.setId("output-grid");
        outputView.setOnCellClicked(c -> vm.selectOutputCell(c.row(), c.col()));
        outputView.accessibleTextProperty().bind(Bindings.createStringBinding(() -> vm.traceProperty().get() == null
                ? "No output: " + vm.problemProperty().get() : "Output grid. " + Descriptions.step(vm.traceProperty().get(), vm.getStepIndex()),
                vm.traceProperty(), vm.stepIndexProperty(), vm.problemProperty()));
        vm.fedOutputs().addListener((ListChangeListener<Object>) c -> outputView.linkedProperty().set(List.copyOf(vm.fedOutputs())));
    }

    /**
     * "Export PNG…" (the frame shown) and "Export GIF…" (every step), disabled while there is no plan.
     *
     * @param name   the file name offered, e.g. {@code convolution}
     * @param frames for the plan at the time of the click, frame i of the animation
     */
    public static <T extends StepTrace<?>> HBox exportButtons(StepperViewModel<T> vm, String name,
                                                              Function<T, IntFunction<Frame>> frames, AppContext context) {
        Button png = new Button("Export PNG…");
        png.setId("export-png");
        png.setOnAction(e -> FrameExport.png(png, name, vm.frameProperty().get(), context));
        Button gif = new Button("Export GIF…");
        gif.setId("export-gif");
        gif.setOnAction(e -> {
            T t = vm.traceProperty().get();
            FrameExport.gif(gif, name, t.stepCount(), frames.apply(t), context);
        });
        png.disableProperty().bind(vm.traceProperty().isNull());
        gif.disableProperty().bind(vm.traceProperty().isNull());
        return new HBox(8, png, gif);
    }
}
