package org.convscope.app.explain;

import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.TilePane;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.common.Theme;
import org.convscope.app.draw.PixelGrid;
import org.convscope.data.Assets;
import org.convscope.data.Datasets;
import org.convscope.engine.Model;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Tensor;
import org.convscope.trace.explain.ActivationMaximization;
import org.convscope.trace.explain.TopPatches;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "What a filter wants to see" on the shipped digit model. */
@ExtendWith(ApplicationExtension.class)
class FilterViewTest {
    private AppContext context;
    private FilterViewModel vm;
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
        vm = new FilterViewModel(context);
        root = new BorderPane(new FilterView().createContent(vm, context));
        Theme.apply(root, false, false, 1.0);
        stage.setScene(new Scene(root, 1200, 780));
        stage.show();
    }

    private void awaitSettled() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> vm.isSettled()).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void runFormsThePictureTheFilterWantsFrameByFrame(FxRobot robot) throws Exception {
        assertEquals(List.of(0, 2, 6), vm.choices());
        robot.interact(() -> robot.lookup("#filter-layer").queryAs(ChoiceBox.class).setValue(2));
        robot.interact(() -> robot.lookup("#filter-unit").queryAs(Spinner.class).getValueFactory().setValue(5));
        assertEquals(5, vm.unitProperty().get());
        awaitSettled();
        robot.clickOn("#filter-run");
        awaitSettled();
        FilterViewModel.Frame f = vm.frameProperty().get();
        assertEquals(100, f.iteration());
        var o = ActivationMaximization.Options.defaults();
        Tensor expected = ActivationMaximization.run(model, new ActivationMaximization.Target(2, 5), o, (i, x, r) -> { }, () -> false);
        assertArrayEquals(expected.data, f.image().data, 1e-5f, "the view shows the ascent's own result");
        PixelGrid picture = robot.lookup("#filter-picture").queryAs(PixelGrid.class);
        assertEquals(expected.data[14 * 28 + 14], picture.value(14, 14), 1e-5);
        assertTrue(robot.lookup("#filter-frame").queryAs(Label.class).getText().startsWith("step 100 of 100"));
        assertEquals("Run", robot.lookup("#filter-run").queryAs(javafx.scene.control.Button.class).getText());
    }

    @Test
    void theTopNinePatchesOfTheFilterAreShown(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#filter-unit").queryAs(Spinner.class).getValueFactory().setValue(3));
        awaitSettled();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> vm.patchesProperty().get() != null).get());
        FilterViewModel.Patches p = vm.patchesProperty().get();
        Tensor test = Datasets.bundled(Assets.DEFAULT).testImages();
        List<TopPatches.Patch> expected = TopPatches.of(model, 0, test, 9, (d, t) -> { }, () -> false).get(3);
        assertEquals(expected, p.patches());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(9, robot.lookup("#filter-patches").queryAs(TilePane.class).getChildren().size());

        robot.interact(() -> robot.lookup("#filter-layer").queryAs(ChoiceBox.class).setValue(6));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, vm.patchesProperty().get(), "a class has no patches");
        assertEquals(0, robot.lookup("#filter-patches").queryAs(TilePane.class).getChildren().size());
    }

    /** Not a check: writes the view for a look (target/screenshots/). */
    @Test
    void snapshotOfTheView(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#filter-layer").queryAs(ChoiceBox.class).setValue(2));
        robot.interact(() -> robot.lookup("#filter-unit").queryAs(Spinner.class).getValueFactory().setValue(7));
        awaitSettled();
        robot.clickOn("#filter-run");
        awaitSettled();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> vm.patchesProperty().get() != null).get());
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = root.snapshot(null, null));
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(shot[0], null), "png", dir.resolve("filter.png").toFile());
        assertTrue(Files.size(dir.resolve("filter.png")) > 1000);
    }
}
