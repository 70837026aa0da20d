package org.convscope.app.train;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.engine.Shape;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 20: a preset whose own input is not the data's is never silently rebuilt for the data. */
@ExtendWith(ApplicationExtension.class)
class InputNoticeTrainViewTest {
    private TrainViewModel vm;

    @Start
    void start(Stage stage) {
        TrainView view = new TrainView(() -> List.of(TinyData.source(TinyData.create(30, 12, 7))));
        stage.setScene(org.convscope.app.Themed.scene((Pane) view.createContent(new AppContext()), 1280, 800));
        stage.sizeToScene();
        stage.show();
        vm = view.viewModel();
    }

    @Test
    void seed004OnGreyDataSaysSoAndResizesTheDataOrBuildsForIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.datasetProperty().get() != null);
        robot.interact(() -> vm.presetProperty().set("seed-004"));
        WaitForAsyncUtils.waitForFxEvents();
        String notice = robot.lookup("#input-notice").queryAs(Label.class).getText();
        assertEquals("seed-004 takes (None, 32, 32, 3) but Bars images are (None, 8, 8, 1). Resize the data to the model's "
                + "input, or build the model for the data's shape.", notice);
        assertTrue(robot.lookup("#fit-data").query().getParent().isVisible());

        robot.clickOn("#fit-data");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> vm.datasetProperty().get().trainImages().exampleShape().equals(Shape.of(32, 32, 3)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", vm.inputNoticeProperty().get(), "the data now fits the model");
        assertEquals(168, vm.checks().get(0).params(), "seed-004's first Conv2D keeps its 3 input channels: 6·(3·3·3) + 6");
        assertEquals(Shape.of(32, 32, 6), vm.checks().get(0).outputShape(), "not (28, 28, 6) or (8, 8, 6): the model's own shapes");

        robot.interact(() -> vm.presetProperty().set("seed-001")); // (28, 28, 1) on the resized (32, 32, 3) data
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.inputNoticeProperty().get().startsWith("seed-001 takes (None, 28, 28, 1) but"), vm.inputNoticeProperty().get());
        robot.clickOn("#build-for-data");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#fit-data").query().getParent().isVisible(), "the choice is made");
        assertTrue(vm.inputNoticeProperty().get().endsWith("the model is built for the data's shape, so its layers' shapes and "
                + "parameters differ from seed-001's."), "still said, never silent: " + vm.inputNoticeProperty().get());
    }
}
