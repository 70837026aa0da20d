package org.convscope.app.train;

import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.train.TrainingSnapshot.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training view alone, on the tiny bars dataset, with training on a real background thread. */
@ExtendWith(ApplicationExtension.class)
class TrainViewTest {
    private final AppContext context = new AppContext();
    private TrainViewModel vm;

    @Start
    void start(Stage stage) {
        TrainView view = new TrainView(() -> List.of(TinyData.source(TinyData.create(240, 60, 7))));
        stage.setScene(org.convscope.app.Themed.scene((Pane) view.createContent(context), 1280, 800));
        stage.sizeToScene(); // the stage is shared by all TestFX tests; another may have left it smaller
        stage.show();
        vm = view.viewModel();
        vm.layers().setAll(TinyData.layers());
        vm.batchSizeProperty().set(16);
        vm.learningRateProperty().set(0.01);
    }

    private static void await(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> condition.getAsBoolean());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void trainTwoEpochs(FxRobot robot) throws Exception {
        robot.interact(() -> vm.epochsProperty().set(2));
        robot.clickOn("#start");
        await(() -> !vm.trainingProperty().get() && vm.evaluationProperty().get() != null);
    }

    @Test
    void startDrawsPointsInBothChartsAndUpdatesTheProgress(FxRobot robot) throws Exception {
        trainTwoEpochs(robot);
        for (String id : List.of("#loss-chart", "#accuracy-chart")) {
            LineChart<?, ?> chart = robot.lookup(id).queryAs(LineChart.class);
            assertEquals(30, chart.getData().get(0).getData().size(), id + " per batch");
            assertEquals(2, chart.getData().get(1).getData().size(), id + " per epoch");
            assertEquals(2, chart.getData().get(2).getData().size(), id + " validation");
            assertNotNull(chart.getData().get(1).getData().get(1).getNode(), id + " draws a marker per epoch");
        }
        assertEquals(1.0, robot.lookup("#progress").queryAs(ProgressBar.class).getProgress(), 1e-9);
        assertEquals("Finished 2 epochs", robot.lookup("#progress-text").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#progress-line").queryAs(Label.class).getText().startsWith("Test accuracy"));
    }

    @Test
    void pauseStopsNewPointsAndStopLeavesAUsableModel(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm.epochsProperty().set(1000);
            vm.batchSizeProperty().set(1); // a long run: 240,000 batches
        });
        // looked up before the run: a lookup walks the scene graph off the FX thread, which races with
        // the charts replacing their points during training
        Button pause = robot.lookup("#pause").queryButton();
        Button stop = robot.lookup("#stop").queryButton();
        Label progress = robot.lookup("#progress-text").queryAs(Label.class);
        robot.clickOn("#start");
        await(() -> batches() > 20);
        robot.clickOn(pause);
        await(() -> vm.phaseProperty().get() == Phase.PAUSED);
        int paused = batches();
        WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(paused, batches(), "no new points while paused");
        assertEquals("Resume", pause.getText());
        assertTrue(progress.getText().startsWith("Paused"));

        robot.clickOn(pause);
        await(() -> batches() > paused);
        robot.clickOn(stop);
        await(() -> !vm.trainingProperty().get());
        assertEquals(Phase.STOPPED, vm.phaseProperty().get());
        assertTrue(robot.lookup("#message").queryAs(Label.class).getText().startsWith("Stopped at epoch"));
        assertNotNull(context.modelProperty().get(), "the stopped model is published");
        assertNotNull(vm.evaluationProperty().get(), "and evaluated");
        assertFalse(robot.lookup("#save-model").queryAs(Button.class).isDisabled());
    }

    @Test
    void theSnowflakeFreezesALayerAndTheSummaryCountsItsWeights(FxRobot robot) {
        robot.clickOn("#freeze-0");
        assertFalse(vm.layers().get(0).trainable());
        assertTrue(robot.lookup("#layer-row-0").query().getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("frozen")));
        long conv = vm.checks().get(0).params();
        assertTrue(vm.architectureSummaryProperty().get().endsWith(String.format(java.util.Locale.ROOT, "(%,d frozen)", conv)),
                vm.architectureSummaryProperty().get());
        assertTrue(robot.lookup("#freeze-1").queryAs(javafx.scene.control.ToggleButton.class).isDisabled(), "pooling has no weights");
        robot.clickOn("#freeze-0");
        assertTrue(vm.layers().get(0).trainable());
    }

    @Test
    void theEditorRejectsAnImpossibleLayerWithItsReason(FxRobot robot) {
        robot.doubleClickOn("#arg-0-kernel_size").write("9");
        Label error = robot.lookup("#layer-row-0 .layer-error").queryAs(Label.class);
        assertTrue(error.isVisible());
        assertEquals("⚠ Conv2D kernel 9×9 is larger than its 8×8 input", error.getText());
        assertTrue(vm.checks().get(1).blocked());
        // a row that never failed has no error line (it is made at the first failure)
        assertTrue(robot.lookup("#layer-row-1 .layer-error").tryQuery().map(n -> !n.isVisible()).orElse(true), "only the first problem is marked");
        assertEquals("Cannot start: Conv2D kernel 9×9 is larger than its 8×8 input", robot.lookup("#start-problem").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#start").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#architecture-summary").queryAs(Label.class).getText().startsWith("Cannot train"));

        robot.doubleClickOn("#arg-0-kernel_size").write("3");
        assertFalse(robot.lookup("#layer-row-0 .layer-error").queryAs(Label.class).isVisible());
        assertFalse(robot.lookup("#start").queryAs(Button.class).isDisabled());
    }

    @Test
    void clickingAConfusionMatrixCellShowsItsImagesAndOneOpensInDraw(FxRobot robot) throws Exception {
        trainTwoEpochs(robot);
        Evaluation e = vm.evaluationProperty().get();
        robot.clickOn("#cm-1-1");
        FlowPane images = robot.lookup("#cell-images").queryAs(FlowPane.class);
        assertEquals(e.count(1, 1), images.getChildren().size());
        assertTrue(e.count(1, 1) > 0);
        assertEquals(e.count(1, 1) + " test images of vertical classified as vertical",
                robot.lookup("#cell-title").queryAs(Label.class).getText());

        robot.clickOn(images.getChildren().get(0));
        robot.clickOn("#open-draw");
        int first = e.cell(1, 1)[0];
        assertEquals(TrainViewModel.DRAW_VIEW, context.requestedViewProperty().get());
        assertEquals(vm.datasetProperty().get().testImages().slice(first, first + 1).data[10], context.inputProperty().get().data[10]);
        assertEquals(List.of(1, 8, 8, 1), List.of(1, context.inputProperty().get().dim(1), context.inputProperty().get().dim(2),
                context.inputProperty().get().dim(3)));
    }

    private int batches() {
        TrainingSnapshot s = vm.snapshotProperty().get();
        return s == null ? 0 : s.batchPoints().size();
    }
}
