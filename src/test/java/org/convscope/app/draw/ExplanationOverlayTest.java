package org.convscope.app.draw;

import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.common.ColorLegend;
import org.convscope.app.common.Theme;
import org.convscope.engine.Model;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Tensor;
import org.convscope.trace.explain.ExplanationMethod;
import org.convscope.trace.explain.GradCam;
import org.convscope.trace.explain.Saliency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Draw view's "Why?" overlay: toggle, method, class by clicking a bar, opacity and legend, computed off the FX thread. */
@ExtendWith(ApplicationExtension.class)
class ExplanationOverlayTest {
    private AppContext context;
    private DrawViewModel vm;
    private BorderPane root;

    @AfterEach
    void restoreDefaultStylesheet() throws Exception {
        org.convscope.app.DefaultStylesheet.restore();
    }

    @Start
    void start(Stage stage) throws Exception {
        context = new AppContext();
        vm = new DrawViewModel(context);
        context.modelProperty().set(ModelIO.load(DrawViewTest.MODEL));
        root = new BorderPane(new DrawView(vm, DrawViewTest.SAMPLES).createContent(context));
        Theme.apply(root, false, false, 1.0);
        stage.setScene(new Scene(root, 1200, 780));
        stage.show();
    }

    private void awaitExplanation(ExplanationMethod method, int k) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            var e = vm.explanation().explanationProperty().get();
            return vm.isSettled() && vm.explanation().isSettled() && e != null && e.complete() && e.method() == method
                    && e.explainedClass() == k && e.source() == vm.resultProperty().get();
        }).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void openSeven(FxRobot robot) throws Exception {
        robot.clickOn("#sample-digit-mnist-7");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> vm.isSettled() && vm.resultProperty().get() != null && !vm.resultProperty().get().blank()).get());
    }

    @Test
    void theToggleLaysTheSaliencyOfTheTopClassOverTheInput(FxRobot robot) throws Exception {
        openSeven(robot);
        PixelGrid grid = robot.lookup("#input-grid").queryAs(PixelGrid.class);
        assertEquals(0, grid.overlayAt(14, 14), "no overlay before the toggle");
        assertFalse(robot.lookup("#explain-method").query().isVisible());
        robot.clickOn("#explain-toggle");
        awaitExplanation(ExplanationMethod.SALIENCY, 7);

        Tensor input = vm.resultProperty().get().input();
        Model model = vm.resultProperty().get().model();
        float[] expected = Saliency.gradient(model, input, 7).values();
        assertArrayEquals(expected, vm.explanation().explanationProperty().get().map().values(), 1e-6f);
        int strongest = 0;
        for (int i = 1; i < expected.length; i++) if (expected[i] > expected[strongest]) strongest = i;
        int argb = grid.overlayAt(strongest / 28, strongest % 28);
        assertEquals(Math.round(0.6 * 255), argb >>> 24, "alpha is the opacity");
        assertEquals(0xfde725, argb & 0xffffff, "the strongest pixel is viridis' top (yellow)");
        ColorLegend legend = robot.lookup("#explain-legend").queryAs(ColorLegend.class);
        assertEquals("0", legend.lowText());
        assertTrue(robot.lookup("#bars").queryAs(ProbabilityBars.class).isExplained(7));
        assertTrue(robot.lookup("#explain-status").queryAs(Label.class).getText().startsWith("Saliency of 7"));

        robot.interact(() -> robot.lookup("#explain-opacity").queryAs(Slider.class).setValue(0.3));
        assertEquals(Math.round(0.3 * 255), grid.overlayAt(strongest / 28, strongest % 28) >>> 24);

        robot.clickOn("#explain-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, grid.overlayAt(strongest / 28, strongest % 28), "off again");
        assertNull(vm.explanation().explanationProperty().get());
    }

    @Test
    void clickingAnotherClassesBarExplainsThatClassWithTheChosenMethod(FxRobot robot) throws Exception {
        openSeven(robot);
        robot.clickOn("#explain-toggle");
        robot.interact(() -> robot.lookup("#explain-method").queryAs(ChoiceBox.class).setValue(ExplanationMethod.GRAD_CAM));
        awaitExplanation(ExplanationMethod.GRAD_CAM, 7);
        robot.clickOn("#class-1");
        awaitExplanation(ExplanationMethod.GRAD_CAM, 1);
        ProbabilityBars bars = robot.lookup("#bars").queryAs(ProbabilityBars.class);
        assertTrue(bars.isExplained(1));
        assertFalse(bars.isExplained(7));
        Tensor input = vm.resultProperty().get().input();
        Model model = vm.resultProperty().get().model();
        assertArrayEquals(GradCam.of(model, input, 1, GradCam.defaultLayer(model)).map().values(),
                vm.explanation().explanationProperty().get().map().values(), 1e-6f);
        robot.clickOn("#class-7");
        awaitExplanation(ExplanationMethod.GRAD_CAM, 7);
    }

    @Test
    void occlusionFillsInRowByRowAndEndsComplete(FxRobot robot) throws Exception {
        robot.clickOn("#sample-digit-mnist-3"); // the model is unsure of this one (an 8 at p ≈ 0.51): patches matter
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> vm.isSettled() && vm.resultProperty().get() != null && !vm.resultProperty().get().blank()).get());
        robot.clickOn("#explain-toggle");
        robot.interact(() -> robot.lookup("#explain-method").queryAs(ChoiceBox.class).setValue(ExplanationMethod.OCCLUSION));
        awaitExplanation(ExplanationMethod.OCCLUSION, 8);
        var map = vm.explanation().explanationProperty().get().map();
        assertTrue(map.max() > 0.05, "patches over the digit lower p(8): " + map.max());
        assertTrue(robot.lookup("#explain-status").queryAs(Label.class).getText().startsWith("Occlusion of 8"));
    }

    /** Not a check: writes the view with the overlay on for a look (target/screenshots/). */
    @Test
    void snapshotOfTheOverlay(FxRobot robot) throws Exception {
        openSeven(robot);
        robot.clickOn("#explain-toggle");
        robot.interact(() -> robot.lookup("#explain-method").queryAs(ChoiceBox.class).setValue(ExplanationMethod.GRAD_CAM));
        awaitExplanation(ExplanationMethod.GRAD_CAM, 7);
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = root.snapshot(null, null));
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(shot[0], null), "png", dir.resolve("draw-explain.png").toFile());
        assertTrue(Files.size(dir.resolve("draw-explain.png")) > 1000);
    }
}
