package org.convscope.app.train;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import org.convscope.app.common.Tips;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.convscope.app.common.Icon;
import org.convscope.app.common.LightComboBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The layer list: one row per layer with its Keras arguments, its output shape and parameter
 * count, or the reason it cannot fit (with a button for the fix where there is one, e.g. a residual
 * block's 1×1 projection shortcut); a toggle to freeze it; buttons to move and remove rows and to
 * add layers. Rows are
 * rebuilt when layers are added, removed or moved, not while an argument is being typed.
 */
final class ArchitectureEditor extends VBox {
    private static final PseudoClass FROZEN = PseudoClass.getPseudoClass("frozen");
    private final TrainViewModel vm;
    private final VBox rows = new VBox(4);
    private final List<RowLabels> labels = new ArrayList<>();
    private boolean editing; // an argument edit is being pushed to the view-model

    /**
     * A row's labels; its error line and fix button are made the first time the row fails its check (most rows never
     * do, and a hidden node still costs its skin, CSS and layout when the view first opens), then hidden when it passes.
     */
    private static final class RowLabels {
        final VBox row;
        final Label shape, params;
        final int index;
        final Runnable applyFix;
        Label error;
        Button fix;

        RowLabels(VBox row, Label shape, Label params, int index, Runnable applyFix) {
            this.row = row;
            this.shape = shape;
            this.params = params;
            this.index = index;
            this.applyFix = applyFix;
        }

        void showError(String text) {
            if (error == null && text.isEmpty()) return;
            if (error == null) {
                error = new Label();
                error.getStyleClass().add("layer-error");
                error.setWrapText(true);
                error.managedProperty().bind(error.visibleProperty());
                row.getChildren().add(error);
            }
            error.setText(text);
            error.setVisible(!text.isEmpty());
        }

        void showFix(Architecture.Fix f) {
            if (fix == null && f == null) return;
            if (fix == null) {
                fix = new Button();
                fix.getStyleClass().add("layer-fix");
                fix.setId("fix-" + index);
                fix.managedProperty().bind(fix.visibleProperty());
                fix.setOnAction(e -> applyFix.run());
                row.getChildren().add(fix);
            }
            fix.setVisible(f != null);
            fix.setText(f != null ? f.label() : "");
            fix.setAccessibleText(f != null ? f.label() + " in layer " + (index + 1) : "Apply the suggested fix to layer " + (index + 1));
        }
    }

    ArchitectureEditor(TrainViewModel vm) {
        super(6);
        this.vm = vm;
        getStyleClass().add("architecture-editor");
        ComboBox<LayerKind> kind = new LightComboBox<>();
        kind.getItems().setAll(LayerKind.values());
        kind.setValue(LayerKind.CONV2D);
        kind.setId("add-layer-kind");
        kind.setAccessibleText("Kind of layer to add");
        Button add = new Button("Add layer");
        add.setId("add-layer");
        add.setOnAction(e -> vm.addLayer(kind.getValue()));
        Label hint = new Label();
        hint.getStyleClass().add("hint");
        hint.textProperty().bind(Bindings.createStringBinding(() -> kind.getValue() == LayerKind.RESIDUAL_BLOCK
                ? "adds it after the last layer with feature maps" : "adds it before the last layer", kind.valueProperty()));
        HBox adder = new HBox(6, kind, add, hint);
        adder.setAlignment(Pos.CENTER_LEFT);
        Label summary = new Label();
        summary.setId("architecture-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.architectureSummaryProperty());
        summary.getStyleClass().add("architecture-summary");
        vm.architectureValidProperty().addListener((o, a, ok) -> summary.pseudoClassStateChanged(
                PseudoClass.getPseudoClass("invalid"), !ok));
        getChildren().addAll(rows, adder, summary);
        vm.layers().addListener((ListChangeListener<LayerSpec>) c -> {
            if (!editing) rebuild();
        });
        vm.checks().addListener((ListChangeListener<Architecture.Check>) c -> showChecks());
        disableProperty().bind(vm.trainingProperty());
        rebuild();
    }

    private void rebuild() {
        rows.getChildren().clear();
        labels.clear();
        List<LayerSpec> layers = vm.layers();
        for (int i = 0; i < layers.size(); i++) rows.getChildren().add(row(i, layers.get(i)));
        showChecks();
    }

    private Node row(int index, LayerSpec spec) {
        Label number = new Label(Integer.toString(index + 1));
        number.getStyleClass().add("layer-index");
        Label type = new Label(spec.kind().className);
        type.getStyleClass().add("layer-type");
        FlowPane args = new FlowPane(8, 4);
        for (LayerKind.Arg arg : spec.kind().args) args.getChildren().add(argEditor(index, spec, arg));
        Label shape = new Label();
        shape.getStyleClass().add("layer-shape");
        Label params = new Label();
        params.getStyleClass().add("layer-params");
        Button up = small("↑", "Move up", () -> vm.moveLayer(index, -1));
        Button down = small("↓", "Move down", () -> vm.moveLayer(index, +1));
        Button remove = small("✕", "Remove this layer", () -> vm.removeLayer(index));
        remove.setId("remove-" + index);
        up.setDisable(index == 0);
        down.setDisable(index == vm.layers().size() - 1);
        ToggleButton freeze = freezeToggle(index, spec);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(6, number, type, grow, freeze, up, down, remove);
        head.setAlignment(Pos.CENTER_LEFT);
        HBox output = new HBox(10, shape, params);
        output.getStyleClass().add("layer-output");
        VBox box = new VBox(3, head, args, output); // then the error line and the fix button, if it ever fails
        if (spec.kind().args.isEmpty()) box.getChildren().remove(args);
        box.getStyleClass().add("layer-row");
        box.pseudoClassStateChanged(FROZEN, !spec.trainable());
        box.setId("layer-row-" + index);
        labels.add(new RowLabels(box, shape, params, index, () -> vm.applyFix(index)));
        return box;
    }

    /**
     * The snowflake toggle: pressed means frozen (Keras' {@code trainable=False}). Layers without
     * weights (pooling, Flatten, Dropout) have nothing to freeze, so theirs is disabled.
     */
    private ToggleButton freezeToggle(int index, LayerSpec spec) {
        ToggleButton freeze = new ToggleButton(null, Icon.SNOWFLAKE.node());
        freeze.getStyleClass().addAll("row-button", "freeze-toggle");
        freeze.setId("freeze-" + index);
        freeze.setSelected(!spec.trainable());
        freeze.setDisable(!spec.hasWeights());
        Runnable describe = () -> {
            String text = !spec.hasWeights() ? "This layer has no weights to freeze"
                    : freeze.isSelected() ? "Frozen (trainable = False): its weights do not change in training. Click to unfreeze."
                    : "Trainable: click to freeze it, so its weights do not change in training";
            Tips.install(freeze, text);
            freeze.setAccessibleText(text);
        };
        describe.run();
        freeze.selectedProperty().addListener((o, was, frozen) -> {
            editing = true;
            try {
                vm.setLayerTrainable(index, !frozen);
            } finally {
                editing = false;
            }
            describe.run();
            labels.get(index).row.pseudoClassStateChanged(FROZEN, frozen);
        });
        return freeze;
    }

    private Node argEditor(int index, LayerSpec spec, LayerKind.Arg arg) {
        Label name = new Label(arg.key());
        name.getStyleClass().add("arg-name");
        Node editor;
        if (arg.type() == LayerKind.Arg.Type.CHOICE) {
            ComboBox<String> box = new LightComboBox<>();
            box.getItems().setAll(arg.choices());
            box.setValue(spec.value(arg.key()));
            box.valueProperty().addListener((o, a, v) -> push(index, arg.key(), v));
            editor = box;
        } else {
            TextField field = new TextField(spec.value(arg.key()));
            field.setPrefColumnCount(arg.type() == LayerKind.Arg.Type.PAIR ? 3 : 4);
            field.textProperty().addListener((o, a, v) -> push(index, arg.key(), v));
            editor = field;
        }
        editor.setId("arg-" + index + "-" + arg.key());
        editor.setAccessibleText("Layer " + (index + 1) + " " + arg.key());
        HBox pair = new HBox(4, name, editor);
        pair.setAlignment(Pos.CENTER_LEFT);
        return pair;
    }

    private void push(int index, String key, String value) {
        editing = true;
        try {
            vm.setLayerValue(index, key, value);
        } finally {
            editing = false;
        }
    }

    private void showChecks() {
        List<Architecture.Check> checks = vm.checks();
        for (int i = 0; i < labels.size(); i++) {
            RowLabels l = labels.get(i);
            Architecture.Check c = i < checks.size() ? checks.get(i) : null;
            boolean failed = c != null && c.error() != null;
            boolean blocked = c != null && c.blocked();
            l.shape.setText(c == null || c.outputShape() == null ? "output —" : "output " + c.outputShape().toKeras());
            l.params.setText(c == null || c.outputShape() == null ? "" : String.format(Locale.ROOT, "%,d parameters", c.params()));
            l.shape.setText(blocked ? "output — (waits for the layers above)" : l.shape.getText());
            l.showError(failed ? "⚠ " + c.error() : "");
            l.showFix(failed ? c.fix() : null);
            l.row.pseudoClassStateChanged(PseudoClass.getPseudoClass("invalid"), failed);
        }
    }

    private static Button small(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.getStyleClass().add("row-button");
        Tips.install(b, tip);
        b.setOnAction(e -> action.run());
        return b;
    }
}
