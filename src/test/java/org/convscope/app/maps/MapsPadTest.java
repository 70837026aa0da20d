package org.convscope.app.maps;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.draw.DrawView;
import org.convscope.app.draw.DrawViewModel;
import org.convscope.app.draw.DrawingPad;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.convscope.app.draw.PadStrokes;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inside the network with its small pad, beside Draw &amp; classify over the same drawing (as the app wires them). */
@ExtendWith(ApplicationExtension.class)
class MapsPadTest {
    private final AppContext ctx = new AppContext();
    private DrawViewModel drawing;
    private MapsView maps;
    private Model model;
    private Tensor seven;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = MapsTestData.seed001();
        seven = MapsTestData.seven(model);
        ctx.modelProperty().set(model);
        ctx.inputProperty().set(seven);
        drawing = new DrawViewModel(ctx);
        maps = new MapsView(drawing);
        // both views on one screen, as a split: the app shows one at a time, over the same drawing
        HBox both = new HBox((Parent) maps.createContent(ctx), (Parent) new DrawView(drawing).createContent(ctx));
        ((javafx.scene.layout.Region) both.getChildren().get(0)).setPrefWidth(900);
        stage.setScene(org.convscope.app.Themed.scene(both, 1280, 800));
        stage.show();
    }


    /** Waits until the maps show the context's current input, and it is not {@code old}; returns it. */
    private Tensor awaitNewMaps(Tensor old) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            Tensor now = ctx.inputProperty().get();
            NetworkActivations a = maps.viewModel().activationsProperty().get();
            return now != null && now != old && a != null && a.input() == now;
        }).get());
        WaitForAsyncUtils.waitForFxEvents();
        return ctx.inputProperty().get();
    }

    @Test
    void drawingOnTheMapsPadChangesTheMapsInputAndTheOtherPadShowsTheSameInk(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            NetworkActivations a = maps.viewModel().activationsProperty().get();
            return a != null && a.input() == seven;
        }).get());
        float[] before = drawing.sketch().inkCopy();
        PadStrokes.stroke(robot, "#maps-pad", 0.3, 0.2, 0.5, 0.5, 0.55, 0.85); // a stroke down the middle: a "1"
        Tensor drawn = awaitNewMaps(seven);
        assertNotSame(seven, drawn, "the maps' input is now the drawing");
        float[] after = drawing.sketch().inkCopy();
        int inked = 0;
        for (int i = 0; i < after.length; i++) if (after[i] > before[i]) inked++;
        assertTrue(inked > 20, "the stroke is in the shared drawing: " + inked + " cells");

        // the maps are the engine's layer outputs for that drawn input
        List<Tensor> expected = model.copy().forwardAll(drawn);
        NetworkActivations a = maps.viewModel().activationsProperty().get();
        assertNotNull(a);
        Tensor shown = a.column(1);
        assertEquals(expected.get(0).data.length, shown.data.length);
        for (int i = 0; i < shown.data.length; i += 97) assertEquals(expected.get(0).data[i], shown.data[i], 1e-4f, "conv2d output " + i);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            try {
                File dir = new File("target/screenshots");
                dir.mkdirs();
                ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().getRoot().snapshot(null, null), null), "png",
                        new File(dir, "maps-pad.png"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // a second stroke on the Draw view's pad moves the maps too: one drawing, two pads
        PadStrokes.stroke(robot, "#pad", 0.2, 0.3, 0.8, 0.3);
        Tensor crossed = awaitNewMaps(drawn);
        assertNotSame(drawn, crossed);

        robot.clickOn("#maps-pad-clear");
        WaitForAsyncUtils.waitForFxEvents();
        for (float v : drawing.sketch().inkCopy()) assertEquals(0, v, 0);
    }

    @Test
    void strokesOnDrawsPadWhileTheMapsAreHiddenCostThemNothingUntilShown(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            NetworkActivations a = maps.viewModel().activationsProperty().get();
            return a != null && a.input() == seven;
        }).get());
        var mapsRoot = ((HBox) stage.getScene().getRoot()).getChildren().get(0);
        int[] before = new int[1];
        robot.interact(() -> {
            before[0] = maps.viewModel().passesStarted();
            mapsRoot.setVisible(false); // kept in the scene (and laid out) but hidden
        });
        PadStrokes.stroke(robot, "#pad", 0.3, 0.2, 0.5, 0.5, 0.55, 0.85);
        PadStrokes.stroke(robot, "#pad", 0.2, 0.3, 0.8, 0.3);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                drawing.isSettled() && ctx.inputProperty().get() != seven).get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before[0], maps.viewModel().passesStarted(), "no forward pass for the hidden maps");
        assertSame(seven, maps.viewModel().activationsProperty().get().input());

        robot.interact(() -> mapsRoot.setVisible(true));
        Tensor drawn = awaitNewMaps(seven);
        assertEquals(before[0] + 1, maps.viewModel().passesStarted(), "one pass, of the newest drawing");
        assertSame(drawn, maps.viewModel().activationsProperty().get().input());
    }

    @Test
    void thePadToggleHidesAndShowsThePad(FxRobot robot) {
        assertTrue(robot.lookup("#maps-pad").query().isVisible() && robot.lookup("#maps-pad").query().getParent().isVisible());
        robot.clickOn("#show-pad");
        assertFalse(robot.lookup("#maps-pad").query().getParent().isVisible());
        robot.clickOn("#show-pad");
        assertTrue(robot.lookup("#maps-pad").query().getParent().isVisible());
    }
}
