package org.convscope.app.draw;

import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.common.Theme;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Model;
import org.convscope.engine.keras.InputRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening Keras files in the Draw view: the input-range question, its answer kept, refusals shown, drawing into the model. */
@ExtendWith(ApplicationExtension.class)
class OpenKerasModelTest {
    private static final Path KERAS = Path.of("src", "test", "resources", "org", "convscope", "engine", "keras");

    private AppContext context;
    private DrawViewModel vm;
    private Model before;
    private final List<String> asked = new ArrayList<>();
    private Optional<InputRange> answer = Optional.of(InputRange.ZERO_TO_255);

    /** The theme's user-agent stylesheet is global: put Modena back so other views' tests do not depend on order. */
    @AfterEach
    void restoreDefaultStylesheet() throws Exception {
        org.convscope.app.DefaultStylesheet.restore();
    }

    @Start
    void start(Stage stage) throws Exception {
        context = new AppContext();
        vm = new DrawViewModel(context);
        before = ModelIO.load(DrawViewTest.MODEL);
        context.modelProperty().set(before);
        BorderPane root = new BorderPane(new DrawView(vm, DrawViewTest.SAMPLES).createContent(context));
        Theme.apply(root, false, false, 1.0);
        vm.setInputRangeQuestion(file -> { // in place of the dialog the view sets
            asked.add(file);
            return answer;
        });
        stage.setScene(new Scene(root, 1200, 780));
        stage.show();
    }

    private void open(FxRobot robot, String file) throws Exception {
        robot.interact(() -> vm.openModel(KERAS.resolve(file)));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> !vm.loadingProperty().get()).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aModelWithoutRescalingAsksForTheRangeAndKeepsTheAnswer(FxRobot robot) throws Exception {
        open(robot, "dilated.keras");
        assertEquals(List.of("dilated.keras"), asked);
        Model m = context.modelProperty().get();
        assertNotSame(before, m);
        assertEquals(255f, m.inputScale());
        assertTrue(context.noticeProperty().get().text().contains("it takes pixel values 0–255"), context.noticeProperty().get().text());
        assertEquals(null, vm.pretrainedProperty().get());
    }

    @Test
    void cancellingTheQuestionKeepsTheOldModel(FxRobot robot) throws Exception {
        answer = Optional.empty();
        open(robot, "dilated.h5");
        assertEquals(List.of("dilated.h5"), asked);
        assertSame(before, context.modelProperty().get());
        assertEquals("Did not open dilated.h5", context.noticeProperty().get().text());
    }

    @Test
    void aModelWithRescalingSaysItselfAndIsNotAsked(FxRobot robot) throws Exception {
        open(robot, "cnn.h5");
        assertEquals(List.of(), asked);
        // the 8×8×2 test model is no picture classifier, so Draw keeps the old model and says why
        assertSame(before, context.modelProperty().get());
        assertTrue(vm.errorProperty().get().contains("expects input (None, 8, 8, 2), which is not a grey or colour image"), vm.errorProperty().get());
    }

    @Test
    void anUnsupportedFileIsRefusedInTheBannerAndTheOldModelStays(FxRobot robot) throws Exception {
        open(robot, "conv2d_transpose.h5");
        assertSame(before, context.modelProperty().get());
        assertTrue(vm.errorProperty().get().startsWith("conv2d_transpose.h5: layer conv2d (Conv2DTranspose): Conv2DTranspose is not supported"),
                vm.errorProperty().get());
        assertTrue(robot.lookup("#draw-error").query().isVisible());
    }

    @Test
    void aDrawingIsClassifiedByTheImportedModel(FxRobot robot) throws Exception {
        open(robot, "dilated.keras");
        Model dilated = context.modelProperty().get();
        DrawingPad pad = robot.lookup("#pad").queryAs(DrawingPad.class);
        var b = pad.localToScreen(pad.getLayoutBounds());
        robot.moveTo(b.getMinX() + b.getWidth() * 0.5, b.getMinY() + b.getHeight() * 0.2).press(MouseButton.PRIMARY)
                .moveTo(b.getMinX() + b.getWidth() * 0.5, b.getMinY() + b.getHeight() * 0.8).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> vm.isSettled() && vm.resultProperty().get() != null && vm.resultProperty().get().model() == dilated).get());
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals("?", robot.lookup("#prediction").queryAs(Label.class).getText());
        assertEquals(4, vm.resultProperty().get().probabilities().length, "the 4 classes of the 8×8 test model");
    }

    @Test
    void theDialogOffersBothRangesAndMapsItsButtons(FxRobot robot) throws Exception {
        Alert alert = WaitForAsyncUtils.asyncFx(() -> InputRangeDialog.create(null, "net.h5")).get();
        assertEquals("Which pixel values was net.h5 trained on?", alert.getHeaderText());
        assertEquals(List.of(InputRangeDialog.UNIT, InputRangeDialog.BYTE, ButtonType.CANCEL), alert.getButtonTypes());
        assertEquals(Optional.of(InputRange.ZERO_TO_ONE), InputRangeDialog.answer(Optional.of(InputRangeDialog.UNIT)));
        assertEquals(Optional.of(InputRange.ZERO_TO_255), InputRangeDialog.answer(Optional.of(InputRangeDialog.BYTE)));
        assertEquals(Optional.empty(), InputRangeDialog.answer(Optional.of(ButtonType.CANCEL)));
        assertEquals(Optional.empty(), InputRangeDialog.answer(Optional.empty()));
    }
}
