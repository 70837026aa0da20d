package org.convscope.app.pool;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class PoolingViewTest {

    private final AppContext context = new AppContext();

    @Start
    void start(Stage stage) {
        stage.setScene(org.convscope.app.Themed.scene((Parent) new PoolingView().createContent(context), 1260, 780));
        stage.show();
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private String firstEquationLine(FxRobot robot) {
        return ((Label) robot.lookup("#equation").queryAs(VBox.class).getChildren().get(0)).getText();
    }

    @Test
    void showsTheThirtyTwoToSixteenExampleAndSteps(FxRobot robot) {
        assertEquals("32×32 → 16×16 — 256 steps", text(robot, "#output-size"));
        assertTrue(firstEquationLine(robot).startsWith("max("));
        robot.clickOn("#step-forward");
        assertEquals("step 2 / 256", text(robot, "#step-counter"));
    }

    @Test
    void averageAndPoolSizeChangeTheEquationAndTheOutputSize(FxRobot robot) {
        robot.clickOn("#pool-kind").clickOn("average");
        assertTrue(firstEquationLine(robot).endsWith(") / 4 = " + firstEquationLine(robot).replaceAll(".* = ", "")));
        robot.clickOn(robot.lookup("#pool-size .increment-arrow-button").queryAs(javafx.scene.Node.class));
        assertEquals("32×32 → 15×15 — 225 steps", text(robot, "#output-size")); // ⌊(32 − 3) / 2⌋ + 1
        assertEquals("step 1 / 225", text(robot, "#step-counter"));
    }

    @Test
    void presentationModeHidesTheSettingsButKeepsTheTransportBar(FxRobot robot) {
        robot.interact(() -> context.controlsHiddenProperty().set(true));
        assertFalse(robot.lookup("#pool-kind").query().getParent().getParent().isVisible());
        assertTrue(robot.lookup("#step-forward").query().isVisible());
        robot.interact(() -> context.controlsHiddenProperty().set(false));
        assertTrue(robot.lookup("#pool-kind").query().getParent().getParent().isVisible());
    }

    @Test
    void clickingAnOutputCellJumpsToItsStep(FxRobot robot) {
        MatrixView out = robot.lookup("#output-grid").queryAs(MatrixView.class);
        robot.clickOn(MatrixViewCells.onScreen(out, 1, 3));
        assertEquals("step 20 / 256", text(robot, "#step-counter"));
    }
}
