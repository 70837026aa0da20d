package org.convscope.app.maps;

import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.input.MouseButton;
import javafx.scene.shape.Path;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.draw.DrawingPad;
import org.convscope.engine.Add;
import org.convscope.engine.Model;
import org.convscope.engine.Presets;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inside the network on a graph model: resnet-small, a column per layer, Add columns and their shortcuts. */
@ExtendWith(ApplicationExtension.class)
class GraphMapsViewTest {
    private final AppContext ctx = new AppContext();
    private final MapsView view = new MapsView();
    private Model model;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = Presets.create("resnet-small").build(11);
        ctx.modelProperty().set(model);
        stage.setScene(org.convscope.app.Themed.scene((Parent) view.createContent(ctx), 1280, 800));
        stage.show();
    }

    private NetworkActivations awaitMaps(Tensor input) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            NetworkActivations a = view.viewModel().activationsProperty().get();
            return a != null && (input == null || a.input() == input) && view.overview().skipArrows().size() > 0;
        }).get());
        WaitForAsyncUtils.waitForFxEvents();
        return view.viewModel().activationsProperty().get();
    }

    private int[] pixels(int column) {
        PixelReader r = view.overview().image(column).getPixelReader();
        int w = (int) view.overview().image(column).getWidth(), h = (int) view.overview().image(column).getHeight();
        int[] p = new int[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) p[y * w + x] = r.getArgb(x, y);
        return p;
    }

    @Test
    void residualModelShowsEveryLayerTheAddInputsTheShortcutArrowsAndFollowsThePen(FxRobot robot) throws Exception {
        NetworkActivations blank = awaitMaps(null);
        assertEquals((long) model.layers().size() + 1, robot.lookup(".layer-column").queryAll().stream()
                .filter(c -> !"explanation-column".equals(c.getId())).count(), "a column per layer and the input");

        List<Integer> addColumns = new java.util.ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) if (model.layers().get(i) instanceof Add) addColumns.add(i + 1);
        assertFalse(addColumns.isEmpty());
        List<Path> arrows = view.overview().skipArrows();
        for (int col : addColumns) {
            String name = model.layers().get(col - 1).name();
            String reads = robot.lookup("#inputs-" + col).queryAs(Label.class).getText();
            for (String in : model.inputsOf(name)) assertTrue(reads.contains(in), name + " names its input " + in + ": " + reads);
            assertTrue(reads.contains("sum"), reads);
            // an arrow (the shortcut) ends over this column's top
            Bounds c = robot.lookup("#column-" + col).query().getBoundsInParent();
            long into = arrows.stream().filter(p -> p.getStyleClass().contains("skip-arrow"))
                    .filter(p -> end(p) >= c.getMinX() && end(p) <= c.getMaxX()).count();
            assertEquals(1, into, "one shortcut arrow enters " + name);
        }
        // a stacked step reads only the column before it
        assertTrue(robot.lookup("#inputs-2").queryAs(Label.class).getText().contains(model.layers().get(0).name()));

        int firstAdd = addColumns.get(0);
        int[] before = pixels(firstAdd);
        DrawingPad pad = robot.lookup("#maps-pad").queryAs(DrawingPad.class);
        stroke(robot, pad, 0.3, 0.2, 0.5, 0.5, 0.55, 0.85);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            NetworkActivations a = view.viewModel().activationsProperty().get();
            return a != null && a != blank && a.input() == ctx.inputProperty().get();
        }).get());
        WaitForAsyncUtils.waitForFxEvents();
        NetworkActivations drawn = view.viewModel().activationsProperty().get();
        assertNotNull(ctx.inputProperty().get());
        assertFalse(java.util.Arrays.equals(before, pixels(firstAdd)), "the Add column's maps follow the drawing");

        // the Add column shows the sum of the columns it names
        int[] from = drawn.sources(firstAdd);
        assertEquals(2, from.length);
        float[] sum = drawn.column(firstAdd).data, a = drawn.column(from[0]).data, b = drawn.column(from[1]).data;
        for (int i = 0; i < sum.length; i += 53) assertEquals(a[i] + b[i], sum[i], 1e-5f, "cell " + i);
        snapshot("maps-resnet.png");
    }

    @Test
    void theSkipArrowsSayWhatTheyCarryAndAnAddsDetailShowsBothInputsAndTheSum(FxRobot robot) throws Exception {
        awaitMaps(null);
        // block 1: the identity into its Add; blocks 2 and 3: the 1×1 projection, then the block's path around it into the Add
        assertEquals(List.of("identity", "1×1 projection, stride 2", "block", "1×1 projection, stride 2", "block"),
                view.overview().skipLabels());
        int add = 1;
        while (!(model.layers().get(add - 1) instanceof Add)) add++;
        int col = add;
        robot.interact(() -> view.viewModel().openDetail(col, 3));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.layout.HBox terms = robot.lookup("#add-terms").queryAs(javafx.scene.layout.HBox.class);
        List<String> shown = terms.getChildren().stream().map(n -> n instanceof Label l ? l.getText()
                : ((Label) ((javafx.scene.layout.VBox) n).getChildren().get(1)).getText()).toList();
        List<String> in = model.inputsOf(model.layers().get(add - 1).name());
        assertEquals(List.of(in.get(0), "+", in.get(1), "=", "the sum"), shown);
        snapshot("maps-resnet-add.png");
    }

    /** Where a skip arrow's head points: the x of its last vertical line. */
    private static double end(Path p) {
        return ((javafx.scene.shape.LineTo) p.getElements().get(3)).getX();
    }

    private static void stroke(FxRobot robot, DrawingPad pad, double... f) {
        Bounds b = pad.localToScreen(pad.getLayoutBounds());
        double side = pad.side(), left = b.getMinX() + (b.getWidth() - side) / 2, top = b.getMinY() + (b.getHeight() - side) / 2;
        robot.moveTo(new Point2D(left + f[0] * side, top + f[1] * side)).press(MouseButton.PRIMARY);
        for (int i = 2; i < f.length; i += 2) robot.moveTo(new Point2D(left + f[i] * side, top + f[i + 1] * side));
        robot.release(MouseButton.PRIMARY);
    }

    private void snapshot(String file) {
        WaitForAsyncUtils.waitForFxEvents();
        try {
            File dir = new File("target/screenshots");
            dir.mkdirs();
            Node root = stage.getScene().getRoot();
            var image = WaitForAsyncUtils.asyncFx(() -> root.snapshot(null, null)).get();
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", new File(dir, file));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
