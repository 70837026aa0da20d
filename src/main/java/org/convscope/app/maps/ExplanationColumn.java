package org.convscope.app.maps;

import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import org.convscope.app.common.Tips;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.convscope.app.common.ColorLegend;
import org.convscope.app.draw.Classification;
import org.convscope.app.draw.ExplanationViewModel;
import org.convscope.app.draw.PixelGrid;
import org.convscope.app.explain.HeatMapOverlay;
import org.convscope.engine.Model;
import org.convscope.trace.explain.GradCam;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The explanation column beside the layer columns: saliency and Grad-CAM of the class being explained (the
 * network's answer, or the one picked) over the input the maps show, with the Grad-CAM layer, the opacity and a
 * legend per map. The maps are computed by the view-model's two {@link ExplanationViewModel}s off the FX thread and
 * laid over the input by {@link HeatMapOverlay}, as the Draw view's "Why?" is.
 */
final class ExplanationColumn extends VBox {
    private static final double GRID = 168; // px: 6 px per pixel of a 28×28 input
    private final MapsViewModel vm;
    private final ChoiceBox<Integer> classChoice = new ChoiceBox<>();
    private final ChoiceBox<Integer> layerChoice = new ChoiceBox<>();
    private final PixelGrid saliencyGrid = grid("explain-saliency-grid");
    private final PixelGrid gradCamGrid = grid("explain-gradcam-grid");
    private final ColorLegend saliencyLegend;
    private final ColorLegend gradCamLegend;
    private boolean updatingChoices; // while the menus are refilled, their changes are not the user's
    private Model choicesFor;

    ExplanationColumn(MapsViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("layer-column", "explanation-column");
        setId("explanation-column");
        Label name = new Label("Why?");
        name.getStyleClass().add("column-name");
        Label type = new Label("Saliency and Grad-CAM");
        type.getStyleClass().add("column-type");
        VBox header = new VBox(name, type);
        header.getStyleClass().add("column-header");

        classChoice.setId("explain-class");
        classChoice.setAccessibleText("Class to explain");
        Tips.install(classChoice, "The class whose score the maps explain; the network's answer at first");
        layerChoice.setId("explain-layer");
        layerChoice.setAccessibleText("Grad-CAM layer");
        Tips.install(layerChoice, "The Conv2D layer whose maps Grad-CAM weighs; the last one at first");
        classChoice.valueProperty().addListener((o, was, k) -> {
            if (!updatingChoices && k != null) vm.explainClass(k);
        });
        layerChoice.valueProperty().addListener((o, was, layer) -> {
            if (!updatingChoices && layer != null) vm.gradCam().gradCamLayerProperty().set(layer);
        });
        Slider opacity = new Slider(0, 1, vm.saliency().opacityProperty().get());
        opacity.setId("explain-column-opacity");
        opacity.setAccessibleText("Opacity of the explanations over the input");
        opacity.valueProperty().bindBidirectional(vm.saliency().opacityProperty());
        opacity.setPrefWidth(GRID - 60);
        var legendWidth = Bindings.createDoubleBinding(() -> GRID - 70);
        saliencyLegend = HeatMapOverlay.narrowLegend(legendWidth);
        saliencyLegend.setId("explain-saliency-legend");
        saliencyLegend.titleProperty().set("saliency");
        gradCamLegend = HeatMapOverlay.narrowLegend(legendWidth);
        gradCamLegend.setId("explain-gradcam-legend");
        gradCamLegend.titleProperty().set("Grad-CAM");

        Label saliencyTitle = caption("Saliency |∂score/∂x|");
        Label gradCamTitle = caption("Grad-CAM on");
        HBox layerRow = row(gradCamTitle, layerChoice);
        getChildren().addAll(header, row(caption("Class"), classChoice), saliencyTitle, saliencyGrid, saliencyLegend,
                status(vm.saliency(), "explain-saliency-status"), layerRow, gradCamGrid, gradCamLegend,
                status(vm.gradCam(), "explain-gradcam-status"), row(caption("Opacity"), opacity));

        vm.answerProperty().addListener(o -> update());
        vm.saliency().explanationProperty().addListener(o -> update());
        vm.gradCam().explanationProperty().addListener(o -> update());
        vm.saliency().opacityProperty().addListener(o -> update());
        vm.saliency().explainedClassProperty().addListener(o -> update());
        vm.gradCam().gradCamLayerProperty().addListener(o -> update());
        vm.sequentialColorMapProperty().addListener(o -> update());
        update();
    }

    private static PixelGrid grid(String id) {
        PixelGrid g = new PixelGrid();
        g.setId(id);
        g.getStyleClass().add("explain-grid");
        g.setMinSize(GRID, GRID);
        g.setPrefSize(GRID, GRID);
        g.setMaxSize(GRID, GRID);
        return g;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("column-inputs");
        return l;
    }

    private static HBox row(Label label, Region control) {
        label.setLabelFor(control);
        HBox box = new HBox(6, label, control);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static Label status(ExplanationViewModel why, String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("column-count");
        l.setWrapText(true);
        l.setMaxWidth(GRID);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.textProperty().bind(why.statusProperty());
        return l;
    }

    /** Repaints both maps over the input and keeps the menus and descriptions in step with the view-model. */
    private void update() {
        Classification c = vm.answerProperty().get();
        refillChoices(c);
        if (c == null) {
            saliencyGrid.show(new float[GRID_CELLS], 28, 28, null, null);
            gradCamGrid.show(new float[GRID_CELLS], 28, 28, null, null);
            saliencyGrid.setAccessibleText("Saliency: this model gives no class scores to explain");
            gradCamGrid.setAccessibleText("Grad-CAM: this model gives no class scores to explain");
            return;
        }
        saliencyGrid.showInput(c.input());
        gradCamGrid.showInput(c.input());
        paint(vm.saliency(), c, saliencyGrid, saliencyLegend, "Saliency");
        paint(vm.gradCam(), c, gradCamGrid, gradCamLegend, "Grad-CAM");
    }

    private static final int GRID_CELLS = 28 * 28;

    private void paint(ExplanationViewModel why, Classification c, PixelGrid grid, ColorLegend legend, String what) {
        ExplanationViewModel.Explanation e = why.explanationProperty().get();
        boolean current = e != null && e.source().model() == c.model() && e.map().height() == c.input().dim(1)
                && e.map().width() == c.input().dim(2);
        HeatMapOverlay.show(grid, legend, current ? e.map() : null, vm.saliency().opacityProperty().get(),
                vm.sequentialColorMapProperty().get());
        grid.setAccessibleText(current ? why.statusProperty().get() + " Over the input, " + HeatMapOverlay.strongest(e.map()) + "."
                : what + " over the input: " + (c.blank() ? "nothing to explain yet" : "being computed"));
    }

    /** The class menu lists the model's classes, the layer menu its Conv2D layers; both show what is explained. */
    private void refillChoices(Classification c) {
        updatingChoices = true;
        try {
            Model m = c == null ? null : c.model();
            if (m != choicesFor) {
                choicesFor = m;
                // the old items out before the new converter, which could not name them, and the converter before
                // the new items, which it names
                classChoice.setItems(FXCollections.observableArrayList());
                layerChoice.setItems(FXCollections.observableArrayList());
                classChoice.setConverter(names(k -> m.classNames().get(k)));
                classChoice.setItems(FXCollections.observableArrayList(m == null ? List.of() : range(m.classNames().size())));
                List<Integer> convs = m == null ? List.of() : GradCam.convLayers(m);
                layerChoice.setConverter(names(i -> m.layers().get(i).name()));
                layerChoice.setItems(FXCollections.observableArrayList(convs));
            }
            int k = vm.saliency().explainedClassProperty().get();
            classChoice.setValue(k < 0 ? null : k);
            int layer = vm.gradCam().gradCamLayerProperty().get();
            List<Integer> convs = layerChoice.getItems();
            layerChoice.setValue(convs.contains(layer) ? Integer.valueOf(layer) : convs.isEmpty() ? null : convs.get(convs.size() - 1));
            classChoice.setDisable(c == null || c.blank());
            layerChoice.setDisable(convs.isEmpty());
        } finally {
            updatingChoices = false;
        }
    }

    private static List<Integer> range(int n) {
        return java.util.stream.IntStream.range(0, n).boxed().toList();
    }

    private static StringConverter<Integer> names(IntFunction<String> name) {
        return new StringConverter<>() {
            @Override
            public String toString(Integer i) {
                return i == null ? "" : name.apply(i);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        };
    }

    PixelGrid saliencyGrid() {
        return saliencyGrid;
    }

    PixelGrid gradCamGrid() {
        return gradCamGrid;
    }
}
