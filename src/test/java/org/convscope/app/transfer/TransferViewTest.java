package org.convscope.app.transfer;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.common.Theme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Transfer view alone, with the shipped digit network and Fashion-MNIST sample, training on real background threads. */
@ExtendWith(ApplicationExtension.class)
class TransferViewTest {
    private final AppContext context = new AppContext();
    private TransferViewModel vm;

    @Start
    void start(Stage stage) {
        TransferView view = new TransferView();
        BorderPane root = new BorderPane(view.createContent(context));
        Theme.apply(root, false, false, 1.0);
        stage.setScene(new Scene(root, 1260, 780)); // within Monocle's 1280×800 headless screen
        stage.sizeToScene(); // the stage is shared by all TestFX tests; another may have left it smaller
        stage.show();
        vm = view.viewModel();
    }

    private static void await(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void lessonOneDrawsThreeCurvesAndFillsTheTable(FxRobot robot) throws Exception {
        await(() -> !robot.lookup("#compare-start").queryAs(Button.class).isDisabled());
        robot.interact(() -> {
            vm.sampleSizeProperty().set(100); // a tiny sample, one epoch: the test checks the wiring, not the lesson
            vm.epochsProperty().set(1);
        });
        robot.clickOn("#compare-start");
        await(() -> !vm.comparingProperty().get() && vm.outcomes().size() == 3);
        LineChart<?, ?> chart = robot.lookup("#transfer-chart").queryAs(LineChart.class);
        assertEquals(3, chart.getData().size());
        for (var series : chart.getData()) assertEquals(2, series.getData().size(), series.getName() + ": epochs 0 and 1");
        GridPane table = robot.lookup("#transfer-results").queryAs(GridPane.class);
        assertEquals(4 * 4, table.getChildren().size(), "a header and three rows of four cells");
        assertTrue(robot.lookup("#compare-status").queryAs(Label.class).getText().startsWith("Finished"));
    }

    @Test
    void lessonTwoAddsDeletesTrainsAndClassifiesADrawing(FxRobot robot) throws Exception {
        robot.clickOn("2 · Teach new classes by drawing");
        await(() -> vm.pretrainedProperty().get() != null);
        ShapeStrokes strokes = new ShapeStrokes(9);
        for (int i = 0; i < 3; i++) {
            robot.interact(() -> strokes.draw(vm.sketch(), ShapeStrokes.Shape.CIRCLE));
            robot.clickOn("#add-example-0");
            robot.interact(() -> strokes.draw(vm.sketch(), ShapeStrokes.Shape.CROSS));
            robot.clickOn("#add-example-1");
        }
        Label count = robot.lookup("#class-count-0").queryAs(Label.class);
        assertEquals("3 drawings", count.getText());
        Node firstThumb = robot.lookup("#class-thumbs-0").queryAs(FlowPane.class).getChildren().get(0);
        robot.clickOn(firstThumb);
        assertEquals("2 drawings", count.getText());

        robot.clickOn("#teach");
        await(() -> vm.taughtProperty().get() != null);
        assertTrue(robot.lookup("#teach-status").queryAs(Label.class).getText().startsWith("Trained in"));

        // a circle drawn with the mouse on the pad
        Node pad = robot.lookup("#transfer-pad").query();
        var b = pad.localToScreen(pad.getBoundsInLocal());
        double cx = b.getCenterX(), cy = b.getCenterY(), r = b.getWidth() * 0.3;
        robot.moveTo(cx + r, cy).press(MouseButton.PRIMARY);
        for (int i = 1; i <= 12; i++) robot.moveTo(cx + r * Math.cos(i * Math.PI / 6), cy + r * Math.sin(i * Math.PI / 6));
        robot.release(MouseButton.PRIMARY);
        await(() -> vm.classificationProperty().get() != null);
        assertEquals("circle", robot.lookup("#teach-answer").queryAs(Label.class).getText());
    }
}
