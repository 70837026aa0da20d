package org.convscope.app.explain;

import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.convscope.app.AppContext;
import org.convscope.app.AppView;
import org.convscope.app.common.ColorMap;
import org.convscope.app.common.Descriptions;
import org.convscope.app.common.Shown;
import org.convscope.app.draw.PixelGrid;
import org.convscope.app.draw.ProbabilityBars;
import org.convscope.engine.Tensor;
import org.convscope.trace.explain.Fgsm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fool the network: the current drawing, the change FGSM makes to it (amplified: ±ε is full blue or red), and the
 * result, each with what the network says, and the probabilities before and after; ε, one step or iterated, and a
 * target class are the knobs. Thin: the state is in {@link FoolViewModel}.
 */
public final class FoolView implements AppView {
    public static final String TITLE = "Fool the network";
    private static final String STYLESHEET =
            Objects.requireNonNull(FoolView.class.getResource("/org/convscope/app/explain/Explain.css")).toExternalForm();
    /** The probability bars' own look, as in Draw &amp; classify. */
    private static final String BARS_STYLESHEET =
            Objects.requireNonNull(FoolView.class.getResource("/org/convscope/app/draw/Draw.css")).toExternalForm();

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public Node createContent(AppContext context) {
        return createContent(new FoolViewModel(context), context);
    }

    /** The view over a given view-model (its test drives both). */
    public Node createContent(FoolViewModel vm, AppContext context) {
        context.publish(FoolViewModel.class, vm);
        PixelGrid original = new PixelGrid(), perturbation = new PixelGrid(), result = new PixelGrid();
        original.setId("fool-original");
        perturbation.setId("fool-perturbation");
        result.setId("fool-result");
        Label originalSays = says("fool-original-says"), resultSays = says("fool-result-says");
        ProbabilityBars before = new ProbabilityBars(), after = new ProbabilityBars();
        before.setId("fool-before");
        after.setId("fool-after");
        Label perturbationText = new Label();
        perturbationText.getStyleClass().add("fool-note");
        perturbationText.setWrapText(true);

        Runnable update = () -> {
            FoolViewModel.Attack a = vm.attackProperty().get();
            if (a == null) {
                for (PixelGrid g : List.of(original, perturbation, result)) {
                    g.show(new float[28 * 28], 28, 28, null, null);
                    g.setAccessibleText("Empty: draw a " + Descriptions.drawnThing(context.modelProperty().get()) + " first");
                }
                perturbation.showOverlay(null);
                originalSays.setText("");
                resultSays.setText("");
                before.show(List.of(), null);
                after.show(List.of(), null);
                perturbationText.setText("");
                return;
            }
            Fgsm.Result r = a.result();
            original.showInput(a.input());
            result.showInput(r.adversarial());
            int h = a.input().dim(1), w = a.input().dim(2);
            perturbation.show(new float[h * w], h, w, null, null);
            perturbation.showOverlay(signedColours(r.perturbation(), a.epsilon()));
            originalSays.setText(String.format("%s  %.1f %%", a.classNames().get(r.classBefore()), 100 * r.before()[r.classBefore()]));
            resultSays.setText(String.format("%s  %.1f %%", a.classNames().get(r.classAfter()), 100 * r.after()[r.classAfter()]));
            resultSays.getStyleClass().remove("fooled");
            if (r.fooled()) resultSays.getStyleClass().add("fooled");
            before.show(a.classNames(), r.before());
            after.show(a.classNames(), r.after());
            perturbationText.setText(String.format("Red adds ink, blue takes it away; full colour is ±%.2f.", a.epsilon()));
            original.setAccessibleText("Your drawing: the network says " + originalSays.getText());
            perturbation.setAccessibleText(String.format("The change, at most %.2f per pixel", a.epsilon()));
            result.setAccessibleText("Drawing plus change: the network says " + resultSays.getText() + (r.fooled() ? ", fooled" : ""));
        };
        vm.attackProperty().addListener(o -> update.run());
        update.run();

        HBox pictures = new HBox(Card.of("Your drawing", original, originalSays),
                Card.of("The change (amplified)", perturbation, perturbationText),
                Card.of("Drawing + change", result, resultSays));
        pictures.getStyleClass().add("fool-pictures");
        HBox probabilities = new HBox(Card.of("Before", before), Card.of("After", after));
        probabilities.getStyleClass().add("fool-pictures");

        Label status = new Label();
        status.setId("fool-status");
        status.getStyleClass().add("fool-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        VBox centre = new VBox(controls(vm, context), status, pictures, probabilities);
        centre.getStyleClass().add("fool-view");
        BorderPane root = new BorderPane(centre);
        root.getStylesheets().addAll(BARS_STYLESHEET, STYLESHEET);
        vm.shownProperty().bind(Shown.of(root));
        return root;
    }

    private Node controls(FoolViewModel vm, AppContext context) {
        Slider epsilon = new Slider(0, FoolViewModel.MAX_EPSILON, vm.epsilonProperty().get());
        epsilon.setId("fool-epsilon");
        epsilon.setAccessibleText("Size of the change, epsilon");
        epsilon.valueProperty().bindBidirectional(vm.epsilonProperty());
        Label epsilonValue = new Label();
        epsilonValue.textProperty().bind(Bindings.format("ε = %.2f", vm.epsilonProperty()));
        epsilonValue.setMinWidth(Region.USE_PREF_SIZE);
        CheckBox iterated = new CheckBox("Iterated (" + FoolViewModel.ITERATED_STEPS + " steps)");
        iterated.setId("fool-iterated");
        iterated.selectedProperty().bindBidirectional(vm.iteratedProperty());
        ChoiceBox<Integer> target = new ChoiceBox<>();
        target.setId("fool-target");
        target.setAccessibleText("Class to turn the drawing into");
        Runnable classes = () -> {
            List<Integer> choices = new ArrayList<>(List.of(Fgsm.UNTARGETED));
            var model = context.modelProperty().get();
            if (model != null) for (int k = 0; k < model.classNames().size(); k++) choices.add(k);
            target.setItems(FXCollections.observableArrayList(choices));
            target.setValue(choices.contains(vm.targetProperty().get()) ? vm.targetProperty().get() : Fgsm.UNTARGETED);
        };
        target.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer k) {
                var model = context.modelProperty().get();
                return k == null || k == Fgsm.UNTARGETED || model == null ? "any other class" : "make it " + model.classNames().get(k);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        classes.run();
        context.modelProperty().addListener(o -> classes.run());
        target.valueProperty().addListener((obs, old, k) -> vm.targetProperty().set(k == null ? Fgsm.UNTARGETED : k));
        HBox epsilonBox = new HBox(new Label("Change per pixel"), epsilon, epsilonValue);
        epsilonBox.setAlignment(Pos.CENTER_LEFT);
        epsilonBox.getStyleClass().add("fool-controls");
        HBox.setHgrow(epsilon, Priority.ALWAYS);
        FlowPane bar = new FlowPane(epsilonBox, iterated, target);
        bar.getStyleClass().add("fool-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Label says(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("fool-says");
        return l;
    }


    /** δ (1, H, W, C) as opaque blue–white–red, ±ε at the ends, the channels' mean per pixel. Not modified. */
    static int[] signedColours(Tensor delta, float epsilon) {
        int h = delta.dim(1), w = delta.dim(2), c = delta.dim(3);
        int[] argb = new int[h * w];
        for (int p = 0; p < h * w; p++) {
            double mean = 0;
            for (int ch = 0; ch < c; ch++) mean += delta.data[p * c + ch];
            argb[p] = ColorMap.DIVERGING.argb(mean / c, -epsilon, epsilon);
        }
        return argb;
    }
}
