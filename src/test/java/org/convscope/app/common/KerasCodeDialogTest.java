package org.convscope.app.common;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.convscope.engine.Presets;
import org.convscope.engine.keras.KerasCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@ExtendWith(ApplicationExtension.class)
class KerasCodeDialogTest {
    private final String code = KerasCode.of(Presets.create("seed-001"), KerasCode.Training.defaults());

    @Start
    void start(Stage stage) {
        stage.setScene(org.convscope.app.Themed.scene(KerasCodeDialog.pane(code, "As in the tutorial."), 900, 500));
        stage.show();
    }

    @Test
    void showsTheCodeReadOnlyAndCopiesIt(FxRobot robot) throws Exception {
        TextArea text = robot.lookup("#keras-code").queryAs(TextArea.class);
        assertEquals(code, text.getText());
        assertFalse(text.isEditable());
        robot.clickOn("#copy-keras-code");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(code, WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get());
        assertEquals("Copied", robot.lookup("#copy-keras-code").queryAs(Button.class).getText());
    }
}
