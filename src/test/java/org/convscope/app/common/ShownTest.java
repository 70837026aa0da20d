package org.convscope.app.common;

import javafx.beans.binding.BooleanBinding;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A view's root is shown while it is in a scene and visible, both ways the main window may hide it. */
@ExtendWith(ApplicationExtension.class)
class ShownTest {
    private final StackPane content = new StackPane();
    private final StackPane view = new StackPane();
    private BooleanBinding shown;

    @Start
    void start(Stage stage) {
        shown = Shown.of(view);
        stage.setScene(new Scene(content, 200, 100));
        stage.show();
    }

    @Test
    void detachedIsNotShownInTheSceneAndVisibleIs(FxRobot robot) {
        assertFalse(shown.get());
        robot.interact(() -> content.getChildren().add(view));
        assertTrue(shown.get());
        robot.interact(() -> content.getChildren().clear());
        assertFalse(shown.get());
    }

    @Test
    void invisibleInTheSceneIsNotShown(FxRobot robot) {
        robot.interact(() -> content.getChildren().add(view));
        robot.interact(() -> view.setVisible(false));
        assertFalse(shown.get());
        robot.interact(() -> view.setVisible(true));
        assertTrue(shown.get());
    }
}
