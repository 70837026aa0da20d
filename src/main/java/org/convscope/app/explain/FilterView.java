package org.convscope.app.explain;

import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.convscope.app.AppContext;
import org.convscope.app.AppView;
import org.convscope.app.draw.PixelGrid;
import org.convscope.trace.explain.TopPatches;

import java.util.Objects;

/**
 * What a filter wants to see: pick a Conv2D filter or an output class, press Run, and watch the picture that
 * excites it most form by gradient ascent; beside it the nine test-image patches that excite the filter most.
 * Thin: the state is in {@link FilterViewModel}.
 */
public final class FilterView implements AppView {
    public static final String TITLE = "What a filter wants";
    private static final String STYLESHEET =
            Objects.requireNonNull(FilterView.class.getResource("/org/convscope/app/explain/Explain.css")).toExternalForm();

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public Node createContent(AppContext context) {
        return createContent(new FilterViewModel(context), context);
    }

    /** The view over a given view-model (its test drives both). */
    public Node createContent(FilterViewModel vm, AppContext context) {
        ChoiceBox<Integer> layer = new ChoiceBox<>();
        layer.setId("filter-layer");
        layer.setAccessibleText("Layer whose filter or class is shown");
        layer.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer l) {
                var m = context.modelProperty().get();
                if (l == null || m == null || l < 0) return "";
                var out = m.layers().get(l).outputShape();
                return m.layers().get(l).name() + (out.rank() == 3 ? " (" + out.last() + " filters)" : " (classes)");
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        Spinner<Integer> unit = new Spinner<>();
        unit.setId("filter-unit");
        unit.setAccessibleText("Filter or class number");
        unit.setEditable(true);
        Runnable layers = () -> {
            layer.setItems(FXCollections.observableArrayList(vm.choices()));
            layer.setValue(vm.layerProperty().get());
        };
        Runnable units = () -> {
            var f = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, Math.max(0, vm.units(vm.layerProperty().get()) - 1), vm.unitProperty().get());
            f.valueProperty().addListener((obs, old, v) -> vm.unitProperty().set(v == null ? 0 : v));
            unit.setValueFactory(f);
        };
        layers.run();
        units.run();
        context.modelProperty().addListener(o -> layers.run());
        layer.valueProperty().addListener((obs, old, l) -> {
            if (l != null) vm.layerProperty().set(l);
        });
        vm.layerProperty().addListener(o -> {
            layer.setValue(vm.layerProperty().get());
            units.run();
        });
        CheckBox noise = new CheckBox("Start from noise");
        noise.setId("filter-noise");
        noise.selectedProperty().bindBidirectional(vm.noiseStartProperty());
        Button run = new Button("Run");
        run.setId("filter-run");
        run.setDefaultButton(true);
        run.textProperty().bind(javafx.beans.binding.Bindings.when(vm.runningProperty()).then("Stop").otherwise("Run"));
        run.setOnAction(e -> {
            if (vm.runningProperty().get()) vm.stop();
            else vm.start();
        });
        FlowPane bar = new FlowPane(new HBox(new Label("Layer"), layer), new HBox(new Label("Unit"), unit), noise, run);
        bar.getStyleClass().add("fool-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        for (Node n : bar.getChildren()) if (n instanceof HBox h) {
            h.setAlignment(Pos.CENTER_LEFT);
            h.getStyleClass().add("fool-controls");
        }

        PixelGrid picture = new PixelGrid();
        picture.setId("filter-picture");
        Label frameText = new Label();
        frameText.setId("filter-frame");
        frameText.getStyleClass().add("fool-note");
        // the picture is described by what the text under it says of the ascent
        picture.accessibleTextProperty().bind(javafx.beans.binding.Bindings.concat("What the filter wants to see: ", frameText.textProperty()));
        vm.frameProperty().addListener((obs, old, f) -> {
            if (f == null) {
                picture.show(new float[28 * 28], 28, 28, null, null);
                frameText.setText("");
                return;
            }
            picture.showInput(f.image());
            frameText.setText(String.format("step %d of %d · mean response over its map %.3g", f.iteration(), f.iterations(), f.response()));
        });
        picture.show(new float[28 * 28], 28, 28, null, null);

        TilePane tiles = new TilePane();
        tiles.setId("filter-patches");
        tiles.getStyleClass().add("patch-tiles");
        tiles.setPrefColumns(3);
        tiles.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a 3 × 3 block, not one long row
        Label patchesText = new Label("Pick a filter of a Conv2D layer to see the test patches that excite it most.");
        patchesText.getStyleClass().add("fool-note");
        patchesText.setWrapText(true);
        vm.patchesProperty().addListener((obs, old, p) -> {
            tiles.getChildren().clear();
            if (p == null) {
                patchesText.setText("Pick a filter of a Conv2D layer to see the test patches that excite it most.");
                return;
            }
            for (TopPatches.Patch patch : p.patches()) {
                PixelGrid g = new PixelGrid();
                g.getStyleClass().add("patch-grid");
                g.setPrefSize(72, 72);
                g.setMaxSize(72, 72);
                g.showInput(patch.crop(p.images()));
                Label value = new Label(String.format("%.3g", patch.activation()));
                value.getStyleClass().add("fool-note");
                tiles.getChildren().add(new VBox(g, value));
            }
            var f = p.patches().isEmpty() ? null : p.patches().get(0).field();
            patchesText.setText("The " + p.patches().size() + " test images whose " + (f == null ? "" : f.height() + "×" + f.width() + " ")
                    + "patch excites this filter most, strongest first, with its response there.");
        });

        Label status = new Label();
        status.setId("filter-status");
        status.getStyleClass().add("fool-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        HBox cards = new HBox(Card.of("What it wants to see", picture, frameText), Card.of("What excites it in the test set", patchesText, tiles));
        cards.getStyleClass().add("fool-pictures");
        VBox centre = new VBox(bar, status, cards);
        centre.getStyleClass().add("fool-view");
        BorderPane root = new BorderPane(centre);
        root.getStylesheets().add(STYLESHEET);
        return root;
    }

}
