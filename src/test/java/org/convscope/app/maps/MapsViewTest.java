package org.convscope.app.maps;

import javafx.geometry.Point2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.common.ColorMap;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class MapsViewTest {
    private final AppContext ctx = new AppContext();
    private final MapsView view = new MapsView();
    private Model model;
    private Tensor input;

    @Start
    void start(Stage stage) {
        model = MapsTestData.seed001();
        input = MapsTestData.seven(model);
        ctx.modelProperty().set(model);
        ctx.inputProperty().set(input);
        stage.setScene(org.convscope.app.Themed.scene((Parent) view.createContent(ctx), 1280, 800)); // Monocle's headless screen
        stage.show();
    }

    /** Waits until the view shows the maps of the context's current input. */
    private void awaitMapsOf(Tensor x) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            NetworkActivations a = view.viewModel().activationsProperty().get();
            return a != null && a.input() == x;
        }).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Point2D cellOnScreen(int column, int channel, int row, int col) {
        MapRaster r = view.overview().rasters().raster(column);
        return view.overview().mapsNode(column).localToScreen(
                r.tileX(channel) + (col + 0.5) * r.scale(), r.tileY(channel) + (row + 0.5) * r.scale());
    }

    @Test
    void frozenLayersAreMarkedInTheColumnsAndTheSummary(FxRobot robot) throws Exception {
        Model frozen = model.copy();
        org.convscope.engine.Transfer.freeze(frozen, 2); // conv2d and max_pooling2d
        robot.interact(() -> ctx.modelProperty().set(frozen));
        awaitMapsOf(input);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.viewModel().summaryProperty().get() != null
                && !view.viewModel().summaryProperty().get().rows().get(0).trainable());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#column-1").query().getStyleClass().contains("frozen"));
        assertTrue(robot.lookup("#column-2").query().getStyleClass().contains("frozen"));
        assertFalse(robot.lookup("#column-3").query().getStyleClass().contains("frozen"));
        var table = robot.lookup("#summary-table").queryAs(javafx.scene.control.TableView.class);
        var layerColumn = (javafx.scene.control.TableColumn<?, ?>) table.getColumns().get(0);
        assertEquals("conv2d (Conv2D)  ❄ frozen", layerColumn.getCellData(0));
        assertEquals("conv2d_1 (Conv2D)", layerColumn.getCellData(2));
    }

    @Test
    void thePaintedMapsAreTheEngineLayerOutputsInViridis() throws Exception {
        awaitMapsOf(input);
        List<Tensor> expected = model.copy().forwardAll(input);
        for (int column : new int[] {1, 3}) {
            Tensor t = expected.get(column - 1); // (1, H, W, C)
            int h = t.dim(1), w = t.dim(2), c = t.dim(3);
            MapRaster r = view.overview().rasters().raster(column);
            var pixels = view.overview().image(column).getPixelReader();
            for (int ch = 0; ch < c; ch += 7) {
                float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
                for (int i = ch; i < t.size(); i += c) {
                    min = Math.min(min, t.data[i]);
                    max = Math.max(max, t.data[i]);
                }
                if (max == min) max = min + 1;
                for (int i = 0; i < h; i += 3) {
                    for (int j = 0; j < w; j += 2) {
                        float v = t.data[(i * w + j) * c + ch];
                        int x = r.tileX(ch) + j * r.scale() + r.scale() / 2, y = r.tileY(ch) + i * r.scale() + r.scale() / 2;
                        assertEquals(ColorMap.VIRIDIS.argb(v, min, max), pixels.getArgb(x, y),
                                "column " + column + " map " + ch + " at " + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void drawingMoreRepaintsTheMaps(FxRobot robot) throws Exception {
        awaitMapsOf(input);
        Tensor dot = Tensor.zeros(1, 28, 28, 1);
        for (int i = 10; i < 18; i++) dot.data[i * 28 + 20] = 1;
        robot.interact(() -> ctx.inputProperty().set(dot));
        awaitMapsOf(dot);
        float[] expected = model.copy().forwardAll(dot).get(0).data;
        NetworkActivations a = view.viewModel().activationsProperty().get();
        assertEquals(expected[(12 * 26 + 19) * 32 + 4], a.value(1, 4, 12, 19));
    }

    @Test
    void clickingAMapOpensItsDetailWithOneKernelPerInputChannel(FxRobot robot) throws Exception {
        awaitMapsOf(input);
        robot.clickOn(cellOnScreen(1, 2, 10, 10));
        assertEquals(new MapsViewModel.MapDetail(1, 2), view.viewModel().pageProperty().get());
        assertEquals(1, robot.lookup("#kernel-tiles").queryAs(Pane.class).getChildren().size());

        robot.clickOn("#back-to-overview");
        robot.clickOn(cellOnScreen(3, 5, 4, 4));
        assertEquals(new MapsViewModel.MapDetail(3, 5), view.viewModel().pageProperty().get());
        assertEquals(32, robot.lookup("#kernel-tiles").queryAs(Pane.class).getChildren().size());

        robot.clickOn("#step-through");
        assertNotNull(ctx.convolutionRequestProperty().get());
        assertEquals(5, ctx.convolutionRequestProperty().get().filter());
    }

    @Test
    void theNormalisationSwitchChangesTheLegendRange(FxRobot robot) throws Exception {
        awaitMapsOf(input);
        robot.interact(() -> view.viewModel().select(1, 0));
        String perMap = view.legend().highText();
        robot.clickOn("#per-layer");
        assertEquals(Normalisation.PER_LAYER, view.viewModel().normalisationProperty().get());
        assertNotEquals(perMap, view.legend().highText());
        robot.clickOn("#per-map");
        assertEquals(perMap, view.legend().highText());
    }

    @Test
    void selectingASummaryRowSelectsItsColumnAndBack(FxRobot robot) throws Exception {
        awaitMapsOf(input);
        var table = view.summary().table();
        assertEquals(7, table.getItems().size());
        robot.interact(() -> table.getSelectionModel().select(2));
        assertEquals(3, view.viewModel().selectedColumnProperty().get());
        assertTrue(robot.lookup("#column-3").query().getStyleClass().contains("selected"));
        Region columns = robot.lookup(".overview-columns").queryAs(Region.class);
        ScrollPane overview = robot.lookup(n -> n instanceof ScrollPane sp && sp.getContent() == columns.getParent()) // columns and skip arrows
                .queryAs(ScrollPane.class);
        robot.interact(() -> overview.getScene().getWindow().setWidth(700)); // narrower than the columns
        robot.interact(() -> table.getSelectionModel().select(0));
        assertTrue(columns.getWidth() > overview.getViewportBounds().getWidth(), "precondition: the columns overflow the window");
        robot.interact(() -> table.getSelectionModel().select(6)); // dense_1, the last column
        var last = robot.lookup("#column-7").queryAs(javafx.scene.Node.class);
        javafx.geometry.Bounds shown = overview.localToScreen(overview.getLayoutBounds());
        javafx.geometry.Bounds column = last.localToScreen(last.getLayoutBounds());
        assertTrue(column.getMinX() >= shown.getMinX() - 1 && column.getMaxX() <= shown.getMaxX() + 1,
                "the selected column is scrolled into view: " + column + " within " + shown);
        robot.interact(() -> table.getSelectionModel().select(4)); // flatten, a strip column
        robot.clickOn(robot.lookup("#column-5 .column-header").queryAs(javafx.scene.Node.class));
        assertEquals(4, table.getSelectionModel().getSelectedIndex());
    }

    @Test
    void hoveringAUnitShowsItsValueAndReceptiveField(FxRobot robot) throws Exception {
        awaitMapsOf(input);
        robot.moveTo(cellOnScreen(3, 9, 4, 6));
        String status = robot.lookup("#hover-status").queryAs(Label.class).getText();
        assertTrue(status.startsWith("conv2d_1 · map 9 · row 4, col 6"), status);
        assertTrue(status.endsWith("rows 8–15, cols 12–19"), status);
        assertTrue(robot.lookup(".receptive-field").match(javafx.scene.Node::isVisible).tryQuery().isPresent());
    }

    @Test
    void whileHiddenTheMapsWaitAndOnePassShowsTheNewestInputWhenShown(FxRobot robot) throws Exception {
        awaitMapsOf(input);
        MapsViewModel vm = view.viewModel();
        Tensor first = Tensor.zeros(1, 28, 28, 1), second = Tensor.zeros(1, 28, 28, 1);
        first.data[14 * 28 + 14] = 1;
        second.data[10 * 28 + 10] = 1;
        int[] before = new int[1];
        var root = robot.window(0).getScene().getRoot();
        robot.interact(() -> {
            before[0] = vm.passesStarted();
            root.setVisible(false); // kept in the scene but hidden
            ctx.inputProperty().set(first);
            ctx.inputProperty().set(second);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before[0], vm.passesStarted(), "no forward pass while hidden");
        assertTrue(vm.staleProperty().get());
        assertSame(input, vm.activationsProperty().get().input());

        robot.interact(() -> root.setVisible(true));
        awaitMapsOf(second);
        assertEquals(before[0] + 1, vm.passesStarted(), "one pass when shown");
    }
}
