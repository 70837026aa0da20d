package org.convscope.app.draw;

import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.common.Theme;
import org.convscope.engine.ModelIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A keyboard user draws on the pad: Tab to it, Space for ink, arrows to move, Space to lift; the network answers. */
@ExtendWith(ApplicationExtension.class)
class KeyboardDrawingTest {
    private AppContext context;
    private DrawViewModel vm;

    @AfterEach
    void restoreDefaultStylesheet() throws Exception {
        org.convscope.app.DefaultStylesheet.restore();
    }

    @Start
    void start(Stage stage) throws Exception {
        context = new AppContext();
        vm = new DrawViewModel(context);
        context.modelProperty().set(ModelIO.load(DrawViewTest.MODEL));
        BorderPane root = new BorderPane(new DrawView(vm, DrawViewTest.SAMPLES).createContent(context));
        Theme.apply(root, false, false, 1.0);
        stage.setScene(new Scene(root, 1200, 780));
        stage.show();
    }

    /** Ink per column of the ink grid, summed over rows. */
    private float[] columnInk() {
        float[] ink = vm.sketch().ink();
        float[] cols = new float[Sketch.SIZE];
        for (int i = 0; i < ink.length; i++) cols[i % Sketch.SIZE] += ink[i];
        return cols;
    }

    @Test
    void arrowsAndSpaceDrawAStrokeThatIsClassified(FxRobot robot) throws Exception {
        DrawingPad pad = robot.lookup("#pad").queryAs(DrawingPad.class);
        assertTrue(pad.isFocusTraversable());
        robot.interact(pad::requestFocus);
        robot.type(KeyCode.UP, 6); // from the middle up, then a vertical bar downwards: a 1
        robot.type(KeyCode.SPACE);
        robot.type(KeyCode.DOWN, 12);
        robot.type(KeyCode.SPACE);
        robot.type(KeyCode.RIGHT, 8); // lifted: moving leaves no ink
        float[] cols = columnInk();
        float middle = 0, right = 0;
        for (int q = Sketch.SIZE / 2 - 20; q < Sketch.SIZE / 2 + 20; q++) middle += cols[q];
        for (int q = Sketch.SIZE * 3 / 4; q < Sketch.SIZE; q++) right += cols[q];
        assertTrue(middle > 100, "ink down the middle: " + middle);
        assertEquals(0, right, 1e-6, "no ink where the lifted pen went");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> vm.isSettled() && vm.resultProperty().get() != null && !vm.resultProperty().get().blank()).get());
        assertEquals("1", vm.resultProperty().get().topName());
        assertTrue(pad.getAccessibleText().startsWith("Drawing pad. Prediction 1, "), pad.getAccessibleText());
    }
}
