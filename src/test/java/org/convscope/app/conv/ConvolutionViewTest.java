package org.convscope.app.conv;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.common.MatrixView;
import org.convscope.app.common.MatrixViewCells;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the real Convolution view, alone, headless. */
@ExtendWith(ApplicationExtension.class)
class ConvolutionViewTest {
    private ConvolutionView view;

    @Start
    void start(Stage stage) {
        view = new ConvolutionView();
        stage.setScene(org.convscope.app.Themed.scene((Parent) view.createContent(new AppContext()), 1260, 780));
        stage.sizeToScene(); // the stage is shared by all TestFX tests; an earlier one may have resized it
        stage.show();
    }

    private String counter(FxRobot robot) {
        return robot.lookup("#step-counter").queryAs(Label.class).getText();
    }

    private List<String> equation(FxRobot robot) {
        return robot.lookup("#equation").queryAs(VBox.class).getChildren().stream().map(n -> ((Label) n).getText()).toList();
    }

    private String outputSize(FxRobot robot) {
        return robot.lookup("#output-size").queryAs(Label.class).getText();
    }

    @Test
    void steppingUpdatesTheEquationAndTheCounter(FxRobot robot) {
        assertEquals("step 1 / 25", counter(robot));
        assertEquals("ReLU(138) → 138", equation(robot).get(2));
        robot.clickOn("#step-forward");
        assertEquals("step 2 / 25", counter(robot));
        assertEquals("134×0 + 117×(−1) + 101×0 + 130×(−1) + 128×5 + 110×(−1) + 124×0 + 119×(−1) + 115×0 = 164",
                equation(robot).get(0));
        robot.clickOn("#step-back");
        assertEquals("step 1 / 25", counter(robot));
    }

    @Test
    void keyboardStepsAndJumps(FxRobot robot) {
        robot.clickOn("#step-counter"); // the keys work wherever focus is, except in text fields
        robot.type(KeyCode.RIGHT);
        robot.type(KeyCode.RIGHT);
        assertEquals("step 3 / 25", counter(robot));
        robot.type(KeyCode.END);
        assertEquals("step 25 / 25", counter(robot));
        robot.type(KeyCode.HOME);
        assertEquals("step 1 / 25", counter(robot));
    }

    @Test
    void spacePlaysAndPauses(FxRobot robot) {
        robot.clickOn("#step-counter");
        robot.type(KeyCode.SPACE);
        assertTrue(view.viewModel().playingProperty().get());
        assertEquals("❚❚ Pause", robot.lookup("#play-pause").queryAs(javafx.scene.control.Button.class).getText());
        robot.type(KeyCode.SPACE);
        assertFalse(view.viewModel().playingProperty().get());
    }

    @Test
    void strideAndPaddingChangeTheOutputSizeAndStepCount(FxRobot robot) {
        assertEquals("output 5×5 — 25 steps", outputSize(robot));
        robot.clickOn(robot.lookup("#stride .increment-arrow-button").queryAs(javafx.scene.Node.class));
        assertEquals(2, robot.lookup("#stride").queryAs(Spinner.class).getValue());
        assertEquals("output 3×3 — 9 steps", outputSize(robot));
        assertEquals("step 1 / 9", counter(robot));
        robot.clickOn("#padding").clickOn("same");
        assertEquals("output 4×4 — 16 steps", outputSize(robot));
        assertEquals("step 1 / 16", counter(robot));
        assertEquals("rows:    ⌊(7 + 1 + 1 − 1·(3 − 1) − 1) / 2⌋ + 1 = 4",
                robot.lookup("#formula-rows").queryAs(Label.class).getText());
    }

    @Test
    void clickingAnOutputCellJumpsToItsStep(FxRobot robot) {
        MatrixView out = robot.lookup("#output-grid").queryAs(MatrixView.class);
        robot.clickOn(MatrixViewCells.onScreen(out, 3, 2));
        assertEquals("step 18 / 25", counter(robot));
    }

    @Test
    void editingAKernelCellChangesTheOutput(FxRobot robot) {
        robot.doubleClickOn("#kernel-editor-0 #cell-1-1");
        robot.eraseText(3).write("1").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1f, view.viewModel().kernelProperty().get().get(1, 1, 0));
        assertEquals("ReLU(−382) → 0", equation(robot).get(2));
        assertNotEquals(138f, view.viewModel().traceProperty().get().output().get(0, 0, 0));
    }

    @Test
    void editingAToyInputCellChangesTheEquation(FxRobot robot) {
        robot.clickOn("#input-choice").clickOn("Toy matrix 5×5");
        assertEquals("output 3×3 — 9 steps", outputSize(robot));
        assertTrue(equation(robot).get(0).startsWith("3×0 + 3×(−1)"), equation(robot).get(0));
        robot.clickOn("#edit-input");
        robot.doubleClickOn("#input-editor #cell-0-1");
        robot.eraseText(3).write("7").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(7f, view.viewModel().inputProperty().get().get(0, 1, 0));
        assertTrue(equation(robot).get(0).startsWith("3×0 + 7×(−1)"), equation(robot).get(0));
    }

    @Test
    void hoveringAnInputCellMarksTheOutputsItFeeds(FxRobot robot) {
        MatrixView in = robot.lookup("#input-grid-0").queryAs(MatrixView.class);
        robot.moveTo(MatrixViewCells.onScreen(in, 2, 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(9, robot.lookup("#output-grid").queryAs(MatrixView.class).linkedProperty().get().size());
    }
}
