package org.convscope.app.draw;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.common.Theme;
import org.convscope.engine.Activation;
import org.convscope.engine.Dense;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the real Draw & classify view with the shipped pretrained digit model. */
@ExtendWith(ApplicationExtension.class)
class DrawViewTest {
    static final Path MODEL = Path.of("assets", "models", "mnist-cnn.convscope");
    static final Path SAMPLES = Path.of("samples", "images");

    private AppContext context;
    private DrawViewModel vm;

    /** The theme's user-agent stylesheet is global: put Modena back so other views' tests do not depend on order. */
    @AfterEach
    void restoreDefaultStylesheet() throws Exception {
        org.convscope.app.DefaultStylesheet.restore();
    }

    @Start
    void start(Stage stage) throws Exception {
        context = new AppContext();
        vm = new DrawViewModel(context);
        context.modelProperty().set(ModelIO.load(MODEL));
        BorderPane root = new BorderPane(new DrawView(vm, SAMPLES).createContent(context));
        Theme.apply(root, false, false, 1.0);
        stage.setScene(new Scene(root, 1200, 780)); // within Monocle's 1280×800 headless screen
        stage.show();
    }

    private void awaitAnswer() throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> vm.isSettled() && vm.resultProperty().get() != null).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String prediction(FxRobot robot) {
        return robot.lookup("#prediction").queryAs(Label.class).getText();
    }

    private static double inkShown(FxRobot robot) {
        return robot.lookup("#input-grid").queryAs(PixelGrid.class).totalInk();
    }

    @Test
    void strokesGiveThePreviewInkAndAPrediction(FxRobot robot) throws Exception {
        assertEquals(0, inkShown(robot));
        PadStrokes.stroke(robot, "#pad", 0.3, 0.3, 0.7, 0.3, 0.45, 0.8);
        awaitAnswer();
        assertTrue(inkShown(robot) > 10, "the 28×28 preview holds the drawing");
        assertNotEquals("?", prediction(robot));
        ProbabilityBars bars = robot.lookup("#bars").queryAs(ProbabilityBars.class);
        double sum = 0;
        for (int i = 0; i < 10; i++) sum += bars.shown(i);
        assertEquals(1.0, sum, 1e-3);
        assertSame(vm.resultProperty().get().input(), context.inputProperty().get(), "the app's input follows the pad");
    }

    @Test
    void aVerticalStrokeIsAOne(FxRobot robot) throws Exception {
        PadStrokes.stroke(robot, "#pad", 0.5, 0.15, 0.5, 0.5, 0.5, 0.85);
        awaitAnswer();
        assertEquals("1", prediction(robot));
    }

    @Test
    void aSampleDigitImageGivesItsDigit(FxRobot robot) throws Exception {
        robot.clickOn("#sample-digit-mnist-7");
        awaitAnswer();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "7".equals(prediction(robot)));
        assertEquals("digit-mnist-7.png", vm.pictureProperty().get().name());
    }

    @Test
    void clearResetsPadPreviewAndAnswer(FxRobot robot) throws Exception {
        PadStrokes.stroke(robot, "#pad", 0.5, 0.2, 0.5, 0.8);
        awaitAnswer();
        robot.type(KeyCode.ESCAPE);
        awaitAnswer();
        assertTrue(vm.sketch().isBlank());
        assertEquals(0, inkShown(robot));
        assertEquals("?", prediction(robot));
        assertTrue(robot.lookup("#undo-button").query().isDisabled());
        ProbabilityBars bars = robot.lookup("#bars").queryAs(ProbabilityBars.class);
        for (int i = 0; i < 10; i++) assertEquals(0, bars.shown(i));
    }

    @Test
    void undoAndRedoFollowTheKeys(FxRobot robot) throws Exception {
        PadStrokes.stroke(robot, "#pad", 0.5, 0.2, 0.5, 0.8);
        PadStrokes.stroke(robot, "#pad", 0.2, 0.5, 0.8, 0.5);
        awaitAnswer();
        double both = inkShown(robot);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        awaitAnswer();
        assertTrue(inkShown(robot) < both);
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        awaitAnswer();
        assertEquals(both, inkShown(robot), 1e-3);
    }

    @Test
    void aCorruptImageShowsAnErrorAndTheNextDrawingIsClassified(FxRobot robot, @TempDir Path dir) throws Exception {
        PadStrokes.stroke(robot, "#pad", 0.5, 0.2, 0.5, 0.8);
        awaitAnswer();
        float[] before = vm.sketch().inkCopy();
        Path broken = dir.resolve("broken.png");
        Files.write(broken, new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2});
        robot.interact(() -> vm.openImage(broken));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#draw-error").query().isVisible());
        String message = robot.lookup("#draw-error").queryAs(Label.class).getText();
        assertTrue(message.contains("broken.png"), message);
        assertTrue(java.util.Arrays.equals(before, vm.sketch().ink()), "the previous input is kept");

        robot.type(KeyCode.ESCAPE);
        PadStrokes.stroke(robot, "#pad", 0.5, 0.15, 0.5, 0.85);
        awaitAnswer();
        assertEquals("1", prediction(robot));
        assertFalse(robot.lookup("#draw-error").query().isVisible());
    }

    @Test
    void aModelThatTakesNoImagesIsRefusedWithAMessage(FxRobot robot) throws Exception {
        Model current = context.modelProperty().get();
        Model flat = new Model(Shape.of(784)).add(new Dense(10, Activation.SOFTMAX)).build(1);
        robot.interact(() -> assertFalse(vm.use(flat)));
        assertSame(current, context.modelProperty().get());
        String message = robot.lookup("#draw-error").queryAs(Label.class).getText();
        assertTrue(message.contains("784"), message);
        PadStrokes.stroke(robot, "#pad", 0.5, 0.15, 0.5, 0.85);
        awaitAnswer();
        assertEquals("1", prediction(robot));
    }

    @Test
    void theStepButtonsShowEachPreprocessingStep(FxRobot robot) throws Exception {
        PadStrokes.stroke(robot, "#pad", 0.4, 0.2, 0.45, 0.8);
        awaitAnswer();
        robot.clickOn("#step-box");
        PixelGrid grid = robot.lookup("#input-grid").queryAs(PixelGrid.class);
        Label text = robot.lookup("#step-text").queryAs(Label.class);
        assertTrue(text.getText().contains("bounding box"), text.getText());
        robot.clickOn("#step-scaled");
        assertTrue(text.getText().contains("20 px"), text.getText());
        robot.clickOn("#step-centred");
        assertTrue(text.getText().contains("28×28"), text.getText());
        assertTrue(grid.totalInk() > 10);
    }

    @Test
    void theModelButtonLoadsThePretrainedModelAndLetsGoWhenAnotherTakesOver(FxRobot robot) throws Exception {
        javafx.scene.control.ToggleButton digits = robot.lookup("#model-mnist").queryAs(javafx.scene.control.ToggleButton.class);
        assertFalse(digits.isSelected());
        robot.clickOn(digits);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> vm.pretrainedProperty().get() == DrawViewModel.Pretrained.MNIST);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(digits.isSelected());
        Model trained = context.modelProperty().get().copy();
        robot.interact(() -> context.modelProperty().set(trained));
        assertFalse(digits.isSelected());
        PadStrokes.stroke(robot, "#pad", 0.5, 0.15, 0.5, 0.85);
        awaitAnswer();
        assertSame(trained, vm.resultProperty().get().model());
    }

    @Test
    void theResnetButtonLoadsTheShippedResidualNetworkWhichReadsADrawnOne(FxRobot robot) throws Exception {
        javafx.scene.control.ToggleButton resnet = robot.lookup("#model-resnet").queryAs(javafx.scene.control.ToggleButton.class);
        assertEquals("Digits (ResNet)", resnet.getText());
        robot.clickOn(resnet);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> vm.pretrainedProperty().get() == DrawViewModel.Pretrained.RESNET);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(resnet.isSelected());
        assertFalse(robot.lookup("#model-mnist").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
        assertFalse(context.modelProperty().get().isSequential(), "the graph with skip connections is the model in use");
        PadStrokes.stroke(robot, "#pad", 0.5, 0.15, 0.5, 0.85);
        awaitAnswer();
        assertEquals(1, vm.resultProperty().get().top(), "a vertical stroke is a 1");
    }
}
