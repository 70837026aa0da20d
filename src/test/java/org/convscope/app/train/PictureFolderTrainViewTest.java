package org.convscope.app.train;

import org.convscope.app.common.Tips;
import javafx.scene.Scene;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.data.Dataset;
import org.convscope.engine.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Picture folder…" in the training view: a folder of colour pictures read off the FX thread at the size chosen. */
@ExtendWith(ApplicationExtension.class)
class PictureFolderTrainViewTest {
    private final AppContext context = new AppContext();
    private final PictureFolderSource pictures = new PictureFolderSource();
    private TrainViewModel vm;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        TrainView view = new TrainView(() -> List.of(TinyData.source(TinyData.create(60, 30, 7)), pictures));
        stage.setScene(org.convscope.app.Themed.scene((Pane) view.createContent(context), 1280, 800));
        stage.sizeToScene();
        stage.show();
        vm = view.viewModel();
    }

    /** Red and blue pictures of several sizes, one folder per colour. */
    private Path colourFolder() throws IOException {
        for (String cls : List.of("blue", "red")) {
            Files.createDirectories(tmp.resolve(cls));
            for (int i = 0; i < 10; i++) {
                BufferedImage img = new BufferedImage(20 + 3 * i, 40 - i, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < img.getHeight(); y++) {
                    for (int x = 0; x < img.getWidth(); x++) img.setRGB(x, y, cls.equals("red") ? 0xd02010 : 0x1030e0);
                }
                ImageIO.write(img, "png", tmp.resolve(cls).resolve(i + ".png").toFile());
            }
        }
        Files.writeString(tmp.resolve("red/notes.txt"), "not a picture");
        return tmp;
    }

    @Test
    void aFolderOfColourPicturesBecomesTheDatasetAtTheChosenSize(FxRobot robot) throws Exception {
        Path folder = colourFolder();
        robot.interact(() -> vm.sourceProperty().set(pictures));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.dataStatusProperty().get().startsWith("Choose a folder with one sub-folder of pictures per class"),
                vm.dataStatusProperty().get());
        ComboBox<?> size = robot.lookup("#picture-size").queryAs(ComboBox.class);
        assertTrue(size.isVisible(), "the size is chosen before the folder");
        assertTrue(robot.lookup("#download").query().isVisible() == false, "a picture folder cannot be downloaded");
        robot.interact(() -> size.getSelectionModel().select(2)); // 64×64 colour
        assertEquals(Shape.of(64, 64, 3), pictures.input());

        robot.interact(() -> vm.useFolder(folder));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.datasetProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Dataset d = vm.datasetProperty().get();
        assertEquals(List.of("blue", "red"), d.classNames());
        assertEquals(Shape.of(64, 64, 3), d.trainImages().exampleShape());
        assertEquals(16 + 4, d.trainImages().batch() + d.testImages().batch());
        assertTrue(d.name().contains("1 file skipped"), d.name());
        // the red class is red in the tensors: the colour reaches the model
        for (int i = 0; i < d.trainImages().batch(); i++) {
            boolean isRed = d.trainLabels().data[i] == 1;
            assertEquals(isRed ? 0xd0 / 255f : 0x10 / 255f, d.trainImages().get(i, 10, 10, 0), 1e-3f);
        }
        assertTrue(vm.dataStatusProperty().get().contains("2 classes"), vm.dataStatusProperty().get());
        assertEquals(folder, context.pictureFolderProperty().get(), "Draw & classify can offer the folder's pictures as samples");
    }

    /**
     * Classes with long names, after a tiny training run on a folder of noise (so there are mistakes): the confusion
     * matrix's headers and the mistakes' captions name the classes, and a long name does not widen its column.
     */
    @Test
    void theConfusionMatrixAndTheMistakesNameAPictureFoldersClasses(FxRobot robot) throws Exception {
        List<String> classes = List.of("automobile", "mimetypes", "status");
        java.util.Random random = new java.util.Random(3);
        for (String cls : classes) {
            Files.createDirectories(tmp.resolve(cls));
            for (int i = 0; i < 12; i++) {
                BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 28; y++) for (int x = 0; x < 28; x++) img.setRGB(x, y, random.nextInt(0x1000000));
                ImageIO.write(img, "png", tmp.resolve(cls).resolve(i + ".png").toFile());
            }
        }
        robot.interact(() -> {
            vm.sourceProperty().set(pictures);
            robot.lookup("#picture-size").queryAs(ComboBox.class).getSelectionModel().select(1); // 28×28 grey
        });
        robot.interact(() -> vm.useFolder(tmp));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.datasetProperty().get() != null);
        robot.interact(() -> {
            vm.layers().setAll(TinyData.layers());
            vm.batchSizeProperty().set(8);
            vm.epochsProperty().set(1);
            vm.start();
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.trainingProperty().get() && vm.evaluationProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        for (int k = 0; k < classes.size(); k++) {
            Label column = robot.lookup("#cm-column-" + k).queryAs(Label.class), row = robot.lookup("#cm-row-" + k).queryAs(Label.class);
            assertEquals(classes.get(k), column.getText());
            assertEquals(classes.get(k), row.getText());
            assertEquals(classes.get(k), Tips.text(column));
            assertEquals(-90, column.getRotate(), "a long name stands on end");
            Node cell = robot.lookup("#cm-0-" + k).query();
            assertTrue(column.getBoundsInParent().getHeight() >= column.getWidth() - 1
                    && cell.getBoundsInParent().getWidth() < column.getWidth(), "the column is as narrow as its counts, not as its name");
        }
        org.convscope.app.Screenshots.save(robot.lookup(".confusion-matrix").query(), "train-cm-long-names"); // for a look
        robot.interact(() -> robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(2));
        WaitForAsyncUtils.waitForFxEvents(); // the mistakes join the scene graph with their tab
        org.convscope.app.Screenshots.save(robot.lookup("#mistakes").query(), "train-mistakes-long-names"); // for a look
        List<String> captions = robot.lookup(".mistake-caption").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertFalse(captions.isEmpty(), "noise is misclassified");
        for (String caption : captions) {
            assertTrue(caption.matches("(automobile|mimetypes|status) → (automobile|mimetypes|status) \\(\\d+%\\)"), caption);
        }
    }
}
