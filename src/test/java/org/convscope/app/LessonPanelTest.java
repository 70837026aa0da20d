package org.convscope.app;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.convscope.app.conv.ConvolutionViewModel;
import org.convscope.app.lesson.LessonViewModel;
import org.convscope.app.pool.PoolingViewModel;
import org.convscope.app.shell.ShellViewModel;
import org.convscope.lesson.Lesson;
import org.convscope.lesson.Lessons;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lesson panel in the app: starting a lesson from the list, Next held back by a task, the clicker's keys, F2, a bad file. */
@ExtendWith(ApplicationExtension.class)
class LessonPanelTest {
    /** Three steps: the toy input, a "change the stride" task, then pooling. */
    static final String THREE_STEPS = """
            {"title": "Three steps", "summary": "For the test.",
             "steps": [
               {"title": "Toy", "text": "A toy. It is small.",
                "action": {"view": "convolution", "input": "toy-5", "kernel": "sharpen", "kernelSize": 3, "stride": 1, "padding": "valid", "step": 1},
                "expect": {"output": "3×3"}},
               {"title": "Your turn", "text": "Change it. Go on.",
                "action": {"view": "convolution", "stride": 1},
                "tryIt": {"condition": "change-stride", "task": "Set the stride to 2."}},
               {"title": "Pool", "text": "Pooling. It halves.",
                "action": {"view": "pooling", "input": "blobs-32", "pooling": "max", "poolSize": 2, "stride": 2, "step": 3},
                "expect": {"output": "16×16"}}
             ]}""";

    private final AppContext context = new AppContext();
    private final ShellViewModel shell = new ShellViewModel();
    private App.Parts parts;

    @Start
    void start(Stage stage) throws Exception {
        parts = WholeApp.on(stage, context, shell);
        Lesson lesson = Lessons.parse(THREE_STEPS.getBytes(StandardCharsets.UTF_8), "three.json");
        parts.lessons().offer(List.of(lesson), null);
        stage.show();
    }

    @AfterEach
    void resetStylesheet() throws Exception {
        WholeApp.reset(context);
    }

    @Test
    void aLessonStartsFromTheListAndTheClickerKeysMoveThroughIt(FxRobot robot) throws Exception {
        LessonViewModel vm = parts.lessons();
        robot.clickOn("Lessons");
        robot.clickOn("#lesson-start");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#lesson-panel").query().isVisible());
        assertEquals("Step 1 of 3", robot.lookup("#lesson-position").queryAs(Label.class).getText());
        assertEquals("Toy", robot.lookup("#lesson-step-title").queryAs(Label.class).getText());
        ConvolutionViewModel conv = context.viewModel(ConvolutionViewModel.class);
        assertEquals("output 3×3 — 9 steps", conv.outputSizeProperty().get());

        robot.type(KeyCode.PAGE_DOWN);
        assertEquals(1, vm.stepIndexProperty().get());
        assertTrue(robot.lookup("#lesson-next").queryAs(Button.class).isDisabled(), "Next waits for the task");
        assertEquals("Try it yourself: Set the stride to 2.", robot.lookup("#lesson-task").queryAs(Label.class).getText());
        robot.type(KeyCode.PAGE_DOWN);
        assertEquals(1, vm.stepIndexProperty().get(), "PageDown waits for the task too");

        robot.interact(() -> conv.strideProperty().set(2));
        assertFalse(robot.lookup("#lesson-next").queryAs(Button.class).isDisabled());
        assertEquals("Done: Set the stride to 2.", robot.lookup("#lesson-task").queryAs(Label.class).getText());
        robot.clickOn("#lesson-step-title").type(KeyCode.RIGHT); // → inside the panel
        assertEquals(2, vm.stepIndexProperty().get());
        PoolingViewModel pool = context.viewModel(PoolingViewModel.class);
        assertEquals(2, pool.getStepIndex(), "step 3 of the pooling, as the action says");
        assertEquals("", vm.mismatchProperty().get());

        robot.type(KeyCode.PAGE_UP);
        assertEquals(1, vm.stepIndexProperty().get());
        robot.type(KeyCode.LEFT);
        assertEquals(0, vm.stepIndexProperty().get());
        robot.clickOn("3. Pool"); // the step list jumps anywhere, tasks or not
        assertEquals(2, vm.stepIndexProperty().get());

        robot.type(KeyCode.F2);
        assertFalse(robot.lookup("#lesson-panel").query().isVisible());
        robot.type(KeyCode.F2);
        assertTrue(robot.lookup("#lesson-panel").query().isVisible());
        robot.clickOn("#lesson-close"); // ends the lesson; F2 then shows the list of lessons
        assertEquals(null, vm.lessonProperty().get());
        assertFalse(robot.lookup("#lesson-panel").query().isVisible());
        robot.interact(() -> shell.selectedViewProperty().set(0));
        robot.type(KeyCode.F2);
        assertTrue(robot.lookup("#lessons-view").tryQuery().isPresent());
    }

    @Test
    void aWrongNumberInALessonIsShownBesideTheStep(FxRobot robot) throws Exception {
        Lesson wrong = Lessons.parse(THREE_STEPS.replace("\"3×3\"", "\"4×4\"").getBytes(StandardCharsets.UTF_8), "wrong.json");
        robot.interact(() -> parts.lessons().start(wrong));
        assertEquals("This step expects output 4×4; the view shows 3×3.", robot.lookup("#lesson-mismatch").queryAs(Label.class).getText());
    }

    @Test
    void aBadLessonFileIsRefusedWithItsLineAndTheListStays(FxRobot robot, @TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, THREE_STEPS.replace("\"stride\": 1,", "\"stride\": \"one\","));
        robot.clickOn("Lessons");
        robot.interact(() -> parts.lessons().open(bad));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !parts.lessons().problemProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("This lesson cannot be used: bad.json, line 4: \"stride\" must be a whole number from 1 to 4, not \"one\"",
                robot.lookup("#lesson-problem").queryAs(Label.class).getText());
        assertEquals(1, parts.lessons().lessons().size());
        assertEquals(null, parts.lessons().lessonProperty().get());
    }
}
