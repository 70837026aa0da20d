package org.convscope.app.shell;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.AppView;
import org.convscope.app.common.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private final AppContext context = new AppContext();
    private final ShellViewModel shell = new ShellViewModel();
    private MainWindow window;

    /** A view that is just a labelled box. */
    private record Plain(String title) implements AppView {
        @Override
        public Node createContent(AppContext context) {
            Label label = new Label(title + " content");
            label.setId(title.replace(' ', '-'));
            return new StackPane(label);
        }
    }

    private Stage stage;

    /**
     * TestFX hands every test class the same primary stage, and the theme's user-agent stylesheet is
     * global: undo what the window set, so that other views' tests do not depend on the order.
     */
    @AfterEach
    void restoreStageAndStylesheet() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            org.convscope.app.DefaultStylesheet.restoreOnFxThread();
            stage.setFullScreen(false);
            stage.setMinWidth(0);
            stage.setMinHeight(0);
            stage.getIcons().clear();
        }).get();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Settings small = Settings.load(null);
        small.put("window.width", 1200);
        small.put("window.height", 760); // within Monocle's 1280×800 headless screen
        shell.restore(small);
        window = new MainWindow(context, shell, List.of(new Plain("First view"), new Plain("Second view")),
                new MainWindow.Actions() {
                    @Override
                    public void openImage(Stage owner) {
                    }

                    @Override
                    public void pasteImage() {
                    }

                    @Override
                    public void openModel(Path file) {
                    }
                });
        window.attach(stage);
        stage.show();
    }

    private static double brandFontSize(FxRobot robot) {
        return robot.lookup(".brand").queryAs(Label.class).getFont().getSize();
    }

    @Test
    void theStatusBarSaysWhereAnImportedModelCameFromAndWhatPixelsItTakes(FxRobot robot) throws Exception {
        var model = org.convscope.engine.keras.KerasFiles.read(Path.of("src/test/resources/org/convscope/engine/keras/dilated.keras"),
                org.convscope.engine.keras.InputRange.ZERO_TO_255);
        robot.interact(() -> context.modelProperty().set(model));
        assertEquals("Model: sequential (Keras 3.3.3 file dilated.keras) · input (None, 8, 8, 1) · pixels 0–255",
                robot.lookup(".model-label").queryAs(Label.class).getText());
    }

    @Test
    void theWindowIsTitledAndListsTheViews(FxRobot robot) {
        assertEquals("ConvScope", robot.window(0).getScene().getWindow() instanceof Stage s ? s.getTitle() : "");
        assertTrue(robot.lookup("#First-view").tryQuery().isPresent());
        robot.clickOn("Second view");
        assertTrue(robot.lookup("#Second-view").tryQuery().isPresent());
        assertFalse(robot.lookup("#First-view").tryQuery().isPresent());
        assertEquals(1, shell.selectedViewProperty().get());
    }

    @Test
    void ctrlAndANumberSwitchesViews(FxRobot robot) {
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, shell.selectedViewProperty().get());
        assertTrue(robot.lookup("#Second-view").tryQuery().isPresent());
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, shell.selectedViewProperty().get());
    }

    @Test
    void theThemeButtonSwitchesToDarkAndBack(FxRobot robot) {
        String light = Application.getUserAgentStylesheet();
        robot.clickOn("#theme-button");
        assertTrue(window.root().getStyleClass().contains("dark"));
        assertNotEquals(light, Application.getUserAgentStylesheet());
        robot.clickOn("#theme-button");
        assertTrue(window.root().getStyleClass().contains("light"));
        assertEquals(light, Application.getUserAgentStylesheet());
    }

    @Test
    void zoomShortcutsScaleTheTextAndResetIt(FxRobot robot) {
        double before = brandFontSize(robot);
        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("125 %", robot.lookup("#zoom-label").queryAs(Label.class).getText());
        assertEquals(before * 1.25, brandFontSize(robot), 0.2);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, brandFontSize(robot), 0.01);
    }

    @Test
    void presentationModeScalesEverythingUp(FxRobot robot) {
        double before = brandFontSize(robot);
        robot.clickOn("#presentation-button");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("150 %", robot.lookup("#zoom-label").queryAs(Label.class).getText());
        assertEquals(before * ShellViewModel.PRESENTATION_SCALE, brandFontSize(robot), 0.2);
        robot.type(KeyCode.F11);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(shell.presentationProperty().get());
    }

    @Test
    void highContrastAndHiddenControlsChangeTheScene(FxRobot robot) {
        robot.interact(() -> shell.highContrastProperty().set(true));
        assertTrue(window.root().getStyleClass().contains("high-contrast"));
        robot.interact(() -> context.controlsHiddenProperty().set(true));
        assertFalse(window.root().getLeft().isVisible());
    }

    @Test
    void noticesAppearInTheStatusBar(FxRobot robot) {
        robot.interact(() -> context.warn("That file is not an image."));
        Label notice = robot.lookup("#notice").queryAs(Label.class);
        assertEquals("That file is not an image.", notice.getText());
        assertTrue(notice.getStyleClass().contains("error"));
    }

    @Test
    void aViewCanAskForAnotherByTitle(FxRobot robot) {
        robot.interact(() -> context.requestedViewProperty().set("Second view"));
        assertEquals(1, shell.selectedViewProperty().get());
        assertEquals(null, context.requestedViewProperty().get(), "the request is consumed");
        robot.interact(() -> context.requestedViewProperty().set("No such view"));
        assertEquals(1, shell.selectedViewProperty().get(), "an unknown title changes nothing");
    }

    @Test
    void fileExportModelWritesTheFileOffTheFxThreadAndSaysSoInTheStatusBar(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        robot.clickOn("File");
        javafx.scene.control.MenuItem item = window.fileMenuItem("export-model");
        assertTrue(item.isDisable(), "no model, nothing to export");
        robot.type(KeyCode.ESCAPE);
        var model = org.convscope.engine.ModelIO.load(Path.of("assets", "models", "mnist-cnn.convscope"));
        robot.interact(() -> context.modelProperty().set(model));
        robot.clickOn("File");
        assertTrue(robot.lookup("Export model…").tryQuery().isPresent(), "the menu shows the entry");
        assertFalse(item.isDisable());
        robot.type(KeyCode.ESCAPE);
        // the entry's action after its file chooser, which a headless test cannot drive
        Path file = dir.resolve("digits.keras");
        var task = WaitForAsyncUtils.asyncFx(() -> window.exportModel(model, file)).get();
        assertEquals("Exporting the model to " + file + "…", robot.lookup("#notice").queryAs(Label.class).getText());
        task.get(30, java.util.concurrent.TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Label notice = robot.lookup("#notice").queryAs(Label.class);
        assertEquals("Exported " + file + " (Keras 3): load it with keras.models.load_model(\"digits.keras\")",
                notice.getText());
        assertFalse(notice.getStyleClass().contains("error"));
        assertEquals(model.layers().size(), org.convscope.engine.keras.KerasFiles.read(file, org.convscope.engine.keras.InputRange.ZERO_TO_ONE)
                .layers().size());
    }

    @Test
    void fileExportModelWritesAGraphModelAsAKerasFunctionalModel(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        var model = org.convscope.engine.Presets.create("inception-small").build(2);
        robot.interact(() -> context.modelProperty().set(model));
        Path file = dir.resolve("inception.h5");
        var task = WaitForAsyncUtils.asyncFx(() -> window.exportModel(model, file)).get();
        task.get(30, java.util.concurrent.TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Exported " + file + " (Keras HDF5): load it with keras.models.load_model(\"inception.h5\")",
                robot.lookup("#notice").queryAs(Label.class).getText());
        var back = org.convscope.engine.keras.KerasFiles.read(file, org.convscope.engine.keras.InputRange.ZERO_TO_ONE);
        assertFalse(back.isSequential());
        assertEquals(model.inputsOf("concatenate"), back.inputsOf("concatenate"));
    }

    @Test
    void anExportThatFailsSaysWhyInTheStatusBar(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        var model = org.convscope.engine.Presets.create("seed-001").build(1);
        Path file = dir.resolve("net.pt");
        var task = WaitForAsyncUtils.asyncFx(() -> window.exportModel(model, file)).get();
        assertThrows(java.util.concurrent.ExecutionException.class, () -> task.get(30, java.util.concurrent.TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        Label notice = robot.lookup("#notice").queryAs(Label.class);
        assertEquals("Could not export the model: net.pt: the file name must end in .keras, .h5, .onnx (the format is chosen by it)",
                notice.getText());
        assertTrue(notice.getStyleClass().contains("error"));
    }
}
