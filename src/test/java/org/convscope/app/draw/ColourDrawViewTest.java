package org.convscope.app.draw;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.common.Theme;
import org.convscope.engine.Model;
import org.convscope.engine.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Draw & classify with a colour model (seed-004, 32×32×3): an opened photo reaches it, and is shown, in colour. */
@ExtendWith(ApplicationExtension.class)
class ColourDrawViewTest {
    private DrawViewModel vm;

    @Start
    void start(Stage stage) {
        AppContext context = new AppContext();
        vm = new DrawViewModel(context);
        Model colour = Presets.create("seed-004").build(1)
                .setClassNames(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"));
        context.modelProperty().set(colour);
        BorderPane root = new BorderPane(new DrawView(vm, DrawViewTest.SAMPLES).createContent(context));
        Theme.apply(root, false, false, 1.0);
        stage.setScene(new Scene(root, 1200, 780));
        stage.show();
    }

    /** A 96×64 photo-like picture: sky blue above, grass green below, an orange sun in the middle. */
    private static BufferedImage photo() {
        BufferedImage img = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(60, 140, 230));
        g.fillRect(0, 0, 96, 32);
        g.setColor(new Color(40, 170, 60));
        g.fillRect(0, 32, 96, 32);
        g.setColor(new Color(250, 150, 20));
        g.fillOval(40, 8, 16, 16);
        g.dispose();
        return img;
    }

    @Test
    void anOpenedPhotoIsClassifiedAndShownInColourWithTheModelsClassNames(FxRobot robot) throws Exception {
        robot.interact(() -> vm.showImage("photo.png", photo()));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> vm.isSettled() && vm.resultProperty().get() != null && vm.resultProperty().get().probabilities() != null).get());
        WaitForAsyncUtils.waitForFxEvents();
        Classification c = vm.resultProperty().get();
        assertArrayEquals(new int[] {1, 32, 32, 3}, c.input().shape());
        PixelGrid grid = robot.lookup("#input-grid").queryAs(PixelGrid.class);
        float[] sky = grid.colour(2, 2), grass = grid.colour(29, 29);
        assertNotNull(sky, "a colour input is shown in colour");
        assertArrayEquals(new float[] {60 / 255f, 140 / 255f, 230 / 255f}, sky, 1e-3f);
        assertArrayEquals(new float[] {40 / 255f, 170 / 255f, 60 / 255f}, grass, 1e-3f);
        for (int ch = 0; ch < 3; ch++) assertEquals(c.input().get(0, 2, 2, ch), sky[ch], 1e-6f, "exactly what the model gets");
        String prediction = robot.lookup("#prediction").queryAs(Label.class).getText();
        assertTrue(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck").stream()
                .anyMatch(prediction::contains), "the model's class names are shown: " + prediction);
    }
}
