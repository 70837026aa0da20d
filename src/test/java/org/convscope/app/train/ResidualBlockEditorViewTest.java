package org.convscope.app.train;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.Screenshots;
import org.convscope.engine.Add;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The architecture editor's residual block, clicked in the Train view: added, its shortcut fixed, trained, removed. */
@ExtendWith(ApplicationExtension.class)
class ResidualBlockEditorViewTest {
    private final AppContext context = new AppContext();
    private TrainViewModel vm;

    @Start
    void start(Stage stage) {
        TrainView view = new TrainView(() -> List.of(TinyData.source(TinyData.create(240, 60, 7))));
        stage.setScene(org.convscope.app.Themed.scene((Pane) view.createContent(context), 1280, 800));
        stage.sizeToScene();
        stage.show();
        vm = view.viewModel();
        vm.layers().setAll(TinyData.layers());
        vm.batchSizeProperty().set(16);
        vm.learningRateProperty().set(0.01);
        vm.epochsProperty().set(1);
    }

    @Test
    void aResidualBlockIsAddedItsShortcutMismatchOfferedTheProjectionTrainedAndRemoved(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        ComboBox<LayerKind> kind = robot.lookup("#add-layer-kind").queryAs(ComboBox.class);
        robot.interact(() -> kind.setValue(LayerKind.RESIDUAL_BLOCK));
        robot.clickOn("#add-layer");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(5, vm.layers().size());
        Label error = robot.lookup("#layer-row-2 .layer-error").queryAs(Label.class);
        assertTrue(error.isVisible() && error.getText().contains("identity shortcut carries 3×3×4"), error.getText());
        Button fix = robot.lookup("#fix-2").queryButton();
        assertTrue(fix.isVisible());
        assertEquals("Use a 1×1 projection shortcut", fix.getText());
        assertTrue(robot.lookup("#start").queryButton().isDisabled(), "no training while the shapes do not match");
        Screenshots.save(robot.lookup("#layer-row-2").query().getScene().getRoot(), "editor-residual-block");

        robot.clickOn(fix);
        WaitForAsyncUtils.waitForFxEvents();
        // the rows are rebuilt with the fixed layer: a row that never failed has no error line or fix button
        assertTrue(robot.lookup("#layer-row-2 .layer-error").tryQuery().map(n -> !n.isVisible()).orElse(true));
        assertTrue(robot.lookup("#fix-2").tryQuery().map(n -> !n.isVisible()).orElse(true));
        assertEquals("output (None, 3, 3, 32)", robot.lookup("#layer-row-2 .layer-shape").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#architecture-summary").queryAs(Label.class).getText().startsWith("Input 8×8×1"));

        robot.clickOn("#start");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.trainingProperty().get() && vm.evaluationProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(context.modelProperty().get().layers().stream().anyMatch(l -> l instanceof Add), "the trained graph is published");

        robot.clickOn("#remove-2");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TinyData.layers(), List.copyOf(vm.layers()));
        assertTrue(robot.lookup("#architecture-summary").queryAs(Label.class).getText().startsWith("Input 8×8×1"));
    }
}
