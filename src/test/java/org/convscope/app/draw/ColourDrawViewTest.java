package org.convscope.app.draw;

import org.convscope.app.common.Tips;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.common.Theme;
import org.convscope.engine.Model;
import org.convscope.engine.Presets;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Draw & classify with a colour model (seed-004, 32×32×3): an opened photo reaches it, and is shown, in colour. */
@ExtendWith(ApplicationExtension.class)
class ColourDrawViewTest {
    private DrawViewModel vm;
    private AppContext context;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        context = new AppContext();
        vm = new DrawViewModel(context);
        Model colour = Presets.create("seed-004").build(1)
                .setClassNames(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"));
        context.modelProperty().set(colour);
        BorderPane root = new BorderPane(new DrawView(vm, DrawViewTest.SAMPLES).createContent(context));
        Theme.apply(root, false, false, 1.0);
        stage.setScene(new Scene(root, 1200, 780));
        stage.show();
    }

    /** A 96×64 photo-like picture: sky blue above, grass green below, an orange sun in the middle. */
    private static BufferedImage photo() {
        BufferedImage img = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(60, 140, 230));
        g.fillRect(0, 0, 96, 32);
        g.setColor(new Color(40, 170, 60));
        g.fillRect(0, 32, 96, 32);
        g.setColor(new Color(250, 150, 20));
        g.fillOval(40, 8, 16, 16);
        g.dispose();
        return img;
    }

    @Test
    void anOpenedPhotoIsClassifiedAndShownInColourWithTheModelsClassNames(FxRobot robot) throws Exception {
        robot.interact(() -> vm.showImage("photo.png", photo()));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> vm.isSettled() && vm.resultProperty().get() != null && vm.resultProperty().get().probabilities() != null).get());
        WaitForAsyncUtils.waitForFxEvents();
        Classification c = vm.resultProperty().get();
        assertArrayEquals(new int[] {1, 32, 32, 3}, c.input().shape());
        PixelGrid grid = robot.lookup("#input-grid").queryAs(PixelGrid.class);
        float[] sky = grid.colour(2, 2), grass = grid.colour(29, 29);
        assertNotNull(sky, "a colour input is shown in colour");
        assertArrayEquals(new float[] {60 / 255f, 140 / 255f, 230 / 255f}, sky, 1e-3f);
        assertArrayEquals(new float[] {40 / 255f, 170 / 255f, 60 / 255f}, grass, 1e-3f);
        for (int ch = 0; ch < 3; ch++) assertEquals(c.input().get(0, 2, 2, ch), sky[ch], 1e-6f, "exactly what the model gets");
        String prediction = robot.lookup("#prediction").queryAs(Label.class).getText();
        assertTrue(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck").stream()
                .anyMatch(prediction::contains), "the model's class names are shown: " + prediction);
    }

    private void stroke(FxRobot robot, double fx0, double fy0, double fx1, double fy1) {
        robot.moveTo(PadStrokes.onPad(robot, "#pad", fx0, fy0)).press(MouseButton.PRIMARY);
        for (int i = 1; i <= 8; i++) robot.moveTo(PadStrokes.onPad(robot, "#pad", fx0 + (fx1 - fx0) * i / 8, fy0 + (fy1 - fy0) * i / 8));
        robot.release(MouseButton.PRIMARY);
    }

    private void awaitAnswer() throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> vm.isSettled() && vm.resultProperty().get() != null && vm.resultProperty().get().probabilities() != null).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void strokesInPaletteColoursReachTheModelInColourOnWhitePaper(FxRobot robot) throws Exception {
        assertTrue(robot.lookup("#ink-red").query().getParent().isVisible(), "a colour model gets the palette");
        robot.clickOn("#ink-red");
        stroke(robot, 0.15, 9.5 / 32, 0.85, 9.5 / 32); // a red line across the upper part, through input row 9
        robot.interact(() -> robot.lookup("#pad").query().requestFocus()); // a click would draw a dot
        robot.type(KeyCode.DIGIT6); // blue, from the keyboard
        assertEquals("blue", vm.inkColourProperty().get().name());
        assertTrue(robot.lookup("#ink-blue").queryAs(ToggleButton.class).isSelected());
        stroke(robot, 0.15, 24.5 / 32, 0.85, 24.5 / 32); // a blue line across the lower part, through the middle of input row 24
        awaitAnswer();
        Tensor x = vm.resultProperty().get().input(); // (1, 32, 32, 3)
        assertArrayEquals(new int[] {1, 32, 32, 3}, x.shape());
        int red = 0xd62728, blue = 0x1f5fd6;
        float[] paper = {x.get(0, 16, 16, 0), x.get(0, 16, 16, 1), x.get(0, 16, 16, 2)};
        assertArrayEquals(new float[] {1, 1, 1}, paper, 1e-3f, "between the lines: white paper");
        assertArrayEquals(new float[] {(red >> 16) / 255f, (red >> 8 & 0xff) / 255f, (red & 0xff) / 255f},
                new float[] {x.get(0, 9, 16, 0), x.get(0, 9, 16, 1), x.get(0, 9, 16, 2)}, 0.02f, "on the red line");
        assertArrayEquals(new float[] {(blue >> 16) / 255f, (blue >> 8 & 0xff) / 255f, (blue & 0xff) / 255f},
                new float[] {x.get(0, 24, 16, 0), x.get(0, 24, 16, 1), x.get(0, 24, 16, 2)}, 0.02f, "on the blue line");
        float[] shown = robot.lookup("#input-grid").queryAs(PixelGrid.class).colour(9, 16);
        assertNotNull(shown, "what the model sees is shown in colour");
        assertEquals(x.get(0, 9, 16, 0), shown[0], 1e-6f);
        snapshot(robot, "draw-colour-pad");
    }

    @Test
    void aGreyModelKeepsTheGreyPadWithoutAPalette(FxRobot robot) throws Exception {
        robot.interact(() -> context.modelProperty().set(Presets.create("seed-001").build(1)));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#ink-red").query().getParent().isVisible(), "no palette for a grey model");
        assertFalse(vm.colourPadProperty().get());
        stroke(robot, 0.5, 0.2, 0.5, 0.8);
        awaitAnswer();
        assertArrayEquals(new int[] {1, 28, 28, 1}, vm.resultProperty().get().input().shape());
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    /** A picture folder read in the Train view lends Draw a few pictures of each class; one click classifies it. */
    @Test
    void theSamplesStripShowsAFewPicturesOfEachClassOfThePictureFolder(FxRobot robot) throws Exception {
        for (String cls : List.of("cats", "dogs")) {
            java.nio.file.Files.createDirectories(tmp.resolve("train").resolve(cls));
            for (int i = 0; i < 3; i++) {
                javax.imageio.ImageIO.write(photo(), "png", tmp.resolve("train").resolve(cls).resolve(i + ".png").toFile());
            }
        }
        robot.interact(() -> context.pictureFolderProperty().set(tmp));
        List<String> ids = awaitFolderSamples(robot, 4);
        assertEquals(List.of("folder-sample-cats-0_png", "folder-sample-cats-1_png", "folder-sample-dogs-0_png",
                "folder-sample-dogs-1_png"), ids, "two of each class, before the bundled samples");
        assertTrue(robot.lookup("#folder-sample-dogs-1_png").query().getAccessibleText().contains("of class dogs"));
        robot.interact(() -> robot.lookup("#folder-sample-dogs-1_png").queryAs(javafx.scene.control.Button.class).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.pictureProperty().get() != null);
        assertEquals("1.png", vm.pictureProperty().get().name());
    }

    /** The ids of the strip's folder pictures, once there are {@code n} (they are listed in the background). */
    private static List<String> awaitFolderSamples(FxRobot robot, int n) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> robot.lookup(".sample-button").queryAll()
                .stream().filter(b -> b.getId().startsWith("folder-sample-")).count() == n).get());
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".sample-button").queryAll().stream().map(javafx.scene.Node::getId)
                .filter(id -> id.startsWith("folder-sample-")).toList();
    }

    private static final List<String> ICON_CLASSES = List.of("actions", "apps", "devices", "mimetypes", "places", "status");

    /** "Open picture folder…" in Draw itself: the strip gets two pictures of each class, each captioned with its class. */
    @Test
    void aPictureFolderOpenedInDrawFillsTheStripWithCaptionedPicturesThatClassify(FxRobot robot) throws Exception {
        assertNotNull(robot.lookup("#open-folder-button").query().getAccessibleText(), "the new action has a name");
        for (String cls : ICON_CLASSES) {
            java.nio.file.Files.createDirectories(tmp.resolve(cls));
            for (int i = 0; i < 3; i++) javax.imageio.ImageIO.write(photo(), "png", tmp.resolve(cls).resolve(i + ".png").toFile());
        }
        robot.interact(() -> vm.openPictureFolder(tmp));
        List<String> ids = awaitFolderSamples(robot, 12);
        assertEquals(tmp, context.pictureFolderProperty().get(), "the folder becomes the app's picture folder");
        assertEquals("folder-sample-mimetypes-1_png", ids.get(7));
        List<String> captions = robot.lookup(".sample-class").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertEquals(ICON_CLASSES.stream().flatMap(c -> java.util.stream.Stream.of(c, c)).toList(), captions, "each picture says its class");
        robot.interact(() -> robot.lookup("#folder-sample-places-0_png").queryAs(javafx.scene.control.Button.class).fire());
        awaitAnswer();
        assertEquals("0.png", vm.pictureProperty().get().name());
        assertArrayEquals(new int[] {1, 32, 32, 3}, vm.resultProperty().get().input().shape(), "classified by the colour model");
        snapshot(robot, "draw-picture-folder");
    }

    @Test
    void aFolderWithoutClassFoldersIsRefusedPlainlyAndTheStripStaysAsItWas(FxRobot robot) throws Exception {
        javax.imageio.ImageIO.write(photo(), "png", tmp.resolve("loose.png").toFile());
        robot.interact(() -> vm.openPictureFolder(tmp));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> vm.errorProperty().get() != null).get());
        assertTrue(vm.errorProperty().get().contains("one sub-folder of pictures per class"), vm.errorProperty().get());
        assertEquals(null, context.pictureFolderProperty().get());
        assertTrue(robot.lookup("#draw-error").query().isVisible());
    }

    /** A model whose classes are not digits: the texts speak of a picture, and the bars carry its class names. */
    @Test
    void aCifarModelsTextsSpeakOfAPictureAndItsBarsNameItsClasses(FxRobot robot) {
        assertEquals("Draw a picture here", robot.lookup("#pad-hint").queryAs(Label.class).getText());
        assertEquals("Draw a picture to start", robot.lookup("#confidence").queryAs(Label.class).getText());
        List<String> names = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
        for (int i = 0; i < names.size(); i++) {
            Label name = robot.lookup("#bars #class-" + i).queryAs(Label.class);
            assertEquals(names.get(i), name.getText());
            assertEquals(names.get(i), Tips.text(name), "a name cut short is whole in its tooltip");
            assertTrue(name.getWidth() <= name.getFont().getSize() * 6.5 + 1, "a long name keeps its column narrow: " + name.getWidth());
        }
        robot.interact(() -> context.modelProperty().set(Presets.create("seed-001").build(1)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Draw a digit here", robot.lookup("#pad-hint").queryAs(Label.class).getText(), "digit wording for a digit model");
        assertEquals("Draw a digit to start", robot.lookup("#confidence").queryAs(Label.class).getText());
        snapshot(robot, "draw-classes-digit");
    }

    /** Not a check: the view for a look (target/screenshots/). */
    private void snapshot(FxRobot robot, String name) {
        robot.interact(() -> {
            try {
                new java.io.File("target/screenshots").mkdirs();
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(stage.getScene().getRoot().snapshot(null, null), null),
                        "png", new java.io.File("target/screenshots/" + name + ".png"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
