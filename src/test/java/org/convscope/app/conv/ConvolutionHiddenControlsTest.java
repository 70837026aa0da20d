package org.convscope.app.conv;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.common.Deferred;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The settings that are hidden when the Convolution view opens (the zeros of custom padding, the channel shown of a
 * deep input) join the scene graph only when first shown, and then work as before.
 */
@ExtendWith(ApplicationExtension.class)
class ConvolutionHiddenControlsTest {
    private ConvolutionView view;

    @Start
    void start(Stage stage) {
        view = new ConvolutionView();
        stage.setScene(org.convscope.app.Themed.scene((Parent) view.createContent(new AppContext()), 1260, 780));
        stage.sizeToScene();
        stage.show();
    }

    @Test
    void hiddenSpinnersAreNotInTheSceneGraphAtFirst(FxRobot robot) {
        assertTrue(robot.lookup("#custom-padding").queryAll().isEmpty());
        assertTrue(robot.lookup("#shown-channel").queryAll().isEmpty());
        assertEquals(0, robot.lookup(n -> n instanceof Deferred d && d.isVisible() && d.getChildren().isEmpty()).queryAll().size(),
                "a visible place holds its part");
    }

    @Test
    void customPaddingShowsTheZerosSpinnerWhichChangesTheOutputSize(FxRobot robot) {
        robot.clickOn("#padding").clickOn("custom");
        WaitForAsyncUtils.waitForFxEvents();
        Spinner<?> zeros = robot.lookup("#custom-padding").queryAs(Spinner.class);
        Node place = zeros.getParent();
        assertTrue(place instanceof Deferred && place.isVisible() && place.isManaged());
        assertEquals("output 7×7 — 49 steps", view.viewModel().outputSizeProperty().get()); // 7×7, 1 zero each side, 3×3
        robot.clickOn(robot.lookup("#custom-padding .increment-arrow-button").queryAs(Node.class));
        assertEquals(2, view.viewModel().customPaddingProperty().get());
        assertEquals("output 9×9 — 81 steps", view.viewModel().outputSizeProperty().get());
        robot.clickOn("#padding").clickOn("valid");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(place.isVisible());
        assertFalse(place.isManaged(), "a hidden spinner leaves no gap");
    }
}
