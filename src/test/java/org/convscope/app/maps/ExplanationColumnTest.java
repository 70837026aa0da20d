package org.convscope.app.maps;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.common.ColorMap;
import org.convscope.app.draw.ExplanationViewModel;
import org.convscope.app.draw.PixelGrid;
import org.convscope.app.explain.OverlayPixels;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.convscope.trace.explain.ExplanationMethod;
import org.convscope.trace.explain.GradCam;
import org.convscope.trace.explain.HeatMap;
import org.convscope.trace.explain.Saliency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inside the network's explanation column: saliency and Grad-CAM of the maps' input, class and layer selectable. */
@ExtendWith(ApplicationExtension.class)
class ExplanationColumnTest {
    private final AppContext ctx = new AppContext();
    private final MapsView view = new MapsView();
    private Model model;
    private Tensor seven;

    @Start
    void start(Stage stage) {
        model = MapsTestData.seed001();
        seven = MapsTestData.seven(model);
        ctx.modelProperty().set(model);
        ctx.inputProperty().set(seven);
        stage.setScene(org.convscope.app.Themed.scene((Parent) view.createContent(ctx), 1280, 800));
        stage.show();
    }

    /** Waits until both maps explain class k of input x, complete. */
    private void awaitExplanations(Tensor x, int k) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                explains(view.viewModel().saliency(), x, k) && explains(view.viewModel().gradCam(), x, k)).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean explains(ExplanationViewModel why, Tensor x, int k) {
        var e = why.explanationProperty().get();
        return why.isSettled() && e != null && e.complete() && e.source().input() == x && e.explainedClass() == k;
    }

    private static int top(Model m, Tensor x) {
        float[] p = m.copy().predict(x).data;
        return Model.argmax(p, 0, p.length);
    }

    /** The grid shows exactly the overlay colours of {@code expected}, as the Draw view would paint them. */
    private static void assertOverlay(HeatMap expected, PixelGrid grid, double opacity, ColorMap sequential) {
        int[] colours = OverlayPixels.colours(expected, OverlayPixels.Range.of(expected, sequential), opacity);
        for (int r = 0; r < expected.height(); r++) {
            for (int q = 0; q < expected.width(); q++) assertEquals(colours[r * expected.width() + q], grid.overlayAt(r, q), "cell " + r + "," + q);
        }
    }

    @Test
    void theColumnAppearsAndShowsTheEnginesSaliencyAndGradCamOfTheAnswer(FxRobot robot) throws Exception {
        assertTrue(robot.lookup("#explanation-column").match(javafx.scene.Node::isVisible).tryQuery().isEmpty(), "off until asked for");
        robot.clickOn("#show-explanations");
        assertTrue(robot.lookup("#explanation-column").query().isVisible());
        int k = top(model, seven);
        awaitExplanations(seven, k);

        HeatMap saliency = Saliency.gradient(model.copy(), seven, k);
        HeatMap gradCam = GradCam.of(model.copy(), seven, k, GradCam.defaultLayer(model)).map();
        assertArrayEquals(saliency.values(), view.viewModel().saliency().explanationProperty().get().map().values(), 1e-6f);
        assertArrayEquals(gradCam.values(), view.viewModel().gradCam().explanationProperty().get().map().values(), 1e-6f);
        double opacity = view.viewModel().saliency().opacityProperty().get();
        assertOverlay(saliency, view.explanations().saliencyGrid(), opacity, ColorMap.VIRIDIS);
        assertOverlay(gradCam, view.explanations().gradCamGrid(), opacity, ColorMap.VIRIDIS);
        assertEquals(seven.data[14 * 28 + 14], view.explanations().saliencyGrid().value(14, 14), "over the input itself");
        ChoiceBox<?> classes = robot.lookup("#explain-class").queryAs(ChoiceBox.class);
        assertEquals(k, classes.getValue(), "the predicted class by default");
        ChoiceBox<?> layers = robot.lookup("#explain-layer").queryAs(ChoiceBox.class);
        assertEquals(GradCam.defaultLayer(model), layers.getValue(), "the last Conv2D by default");
        assertTrue(view.explanations().saliencyGrid().getAccessibleText().contains("strongest at row"),
                view.explanations().saliencyGrid().getAccessibleText());
    }

    @Test
    void theColumnFollowsTheInputTheClassTheLayerAndTheOpacity(FxRobot robot) throws Exception {
        robot.interact(() -> view.viewModel().explanationsShownProperty().set(true));
        awaitExplanations(seven, top(model, seven));

        Tensor other = seven.copy();
        for (int i = 0; i < 28 * 28; i++) other.data[i] = Math.min(1, other.data[i] + (i % 28 > 20 && i / 28 > 5 && i / 28 < 22 ? 1 : 0));
        robot.interact(() -> ctx.inputProperty().set(other));
        int k = top(model, other);
        awaitExplanations(other, k);
        assertArrayEquals(Saliency.gradient(model.copy(), other, k).values(),
                view.viewModel().saliency().explanationProperty().get().map().values(), 1e-6f);

        int chosen = (k + 3) % 10;
        ChoiceBox<Integer> classes = robot.lookup("#explain-class").queryAs(ChoiceBox.class);
        robot.interact(() -> classes.setValue(chosen)); // as picking it in the menu does
        awaitExplanations(other, chosen);
        HeatMap saliency = Saliency.gradient(model.copy(), other, chosen);
        assertArrayEquals(saliency.values(), view.viewModel().saliency().explanationProperty().get().map().values(), 1e-6f);
        assertArrayEquals(GradCam.of(model.copy(), other, chosen, GradCam.defaultLayer(model)).map().values(),
                view.viewModel().gradCam().explanationProperty().get().map().values(), 1e-6f);

        int first = GradCam.convLayers(model).get(0);
        ChoiceBox<Integer> layers = robot.lookup("#explain-layer").queryAs(ChoiceBox.class);
        robot.interact(() -> layers.setValue(first));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            var e = view.viewModel().gradCam().explanationProperty().get();
            return view.viewModel().gradCam().isSettled() && e != null && e.complete()
                    && view.viewModel().gradCam().statusProperty().get().contains(model.layers().get(first).name());
        }).get());
        WaitForAsyncUtils.waitForFxEvents();
        HeatMap gradCam = GradCam.of(model.copy(), other, chosen, first).map();
        assertArrayEquals(gradCam.values(), view.viewModel().gradCam().explanationProperty().get().map().values(), 1e-6f);

        robot.interact(() -> view.viewModel().saliency().opacityProperty().set(1.0));
        assertOverlay(saliency, view.explanations().saliencyGrid(), 1.0, ColorMap.VIRIDIS);
        assertOverlay(gradCam, view.explanations().gradCamGrid(), 1.0, ColorMap.VIRIDIS);
    }

    @Test
    void cividisRepaintsTheHeatMapsTheFeatureMapsAndTheLegend(FxRobot robot) throws Exception {
        robot.interact(() -> view.viewModel().explanationsShownProperty().set(true));
        int k = top(model, seven);
        awaitExplanations(seven, k);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.viewModel().activationsProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        MapRaster r = view.overview().rasters().raster(1);
        int x = r.tileX(0) + r.scale() * 13, y = r.tileY(0) + r.scale() * 13; // a unit in the middle of conv2d's map 0
        int before = view.overview().image(1).getPixelReader().getArgb(x, y);
        assertTrue(isColourOf(ColorMap.VIRIDIS, before), Integer.toHexString(before));
        assertEquals(ColorMap.VIRIDIS, view.legend().colorMapProperty().get());

        robot.interact(() -> ctx.sequentialColorMapProperty().set(ColorMap.CIVIDIS));
        WaitForAsyncUtils.waitForFxEvents();
        int after = view.overview().image(1).getPixelReader().getArgb(x, y);
        assertTrue(isColourOf(ColorMap.CIVIDIS, after), "conv2d's maps are repainted in cividis: " + Integer.toHexString(after));
        assertFalse(isColourOf(ColorMap.VIRIDIS, after));
        assertEquals(ColorMap.CIVIDIS, view.legend().colorMapProperty().get(), "the legend follows");
        HeatMap saliency = view.viewModel().saliency().explanationProperty().get().map();
        assertOverlay(saliency, view.explanations().saliencyGrid(), view.viewModel().saliency().opacityProperty().get(), ColorMap.CIVIDIS);
        assertEquals(ColorMap.CIVIDIS, robot.lookup("#explain-saliency-legend").queryAs(org.convscope.app.common.ColorLegend.class)
                .colorMapProperty().get());
    }

    /** Whether {@code argb} is one of the map's colours. */
    private static boolean isColourOf(ColorMap map, int argb) {
        for (int i = 0; i <= 256; i++) if (map.argb(i / 256.0) == argb) return true;
        return false;
    }
}
