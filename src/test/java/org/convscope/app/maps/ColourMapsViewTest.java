package org.convscope.app.maps;

import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.common.Theme;
import org.convscope.app.common.ColorMap;
import org.convscope.data.InputStyle;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Model;
import org.convscope.engine.Presets;
import org.convscope.engine.Tensor;
import org.convscope.trace.ColourConvTraceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.File;
import java.util.concurrent.TimeUnit;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inside the network with seed-004 (32×32×3): the input in colour and per channel, the first layer's kernels per channel and as a picture. */
@ExtendWith(ApplicationExtension.class)
class ColourMapsViewTest {
    private final AppContext ctx = new AppContext();
    private final MapsView view = new MapsView();
    private Model model;
    private Tensor input;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = Presets.create("seed-004").build(3).setClassNames(CIFAR);
        input = InputStyle.PICTURE.picture(ColourConvTraceTest.picture(), model.inputShape()); // (1, 32, 32, 3)
        ctx.modelProperty().set(model);
        ctx.inputProperty().set(input);
        Parent root = (Parent) view.createContent(ctx);
        Theme.apply(root, false, false, 1.0); // the app's theme, which defines the looked-up colours the view's stylesheets use
        stage.setScene(new Scene(root, 1280, 800));
        stage.show();
    }

    private static final List<String> CIFAR = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    /** The output column names the model's classes (not digits), in its bars and in what it says to a screen reader. */
    @Test
    void theProbabilityBarsAndTheirDescriptionNameTheModelsClasses(FxRobot robot) throws Exception {
        awaitMaps();
        ProbabilityBars bars = robot.lookup(".probabilities").queryAs(ProbabilityBars.class);
        List<String> names = bars.getChildrenUnmodifiable().stream().filter(n -> n.getStyleClass().contains("class-name"))
                .map(n -> ((javafx.scene.control.Label) n).getText()).toList();
        assertEquals(CIFAR, names);
        String said = bars.getAccessibleText();
        assertTrue(CIFAR.stream().anyMatch(c -> said.startsWith("Prediction " + c + ",")), said);
        shoot(robot, "maps-cifar-classes");
        robot.interact(() -> ctx.inputProperty().set(null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> view.viewModel().inputMessageProperty().get().startsWith("Draw a picture on the pad")).get());
    }

    private void awaitMaps() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            NetworkActivations a = view.viewModel().activationsProperty().get();
            return a != null && a.input() == input;
        }).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static int rgb(float r, float g, float b) {
        return 0xff000000 | Math.round(r * 255) << 16 | Math.round(g * 255) << 8 | Math.round(b * 255);
    }

    @Test
    void theInputIsAColourPictureThenItsRedGreenAndBlueMaps(FxRobot robot) throws Exception {
        awaitMaps();
        MapRaster r = view.overview().rasters().raster(0);
        WritableImage image = view.overview().image(0);
        int row = 16, col = 16; // inside the yellow disc: much red and green, little blue
        float red = input.get(0, row, col, 0), green = input.get(0, row, col, 1), blue = input.get(0, row, col, 2);
        int s = r.scale();
        assertEquals(rgb(red, green, blue), image.getPixelReader().getArgb(r.tileX(0) + col * s, r.tileY(0) + row * s), "tile 0: the picture");
        float[] channel = {red, green, blue};
        for (int c = 0; c < 3; c++) {
            int shown = image.getPixelReader().getArgb(r.tileX(c + 1) + col * s, r.tileY(c + 1) + row * s);
            assertEquals(ColorMap.GREYS.argb(channel[c], 0, 1), shown, "tile " + (c + 1) + ": channel " + "RGB".charAt(c) + " as a grey map");
        }
        assertEquals("colour picture; R, G, B maps", robot.lookup("#column-0 .column-count").queryAs(Label.class).getText());

        // hovering the B map reads the blue channel
        Point2D p = view.overview().mapsNode(0).localToScreen(r.tileX(3) + (col + 0.5) * s, r.tileY(3) + (row + 0.5) * s);
        robot.moveTo(p);
        WaitForAsyncUtils.waitForFxEvents();
        MapsViewModel.Hover h = view.viewModel().hoverProperty().get();
        assertEquals(2, h.channel());
        assertEquals(blue, input.data[h.index()], 0f);
        shoot(robot, "maps-colour");
    }

    @Test
    void theFirstLayersKernelsAreShownAsAColourPictureAndPerInputChannel(FxRobot robot) throws Exception {
        awaitMaps();
        robot.interact(() -> view.viewModel().openGallery(1));
        WaitForAsyncUtils.waitForFxEvents();
        Conv2D conv = (Conv2D) model.layers().get(0);
        FlowPane tiles = robot.lookup("#gallery-tiles").queryAs(FlowPane.class);
        assertEquals(conv.filters(), tiles.getChildren().size());
        ImageView tile = (ImageView) ((VBox) tiles.getChildren().get(1)).getChildren().get(0);
        int k = conv.kernelH();
        float max = 0;
        for (float v : conv.kernel().data) max = Math.max(max, Math.abs(v));
        int gap = KernelGalleryPane.RGB_GAP, scale = ((int) tile.getImage().getWidth() - 3 * gap) / (4 * k); // four tiles a row
        assertEquals(4 * k * scale + 3 * gap, (int) tile.getImage().getWidth(), "the picture and three kernels side by side");
        Tensor w = MapsViewModel.filterKernel(conv, 1); // (KH, KW, 3)
        float[] picture = MapsViewModel.kernelPicture(w, max);
        int u = 1, v = 2;
        int o = (u * k + v) * 3;
        assertEquals(rgb(picture[o], picture[o + 1], picture[o + 2]) & 0xfffefefe,
                tile.getImage().getPixelReader().getArgb(v * scale, u * scale) & 0xfffefefe, "the filter as a colour picture");
        assertEquals(0.5f + w.data[o] / (2 * max), picture[o], 1e-6f, "grey is zero");
        for (int c = 0; c < 3; c++) {
            int x0 = (c + 1) * (k * scale + gap);
            assertEquals(ColorMap.DIVERGING.argb(w.data[o + c], -max, max),
                    tile.getImage().getPixelReader().getArgb(x0 + v * scale, u * scale), "channel " + c + "'s kernel");
        }
        assertTrue(robot.lookup(".detail-caption").queryAll().stream().anyMatch(n -> n.isVisible()
                && ((Label) n).getText().contains("colour picture")));
        shoot(robot, "maps-colour-kernels");
    }

    /** Not a check: writes the window for a look (target/screenshots/). */
    private void shoot(FxRobot robot, String name) {
        robot.interact(() -> {
            try {
                new File("target/screenshots").mkdirs();
                ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().getRoot().snapshot(null, null), null), "png",
                        new File("target/screenshots/" + name + ".png"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
