package org.convscope.app;

import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.convscope.app.draw.DrawViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class PasteTest {
    private final AppContext context = new AppContext();
    private DrawViewModel draw;

    /** No window is needed: the clipboard and the view-model work on the FX thread alone. */
    @Start
    void start(Stage stage) {
        draw = new DrawViewModel(context);
    }

    @Test
    void aPastedImageBecomesTheInput(FxRobot robot) throws Exception {
        robot.interact(() -> {
            WritableImage image = new WritableImage(40, 30);
            for (int y = 0; y < 30; y++) for (int x = 0; x < 40; x++) image.getPixelWriter().setColor(x, y, Color.WHITE);
            ClipboardContent content = new ClipboardContent();
            content.putImage(image);
            Clipboard.getSystemClipboard().setContent(content);
            App.paste(draw, context);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> draw.pictureProperty().get() != null);
        assertEquals(40, draw.pictureProperty().get().image().getWidth());
        assertEquals(30, draw.pictureProperty().get().image().getHeight());
    }

    @Test
    void anEmptyClipboardIsReported(FxRobot robot) {
        robot.interact(() -> {
            Clipboard.getSystemClipboard().clear();
            App.paste(draw, context);
        });
        assertNull(draw.pictureProperty().get());
        assertTrue(context.noticeProperty().get().error());
        assertTrue(context.noticeProperty().get().text().contains("no image"));
    }
}
