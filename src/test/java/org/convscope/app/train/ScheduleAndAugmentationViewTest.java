package org.convscope.app.train;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.engine.EarlyStopping;
import org.convscope.engine.LearningRateSchedule;
import org.convscope.engine.TrainingListener.EpochLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Train view's learning-rate schedule, early stopping and augmentation grid, on the tiny bars data. */
@ExtendWith(ApplicationExtension.class)
class ScheduleAndAugmentationViewTest {
    private final AppContext context = new AppContext();
    private TrainViewModel vm;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        // written for JavaFX's default look (under the theme the schedule's text field is not where the robot clicks):
        // put it back, whichever themed test ran before
        org.convscope.app.DefaultStylesheet.restoreOnFxThread();
        // few training images and a large rate: the seeded run overfits, so early stopping has something to stop
        TrainView view = new TrainView(() -> List.of(TinyData.source(TinyData.create(30, 60, 7))));
        stage.setScene(new Scene((Pane) view.createContent(context), 1280, 800));
        stage.sizeToScene();
        stage.show();
        vm = view.viewModel();
        vm.layers().setAll(TinyData.layers());
        vm.batchSizeProperty().set(5);
        vm.learningRateProperty().set(0.05);
    }

    private static void await(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> condition.getAsBoolean());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Writes the stage to target/screenshots/NAME.png for a person to look at (not asserted). */
    private void shoot(FxRobot robot, String name) {
        robot.interact(() -> {
            try {
                File dir = new File("target/screenshots");
                dir.mkdirs();
                ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().getRoot().snapshot(null, null), null), "png", new File(dir, name + ".png"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Scrolls the settings so that the knobs at their end (augmentation, early stopping) are on screen. */
    private static void scrollSettingsDown(FxRobot robot) {
        robot.interact(() -> robot.lookup(".train-settings").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1));
    }

    @SuppressWarnings("unchecked")
    private static LineChart<Number, Number> chart(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(LineChart.class);
    }

    private static XYChart.Series<Number, Number> series(LineChart<Number, Number> chart, String name) {
        return chart.getData().stream().filter(s -> s.getName().equals(name)).findFirst().orElse(null);
    }

    @Test
    void theLrChartShowsTheScheduleAndTheChartsMarkWhereEarlyStoppingStoppedAndWhoseWeightsItRestored(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm.epochsProperty().set(30);
            robot.lookup("#lr-schedule").queryAs(ComboBox.class).setValue("exponential:0.8");
        });
        LineChart<Number, Number> lr = chart(robot, "#lr-chart");
        var planned = series(lr, "planned").getData();
        assertEquals(60, planned.size(), "two points (start, end) per planned epoch");
        for (int e = 0; e < 30; e++) {
            assertEquals((float) (0.05f * Math.pow(0.8, e)), planned.get(2 * e).getYValue().floatValue(), 1e-9, "planned epoch " + (e + 1));
        }
        scrollSettingsDown(robot);
        robot.clickOn("#early-stopping");
        robot.clickOn("#start");
        await(() -> !vm.trainingProperty().get() && vm.evaluationProperty().get() != null);

        TrainingSnapshot s = vm.snapshotProperty().get();
        int stopped = s.earlyStoppedEpoch(), restored = s.restoredEpoch();
        assertTrue(stopped > 0 && stopped < 30, "the seeded run stops early: " + s.epochPoints());
        assertEquals(stopped, s.epochPoints().size());
        assertEquals(restored + 3, stopped, "patience 3 after the best epoch");
        EpochLogs best = s.epochPoints().get(restored - 1);
        for (EpochLogs e : s.epochPoints()) assertTrue(e.valLoss() >= best.valLoss(), "epoch " + restored + " has the lowest val_loss");
        assertEquals(best.valAccuracy(), vm.evaluationProperty().get().accuracy(), 1e-12,
                "the test set is the validation data: the restored model scores what its best epoch scored");

        // the lr as a line: the rate each epoch trained with, as planned, up to the stop
        var used = series(lr, "used").getData();
        for (EpochLogs e : s.epochPoints()) {
            float expected = (float) (0.05f * Math.pow(0.8, e.epoch() - 1));
            assertEquals(expected, e.learningRate(), 0, "epoch " + e.epoch());
            double mid = e.epoch() - 0.5;
            XYChart.Data<Number, Number> at = used.stream().filter(d -> d.getXValue().doubleValue() <= mid).reduce((a, b) -> b).orElseThrow();
            assertEquals(expected, at.getYValue().floatValue(), 0, "the line over the middle of epoch " + e.epoch());
        }
        assertEquals(stopped, used.get(used.size() - 1).getXValue().doubleValue(), 1e-9, "the line ends at the stop");

        for (String id : List.of("#loss-chart", "#accuracy-chart")) {
            var stop = series(chart(robot, id), "early stop");
            var back = series(chart(robot, id), "best epoch (weights restored)");
            assertTrue(stop != null && back != null, id + " has both markers");
            for (var d : stop.getData()) assertEquals(stopped, d.getXValue().doubleValue(), 0, id);
            for (var d : back.getData()) assertEquals(restored, d.getXValue().doubleValue(), 0, id);
            assertTrue(stop.getNode().isVisible(), id + " draws the stop line");
        }
        String text = robot.lookup("#early-stop-text").queryAs(Label.class).getText();
        assertEquals("val_loss was best after epoch " + restored + ", whose weights were restored (dashed green line); no better one in"
                + " the next 3 epochs, so early stopping ended the run after epoch " + stopped + " (solid line).", text);
        assertEquals("Stopped early after epoch " + stopped + " of 30", robot.lookup("#progress-text").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#early-stop-text").queryAs(Label.class).isVisible());
        assertTrue(s.log().contains("Restoring model weights from the end of the best epoch: " + restored + "."), String.join("\n", s.log()));
        assertTrue(s.log().contains("EarlyStopping(monitor='val_loss', patience=3, restore_best_weights=True)"));
        shoot(robot, "train-early-stopping");

        robot.interact(() -> {
            vm.earlyStoppingProperty().set(false);
            vm.epochsProperty().set(2);
        });
        robot.clickOn("#start"); // a run without early stopping: no markers
        await(() -> !vm.trainingProperty().get() && vm.snapshotProperty().get() != s && vm.snapshotProperty().get().phase().ended());
        assertEquals(null, series(chart(robot, "#loss-chart"), "early stop"), "markers " + vm.stopMarkerLoss());
        assertEquals(null, series(chart(robot, "#accuracy-chart"), "best epoch (weights restored)"));
        assertFalse(robot.lookup("#early-stop-text").queryAs(Label.class).isVisible());
    }

    @Test
    void aScheduleThatDoesNotReadIsMarkedAndNamedAndStartSaysWhy(FxRobot robot) throws Exception {
        await(() -> vm.datasetProperty().get() != null);
        robot.interact(() -> robot.lookup("#lr-schedule").queryAs(ComboBox.class).setValue("step:0:0.5"));
        Label problem = robot.lookup("#schedule-problem").queryAs(Label.class);
        assertTrue(problem.isVisible());
        assertEquals("step: the epochs between two drops must be ≥ 1, got 0", problem.getText());
        assertTrue(robot.lookup("#lr-schedule").query().getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("invalid")));
        robot.clickOn("#start");
        assertEquals("Cannot start: step: the epochs between two drops must be ≥ 1, got 0", vm.messageProperty().get());
        assertFalse(vm.trainingProperty().get());
        robot.interact(() -> robot.lookup("#lr-schedule").queryAs(ComboBox.class).setValue("cosine"));
        assertFalse(problem.isVisible());
    }

    @Test
    void aScheduleTypedAndEnteredIsTheOneTheRunUses(FxRobot robot) throws Exception {
        await(() -> vm.datasetProperty().get() != null);
        robot.interact(() -> vm.epochsProperty().set(3));
        robot.clickOn("#lr-schedule .text-field");
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.A).release(javafx.scene.input.KeyCode.CONTROL);
        robot.write("step:1:0.5");
        robot.type(javafx.scene.input.KeyCode.ENTER); // Enter also presses Start, the default button
        await(() -> !vm.trainingProperty().get() && vm.snapshotProperty().get() != null && vm.snapshotProperty().get().phase().ended());
        List<Float> rates = vm.snapshotProperty().get().epochPoints().stream().map(EpochLogs::learningRate).toList();
        assertEquals(List.of(0.05f, 0.025f, 0.0125f), rates);
    }

    @Test
    void theKerasCodeNoteNamesTheCallbacksItLeavesOut() {
        TrainSettings plain = TrainSettings.defaults();
        assertEquals("Your settings: optimizer, learning rate, batch size, epochs and validation.", TrainView.kerasCodeNote(plain));
        TrainSettings all = new TrainSettings("adam", 1e-3f, 32, 5, 0, false, 0, 0, new Augmenter(2, 10), 0, 1,
                LearningRateSchedule.parse("plateau:2:0.5"), EarlyStopping.onValLoss(3));
        assertEquals("Not in this code: data augmentation (Keras does it with layers such as RandomTranslation and RandomRotation);"
                + " the learning-rate schedule (a LearningRateScheduler or ReduceLROnPlateau callback in fit);"
                + " early stopping (callbacks=[keras.callbacks.EarlyStopping(monitor='val_loss', patience=3, restore_best_weights=True)]).",
                TrainView.kerasCodeNote(all));
    }

    private List<Image> gridImages(FxRobot robot) {
        List<Image> images = new ArrayList<>();
        for (Node n : robot.lookup("#augmentation-images").queryAs(GridPane.class).getChildren()) {
            if (n instanceof ImageView v) images.add(v.getImage());
        }
        return images;
    }

    private static boolean samePixels(Image a, Image b) {
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getPixelReader().getArgb(x, y) != b.getPixelReader().getArgb(x, y)) return false;
            }
        }
        return true;
    }

    @Test
    void theAugmentationGridShowsMovedVersionsAndRefreshesWithTheSettingsAndDuringTraining(FxRobot robot) throws Exception {
        await(() -> vm.datasetProperty().get() != null);
        assertTrue(robot.lookup("#augmentation-grid").queryAll().isEmpty(), "nothing is built before augmentation is on");
        scrollSettingsDown(robot);
        robot.clickOn("#augment");
        WaitForAsyncUtils.waitForFxEvents();
        scrollSettingsDown(robot);
        assertTrue(robot.lookup("#augmentation-grid").queryAs(Node.class).isVisible());
        List<Image> first = gridImages(robot);
        assertEquals(3 * 6, first.size(), "one row per class of the bars (3), the original and 5 moved versions");
        Image original = Thumbnails.of(vm.datasetProperty().get().trainImages(), 0);
        assertTrue(samePixels(original, first.get(0)), "column 0 is the training image itself");
        int moved = 0;
        for (int c = 1; c < 6; c++) if (!samePixels(first.get(0), first.get(c))) moved++;
        assertTrue(moved >= 4, "the versions are moved: " + moved + " of 5 differ");
        shoot(robot, "train-augmentation-grid");

        robot.interact(() -> robot.lookup("#augment-shift").queryAs(Spinner.class).increment());
        assertEquals(3, vm.augmentShiftProperty().get());
        List<Image> second = gridImages(robot);
        assertNotEquals(first.get(1), second.get(1), "a new grid for the new setting");
        assertTrue(samePixels(first.get(0), second.get(0)), "the originals stay");
        assertFalse(samePixels(first.get(1), second.get(1)) && samePixels(first.get(2), second.get(2)), "the moved ones change");

        robot.interact(() -> robot.lookup("#augment-degrees").queryAs(Spinner.class).decrement(2)); // 10° → 0°
        robot.interact(() -> robot.lookup("#augment-shift").queryAs(Spinner.class).decrement(3)); // 3 px → 0
        for (Image i : gridImages(robot).subList(0, 6)) assertTrue(samePixels(original, i), "no shift, no rotation: all alike");
        robot.interact(() -> robot.lookup("#augment-shift").queryAs(Spinner.class).increment(2));

        List<Image> beforeTraining = gridImages(robot);
        robot.interact(() -> vm.epochsProperty().set(3));
        robot.clickOn("#start");
        await(() -> !vm.trainingProperty().get());
        assertNotEquals(beforeTraining.get(1), gridImages(robot).get(1), "new draws each epoch during training");

        scrollSettingsDown(robot);
        robot.clickOn("#augment");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(vm.augmentProperty().get());
        assertFalse(robot.lookup("#augmentation-holder").queryAs(Node.class).isVisible(), "hidden with augmentation off");
    }
}
