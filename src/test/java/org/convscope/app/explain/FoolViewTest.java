package org.convscope.app.explain;

import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.common.Theme;
import org.convscope.app.draw.PixelGrid;
import org.convscope.app.draw.ProbabilityBars;
import org.convscope.data.ImageFiles;
import org.convscope.data.Preprocessing;
import org.convscope.engine.Model;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Tensor;
import org.convscope.trace.explain.Fgsm;
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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "Fool the network" view on the shipped digit model: what it shows is what the model says of the images. */
@ExtendWith(ApplicationExtension.class)
class FoolViewTest {
    private AppContext context;
    private FoolViewModel vm;
    private BorderPane root;
    private Model model;

    @AfterEach
    void restoreDefaultStylesheet() throws Exception {
        org.convscope.app.DefaultStylesheet.restore();
    }

    @Start
    void start(Stage stage) throws Exception {
        context = new AppContext();
        model = ModelIO.load(Path.of("assets", "models", "mnist-cnn.convscope"));
        context.modelProperty().set(model);
        vm = new FoolViewModel(context);
        root = new BorderPane(new FoolView().createContent(vm, context));
        Theme.apply(root, false, false, 1.0);
        stage.setScene(new Scene(root, 1200, 780));
        stage.show();
    }

    private Tensor digit(int d) throws Exception {
        return Preprocessing.forModel(ImageFiles.read(Path.of("samples", "images", "digit-mnist-" + d + ".png")), model);
    }

    private FoolViewModel.Attack awaitAttack(float epsilon) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> vm.isSettled()
                && vm.attackProperty().get() != null && vm.attackProperty().get().epsilon() == epsilon).get());
        WaitForAsyncUtils.waitForFxEvents();
        return vm.attackProperty().get();
    }

    @Test
    void withoutADrawingItSaysWhereToMakeOne(FxRobot robot) {
        assertNull(vm.attackProperty().get());
        assertTrue(robot.lookup("#fool-status").queryAs(Label.class).getText().startsWith("Draw a digit in Draw & classify"));
    }

    @Test
    void theDrawingIsFooledAndTheViewShowsWhatTheModelSaysOfTheResult(FxRobot robot) throws Exception {
        Tensor seven = digit(7);
        robot.interact(() -> context.inputProperty().set(seven));
        FoolViewModel.Attack a = awaitAttack(0.2f);
        Fgsm.Result r = a.result();
        float[] p = model.predict(r.adversarial()).data;
        assertEquals(Model.argmax(p, 0, 10), r.classAfter(), "the result is classified as shown");
        assertTrue(r.fooled(), "iterated FGSM at ε = 0.2 fools the model on this 7: " + r.classAfter());
        assertEquals(String.format("%s  %.1f %%", r.classAfter(), 100 * p[r.classAfter()]),
                robot.lookup("#fool-result-says").queryAs(Label.class).getText());
        assertEquals("7  100.0 %", robot.lookup("#fool-original-says").queryAs(Label.class).getText());
        ProbabilityBars after = robot.lookup("#fool-after").queryAs(ProbabilityBars.class);
        assertEquals(p[r.classAfter()], after.shown(r.classAfter()), 1e-5);
        PixelGrid result = robot.lookup("#fool-result").queryAs(PixelGrid.class);
        assertEquals(r.adversarial().data[14 * 28 + 14], result.value(14, 14), 1e-6);
        assertTrue(robot.lookup("#fool-status").queryAs(Label.class).getText().endsWith("fooled."));

        robot.interact(() -> robot.lookup("#fool-epsilon").queryAs(Slider.class).setValue(0));
        FoolViewModel.Attack none = awaitAttack(0f);
        assertFalse(none.result().fooled());
        assertArrayEquals(seven.data, none.result().adversarial().data, 0f);
        assertTrue(robot.lookup("#fool-status").queryAs(Label.class).getText().endsWith("raise ε."));
    }

    @Test
    void aTargetAndOneStepAreTheKnobs(FxRobot robot) throws Exception {
        Tensor seven = digit(7);
        robot.interact(() -> context.inputProperty().set(seven));
        robot.interact(() -> robot.lookup("#fool-epsilon").queryAs(Slider.class).setValue(0.25));
        robot.interact(() -> robot.lookup("#fool-target").queryAs(ChoiceBox.class).setValue(3));
        FoolViewModel.Attack a = awaitAttack(0.25f);
        assertEquals(3, a.target());
        assertEquals(3, a.result().classAfter());
        robot.clickOn("#fool-iterated");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> vm.isSettled()
                && vm.attackProperty().get().steps() == 1).get());
        assertFalse(robot.lookup("#fool-iterated").queryAs(CheckBox.class).isSelected());
    }

    /** Not a check: writes the view for a look (target/screenshots/). */
    @Test
    void snapshotOfTheView(FxRobot robot) throws Exception {
        Tensor nine = digit(9);
        robot.interact(() -> context.inputProperty().set(nine));
        awaitAttack(0.2f);
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = root.snapshot(null, null));
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(shot[0], null), "png", dir.resolve("fool.png").toFile());
        assertTrue(Files.size(dir.resolve("fool.png")) > 1000);
    }

    @Test
    void whileTheViewIsHiddenNothingIsAttackedThenTheNewestDrawingOnceWhenShown(FxRobot robot) throws Exception {
        Tensor seven = digit(7), three = digit(3);
        int[] before = new int[1];
        robot.interact(() -> {
            before[0] = vm.attacksStarted();
            root.getCenter().setVisible(false); // the view's own root, kept in the scene but hidden
            context.inputProperty().set(seven);
            context.inputProperty().set(three);
            vm.epsilonProperty().set(0.1);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before[0], vm.attacksStarted(), "no attack while hidden");
        assertTrue(vm.isSettled());
        assertNull(vm.attackProperty().get());

        robot.interact(() -> root.getCenter().setVisible(true));
        FoolViewModel.Attack a = awaitAttack(0.1f);
        assertEquals(before[0] + 1, vm.attacksStarted(), "one attack when shown");
        assertSame(three, a.input());
    }
}
