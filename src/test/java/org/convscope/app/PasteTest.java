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

    /** A colour model keeps a pasted photo in colour, resized to its input (seed-004: 32×32×3). */
    @Test
    void aPastedPhotoReachesAColourModelInColour(FxRobot robot) throws Exception {
        robot.interact(() -> {
            context.modelProperty().set(org.convscope.engine.Presets.create("seed-004").build(1));
            WritableImage image = new WritableImage(64, 48); // sky blue over grass green
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) image.getPixelWriter().setColor(x, y, y < 24 ? Color.rgb(60, 140, 230) : Color.rgb(40, 170, 60));
            }
            ClipboardContent content = new ClipboardContent();
            content.putImage(image);
            Clipboard.getSystemClipboard().setContent(content);
            App.paste(draw, context);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> draw.pictureProperty().get() != null);
        robot.interact(draw::pulse); // what the Draw view's frame clock does
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> draw.isSettled() && draw.resultProperty().get() != null).get());
        org.convscope.engine.Tensor x = draw.resultProperty().get().input();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 32, 32, 3}, x.shape());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {60 / 255f, 140 / 255f, 230 / 255f},
                new float[] {x.get(0, 2, 2, 0), x.get(0, 2, 2, 1), x.get(0, 2, 2, 2)}, 1e-2f, "the sky stays blue");
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {40 / 255f, 170 / 255f, 60 / 255f},
                new float[] {x.get(0, 29, 29, 0), x.get(0, 29, 29, 1), x.get(0, 29, 29, 2)}, 1e-2f, "the grass stays green");
    }
}
