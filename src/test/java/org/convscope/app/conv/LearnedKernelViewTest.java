package org.convscope.app.conv;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.engine.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Convolution view with a model in the app context: its learned kernels over real feature maps. */
@ExtendWith(ApplicationExtension.class)
class LearnedKernelViewTest {
    private ConvolutionView view;

    @Start
    void start(Stage stage) {
        AppContext context = new AppContext();
        context.modelProperty().set(Presets.create("seed-001").build(3));
        view = new ConvolutionView();
        stage.setScene(org.convscope.app.Themed.scene((Parent) view.createContent(context), 1260, 780));
        stage.show();
    }

    @Test
    void choosingALearnedKernelOfTheSecondLayerSlidesItOverTheFirstLayersMaps(FxRobot robot) {
        robot.clickOn("#kernel-choice").clickOn("Learned kernel of the model");
        assertTrue(robot.lookup("#learned-layer").query().getParent().getParent().isVisible());
        assertFalse(robot.lookup("#input-choice").query().getParent().isVisible(), "the input menu goes away");
        assertEquals("output 26×26 — 676 steps", robot.lookup("#output-size").queryAs(Label.class).getText());
        robot.clickOn("#learned-layer").clickOn(view.viewModel().convLayers().get(1));
        assertEquals("output 11×11 — 121 steps", robot.lookup("#output-size").queryAs(Label.class).getText());
        assertEquals(32, view.viewModel().inputProperty().get().channels());
        // the channel menu's place (a Deferred) around its caption and spinner
        assertTrue(robot.lookup("#shown-channel").query().getParent().getParent().isVisible(), "32 channels: one is shown at a time");
        assertTrue(robot.lookup("#receptive-field").queryAs(Label.class).getText().contains("(a 8×8 receptive field)"));
    }
}
