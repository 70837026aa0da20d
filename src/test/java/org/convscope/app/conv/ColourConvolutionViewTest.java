package org.convscope.app.conv;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.common.Theme;
import org.convscope.app.draw.PixelGrid;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Convolution view on seed-004 (32×32×3) with a colour picture as the drawing: the learned first-layer
 * kernel over the real colour input, and every number the equation shows is the engine's.
 */
@ExtendWith(ApplicationExtension.class)
class ColourConvolutionViewTest {
    private ConvolutionView view;
    private Model model;
    private Tensor x;
    private Stage stage;
    private AppContext context;

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        context = new AppContext();
        model = Presets.create("seed-004").build(3);
        x = InputStyle.PICTURE.picture(ColourConvTraceTest.picture(), model.inputShape()); // (1, 32, 32, 3)
        context.modelProperty().set(model);
        context.inputProperty().set(x);
        view = new ConvolutionView();
        Parent root = (Parent) view.createContent(context);
        Theme.apply(root, false, false, 1.0); // the app's theme, which defines the looked-up colours the view's stylesheet uses
        root.setStyle("-fx-font-size: 15px");
        stage.setScene(new Scene(root, 1260, 780));
        stage.show();
    }

    /** Nothing drawn and no colour picture at hand: the grey sample digit in all three channels, and the note says so. */
    @Test
    void withNothingDrawnAndNoPictureFolderTheNoteSaysTheGreySampleIsInThreeChannels(FxRobot robot) {
        robot.interact(() -> {
            context.inputProperty().set(null);
            view.viewModel().kernelChoiceProperty().set(KernelChoice.LEARNED);
        });
        String note = view.viewModel().noteProperty().get();
        assertTrue(note.contains("grey sample digit, the same in its three channels"), note);
        Tensor in = view.viewModel().colourPictureProperty().get(); // (1, 32, 32, 3)
        for (int r = 0; r < 32; r += 5) {
            for (int q = 0; q < 32; q += 5) {
                assertEquals(in.get(0, r, q, 0), in.get(0, r, q, 1), 0f);
                assertEquals(in.get(0, r, q, 0), in.get(0, r, q, 2), 0f);
            }
        }
    }

    /** With a picture folder at hand (read in Train or opened in Draw), its first picture is the real colour input. */
    @Test
    void withNothingDrawnTheKernelSlidesOverThePictureFoldersFirstPictureInColour(FxRobot robot) throws Exception {
        for (String cls : List.of("apples", "leaves")) {
            java.nio.file.Files.createDirectories(tmp.resolve(cls));
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(40, 40, java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int r = 0; r < 40; r++) for (int q = 0; q < 40; q++) img.setRGB(q, r, cls.equals("apples") ? 0xc81e1e : 0x1e961e);
            ImageIO.write(img, "png", tmp.resolve(cls).resolve("a.png").toFile());
        }
        robot.interact(() -> {
            context.inputProperty().set(null);
            view.viewModel().kernelChoiceProperty().set(KernelChoice.LEARNED);
            context.pictureFolderProperty().set(tmp);
        });
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.asyncFx(() -> view.viewModel().colourSampleProperty().get() != null).get());
        WaitForAsyncUtils.waitForFxEvents();
        String note = view.viewModel().noteProperty().get();
        assertTrue(note.startsWith("Nothing drawn yet: the model sees apples/a.png of the picture folder"), note);
        Tensor in = view.viewModel().colourPictureProperty().get(); // (1, 32, 32, 3)
        assertEquals(0xc8 / 255f, in.get(0, 16, 16, 0), 1e-3f, "the apple's red reaches the kernel");
        assertEquals(0x1e / 255f, in.get(0, 16, 16, 1), 1e-3f);
        org.convscope.app.Screenshots.save(stage.getScene().getRoot(), "conv-colour-folder-picture"); // for a look
        robot.interact(() -> context.inputProperty().set(x));
        assertEquals("The model's input is the current drawing.", view.viewModel().noteProperty().get(), "a drawing comes first");
    }

    /** A number as the equations print it: a true minus sign, negatives in parentheses as factors. */
    private static double parse(String s) {
        return Double.parseDouble(s.replace("(", "").replace(")", "").replace('−', '-').trim());
    }

    private static void assertShown(double expected, String shown, String what) {
        assertEquals(expected, parse(shown), 6e-4 + 1e-5 * Math.abs(expected), what + ": shown " + shown);
    }

    @Test
    void atSeveralStepsEveryShownNumberIsTheEnginesForwardPassAtThatCell(FxRobot robot) throws Exception {
        robot.interact(() -> view.viewModel().kernelChoiceProperty().set(KernelChoice.LEARNED));
        robot.interact(() -> view.viewModel().learnedFilterProperty().set(2));
        Conv2D conv = (Conv2D) model.layers().get(0);
        Tensor y = model.forwardAll(x).get(0); // (1, 32, 32, 6) as the engine computes it
        Tensor scaled = model.scaleInput(x);
        int f = 2, k = conv.kernelH(), filters = conv.filters();
        assertEquals("output 32×32 — 1024 steps", robot.lookup("#output-size").queryAs(Label.class).getText());
        for (int step : new int[] {0, 33, 16 * 32 + 16, 1023}) {
            robot.interact(() -> view.viewModel().seek(step));
            int i = step / 32, j = step % 32;
            List<String> lines = robot.lookup("#equation").queryAs(VBox.class).getChildrenUnmodifiable().stream()
                    .map(n -> ((Label) n).getText()).toList();
            assertEquals(5, lines.size(), "R, G, B, their sums with the bias, the activation: " + lines);
            double pre = conv.bias().data[f];
            double[] sums = new double[3];
            for (int c = 0; c < 3; c++) {
                String line = lines.get(c);
                assertTrue(line.startsWith("RGB".charAt(c) + ": "), line);
                String[] sides = line.substring(3).split(" = ");
                String[] products = sides[0].split(" \\+ ");
                assertEquals(k * k, products.length, line);
                int t = 0;
                for (int u = 0; u < k; u++) {
                    for (int v = 0; v < k; v++, t++) {
                        int r = i + u - k / 2, q = j + v - k / 2; // padding "same", stride 1
                        double in = r < 0 || q < 0 || r >= 32 || q >= 32 ? 0 : scaled.get(0, r, q, c);
                        double w = conv.kernel().data[((u * k + v) * 3 + c) * filters + f]; // (KH, KW, C, F)
                        String[] factors = products[t].split("×");
                        assertShown(in, factors[0], "step " + step + " " + "RGB".charAt(c) + " input (" + r + ", " + q + ")");
                        assertShown(w, factors[1], "step " + step + " " + "RGB".charAt(c) + " weight (" + u + ", " + v + ")");
                        sums[c] += in * w;
                    }
                }
                assertShown(sums[c], sides[1], "step " + step + " " + "RGB".charAt(c) + " sum");
                pre += sums[c];
            }
            String[] bias = lines.get(3).split(" = ");
            String[] addends = bias[0].replace(" (bias)", "").split(" \\+ ");
            for (int c = 0; c < 3; c++) assertShown(sums[c], addends[c], "step " + step + " sum " + c + " in " + lines.get(3));
            assertShown(conv.bias().data[f], addends[3], "bias");
            assertShown(pre, bias[1], "step " + step + " a + b + c + bias");
            String out = lines.get(4).substring(lines.get(4).indexOf('→') + 1);
            assertShown(y.get(0, i, j, f), out, "step " + step + " output, the engine's forward pass at (" + i + ", " + j + ")");
        }

        PixelGrid picture = robot.lookup("#input-colour").queryAs(PixelGrid.class);
        assertTrue(picture.isVisible() && picture.getScene() != null, "the colour picture is shown beside the channels");
        float[] rgb = picture.colour(16, 16);
        assertNotNull(rgb, "shown in colour");
        assertArrayEquals(new float[] {x.get(0, 16, 16, 0), x.get(0, 16, 16, 1), x.get(0, 16, 16, 2)}, rgb, 1e-6f);
        for (int c = 0; c < 3; c++) assertNotNull(robot.lookup("#input-grid-" + c).tryQuery().orElse(null), "channel grid " + c);

        // not a check: the view for a look (target/screenshots/)
        new File("target/screenshots").mkdirs();
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().getRoot().snapshot(null, null), null), "png",
                        new File("target/screenshots/conv-colour.png"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
