package org.convscope.app.shell;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import org.convscope.app.common.Tips;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.convscope.app.AppContext;
import org.convscope.app.AppView;
import org.convscope.app.common.Background;
import org.convscope.app.common.ColorMap;
import org.convscope.app.common.Deferred;
import org.convscope.app.common.KerasCodeDialog;
import org.convscope.app.common.ModelFiles;
import org.convscope.app.common.Theme;
import org.convscope.app.lesson.LessonPanel;
import org.convscope.app.lesson.LessonViewModel;
import org.convscope.app.lesson.LessonsView;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Model;
import org.convscope.app.common.Icon;

import javax.imageio.ImageIO;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The main window: menu bar and quick buttons on top, the view switcher on the left, the selected
 * view in the middle, notices and the current model in the status bar. Each view's content is built
 * the first time it is shown and then kept.
 */
public final class MainWindow {
    private final AppContext context;
    private final ShellViewModel viewModel;
    private final List<AppView> views;
    private final Map<Integer, Node> built = new HashMap<>();
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final Actions actions;
    private Menu fileMenu;
    private Menu viewMenu;
    /** Whether the lesson panel is shown: it takes the switcher's place, as the lesson leads the way. */
    private final BooleanProperty lessonShown = new SimpleBooleanProperty(this, "lessonShown", false);
    private Stage stage;

    /** What the File menu does beyond the shell's own model and export handling. */
    public interface Actions {
        /** File → Open image…: ask for an image and show it as the input. */
        void openImage(Stage owner);

        /** Edit → Paste (Ctrl+V): take an image from the clipboard. */
        void pasteImage();

        /** File → Open model…: load a model file chosen by the user. */
        void openModel(Path file);
    }

    public MainWindow(AppContext context, ShellViewModel viewModel, List<AppView> views, Actions actions) {
        this.context = context;
        this.viewModel = viewModel;
        this.views = List.copyOf(views);
        this.actions = actions;
        root.getStyleClass().add("main-window");
        root.setTop(new VBox(topBar()));
        root.setLeft(sideBar());
        content.getStyleClass().add("view-host");
        root.setCenter(content);
        root.setBottom(statusBar());
        acceptModelDrops();
        viewModel.selectedViewProperty().addListener((obs, old, now) -> showView(now.intValue()));
        // a view asks for another by title (Training → "open in Draw & classify", maps → "Step through this")
        context.requestedViewProperty().addListener((obs, old, title) -> {
            if (title == null) return;
            for (int i = 0; i < this.views.size(); i++) {
                if (this.views.get(i).title().equals(title)) viewModel.selectedViewProperty().set(i);
            }
            context.requestedViewProperty().set(null);
        });
        showView(Math.max(0, Math.min(viewModel.selectedViewProperty().get(), views.size() - 1)));
        viewModel.darkProperty().addListener(o -> restyle());
        viewModel.highContrastProperty().addListener(o -> restyle());
        viewModel.scale().addListener(o -> restyle());
        viewModel.presentationProperty().addListener(o -> restyle());
        context.controlsHiddenProperty().addListener(o -> restyle());
        lessonShown.addListener(o -> restyle());
        restyle();
    }

    /** The window's root, for a scene (the app) or a test. */
    public BorderPane root() {
        return root;
    }

    /** Puts the root in a scene on {@code stage} at the remembered size; full screen follows presentation mode. */
    public Scene attach(Stage stage) {
        this.stage = stage;
        Scene scene = new Scene(root, viewModel.windowWidth(), viewModel.windowHeight());
        stage.setTitle("ConvScope");
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        for (int size : new int[]{16, 32, 48, 64, 128, 256}) {
            var icon = MainWindow.class.getResource("/assets/icons/convscope-" + size + ".png");
            if (icon != null) stage.getIcons().add(new Image(icon.toExternalForm(), true));
        }
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH); // Esc clears the pad; F11 leaves
        stage.setFullScreenExitHint("Presentation mode: F11 to leave, Ctrl+= / Ctrl+− to zoom");
        viewModel.presentationProperty().addListener((obs, old, on) -> stage.setFullScreen(on));
        stage.fullScreenProperty().addListener((obs, old, on) -> viewModel.presentationProperty().set(on));
        return scene;
    }

    private void restyle() {
        Theme.apply(root, viewModel.darkProperty().get(), viewModel.highContrastProperty().get(),
                viewModel.scale().get());
        // on a projector the view needs the width more than the switcher (Ctrl+1… and View still switch)
        boolean hidden = context.controlsHiddenProperty().get() || viewModel.presentationProperty().get() || lessonShown.get();
        root.getLeft().setVisible(!hidden);
        root.getLeft().setManaged(!hidden);
    }

    private void showView(int index) {
        Node node = built.computeIfAbsent(index, i -> views.get(i).createContent(context));
        content.getChildren().setAll(node);
    }

    // ---- top: menus and quick buttons ----------------------------------------------------------

    private Node topBar() {
        fileMenu = fileMenu();
        viewMenu = viewMenu();
        MenuBar menus = new MenuBar(fileMenu, editMenu(), viewMenu, helpMenu());
        HBox.setHgrow(menus, Priority.ALWAYS);
        Button zoomOut = iconButton(Icon.MAGNIFY_MINUS_OUTLINE, "Zoom out (Ctrl+−)", viewModel::zoomOut);
        Button zoomIn = iconButton(Icon.MAGNIFY_PLUS_OUTLINE, "Zoom in (Ctrl+=)", viewModel::zoomIn);
        Label zoomLabel = new Label();
        zoomLabel.setId("zoom-label");
        zoomLabel.getStyleClass().add("zoom-label");
        zoomLabel.textProperty().bind(Bindings.format("%.0f %%", viewModel.scale().multiply(100)));
        Button theme = iconButton(Icon.THEME_LIGHT_DARK, "Light / dark theme", () ->
                viewModel.darkProperty().set(!viewModel.darkProperty().get()));
        theme.setId("theme-button");
        Button presentation = iconButton(Icon.PROJECTOR_SCREEN, "Presentation mode (F11)", viewModel::togglePresentation);
        presentation.setId("presentation-button");
        HBox bar = new HBox(menus, zoomOut, zoomLabel, zoomIn, theme, presentation);
        bar.getStyleClass().add("top-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** The File menu's item with {@code id} (for tests: a menu item is no node to look up). */
    MenuItem fileMenuItem(String id) {
        return fileMenu.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    /** The View menu's item with {@code id} (for tests). */
    MenuItem viewMenuItem(String id) {
        return viewMenu.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    private Menu fileMenu() {
        MenuItem openImage = item("Open image…", Icon.IMAGE_OUTLINE, "Shortcut+O", () -> actions.openImage(stage));
        MenuItem openModel = item("Open model…", Icon.BRAIN, "Shortcut+Shift+O", this::chooseModel);
        MenuItem saveModel = item("Save model…", Icon.CONTENT_SAVE_OUTLINE, "Shortcut+S", this::saveModel);
        saveModel.disableProperty().bind(context.modelProperty().isNull());
        MenuItem exportModel = item("Export model…", Icon.EXPORT, "Shortcut+Shift+E", this::exportModel);
        exportModel.setId("export-model");
        exportModel.disableProperty().bind(context.modelProperty().isNull());
        MenuItem code = item("Show as Keras code…", Icon.LANGUAGE_PYTHON, "Shortcut+K",
                () -> KerasCodeDialog.show(stage, context.modelProperty().get()));
        code.disableProperty().bind(context.modelProperty().isNull());
        MenuItem export = item("Export view as PNG…", Icon.FILE_IMAGE_OUTLINE, "Shortcut+E", this::exportView);
        MenuItem quit = item("Quit", null, "Shortcut+Q", () -> {
            if (stage != null) stage.close();
        });
        return new Menu("File", null, openImage, openModel, saveModel, exportModel, code, new SeparatorMenuItem(), export,
                new SeparatorMenuItem(), quit);
    }

    private Menu editMenu() {
        return new Menu("Edit", null, item("Paste image", Icon.CONTENT_PASTE, "Shortcut+V", actions::pasteImage));
    }

    private Menu viewMenu() {
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+D"));
        dark.selectedProperty().bindBidirectional(viewModel.darkProperty());
        CheckMenuItem contrast = new CheckMenuItem("High contrast");
        contrast.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+H"));
        contrast.selectedProperty().bindBidirectional(viewModel.highContrastProperty());
        CheckMenuItem cividis = new CheckMenuItem("Cividis colours");
        cividis.setId("cividis");
        cividis.setSelected(context.sequentialColorMapProperty().get() == ColorMap.CIVIDIS);
        cividis.selectedProperty().addListener((o, was, on) -> context.sequentialColorMapProperty().set(on ? ColorMap.CIVIDIS : ColorMap.VIRIDIS));
        context.sequentialColorMapProperty().addListener((o, was, m) -> cividis.setSelected(m == ColorMap.CIVIDIS));
        CheckMenuItem presentation = new CheckMenuItem("Presentation mode");
        presentation.setAccelerator(new KeyCodeCombination(KeyCode.F11));
        presentation.selectedProperty().bindBidirectional(viewModel.presentationProperty());
        CheckMenuItem hide = new CheckMenuItem("Hide controls");
        hide.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+C"));
        hide.selectedProperty().bindBidirectional(context.controlsHiddenProperty());
        MenuItem zoomIn = item("Zoom in", Icon.MAGNIFY_PLUS_OUTLINE, "Shortcut+Equals", viewModel::zoomIn);
        MenuItem zoomOut = item("Zoom out", Icon.MAGNIFY_MINUS_OUTLINE, "Shortcut+Minus", viewModel::zoomOut);
        MenuItem reset = item("Actual size", null, "Shortcut+0", viewModel::resetZoom);
        List<MenuItem> items = new ArrayList<>(List.of(dark, contrast, cividis, new SeparatorMenuItem(), zoomIn, zoomOut, reset,
                new SeparatorMenuItem(), presentation, hide, new SeparatorMenuItem()));
        for (int i = 0; i < views.size(); i++) {
            int index = i;
            items.add(item(views.get(i).title(), null, i < 9 ? "Shortcut+" + (i + 1) : null,
                    () -> viewModel.selectedViewProperty().set(index)));
        }
        Menu menu = new Menu("View");
        menu.getItems().setAll(items);
        return menu;
    }

    private Menu helpMenu() {
        MenuItem keys = item("Keyboard shortcuts", Icon.KEYBOARD_OUTLINE, "F1", () -> HelpDialogs.shortcuts(stage));
        MenuItem about = item("About ConvScope", Icon.INFORMATION_OUTLINE, null,
                () -> HelpDialogs.about(stage, context.modelProperty().get()));
        return new Menu("Help", null, keys, about);
    }

    private static MenuItem item(String text, Icon icon, String accelerator, Runnable action) {
        MenuItem mi = new MenuItem(text, icon == null ? null : icon.node());
        if (accelerator != null) mi.setAccelerator(KeyCombination.keyCombination(accelerator));
        mi.setOnAction(e -> action.run());
        return mi;
    }

    private static Button iconButton(Icon icon, String tip, Runnable action) {
        Button b = new Button(null, icon.node());
        b.getStyleClass().addAll("flat", "button-icon", "top-button");
        Tips.install(b, tip);
        b.setAccessibleText(tip);
        b.setOnAction(e -> action.run());
        return b;
    }

    /**
     * Docks the lesson panel on the right (shown while a lesson is on and F2 has not hidden it; the view
     * switcher makes room for it, Ctrl+1… still switch), adds
     * File → Open lesson… and View → Lesson panel (F2), and lets PageDown/PageUp, which presentation
     * clickers send, move between steps from anywhere in the window while the panel is shown.
     */
    public void showLessons(LessonViewModel lessons, LessonsView list) {
        LessonPanel panel = new LessonPanel(lessons);
        panel.visibleProperty().bind(lessons.panelShownProperty().and(lessons.lessonProperty().isNotNull()));
        lessonShown.bind(panel.visibleProperty());
        // in the window only from its first showing: hidden, it still cost the start-up its CSS and layout
        Deferred place = new Deferred(panel, panel.visibleProperty());
        place.managedProperty().bind(place.visibleProperty());
        place.visibleProperty().addListener((o, was, shown) -> {
            if (shown) panel.focusNext();
        });
        root.setRight(place);
        fileMenu.getItems().add(2, item("Open lesson…", Icon.SCHOOL_OUTLINE, "Shortcut+L", () -> list.choose(stage)));
        viewMenu.getItems().add(viewMenu.getItems().indexOf(viewMenu.getItems().stream()
                .filter(i -> i instanceof SeparatorMenuItem).skip(2).findFirst().orElseThrow()),
                item("Lesson panel", Icon.SCHOOL_OUTLINE, "F2", lessons::togglePanel));
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F2 && !e.isShortcutDown()) { // before a list or table takes F2 as "edit"
                lessons.togglePanel();
                e.consume();
                return;
            }
            if (!panel.isVisible()) return;
            if (e.getCode() == KeyCode.PAGE_DOWN) lessons.next();
            else if (e.getCode() == KeyCode.PAGE_UP) lessons.back();
            else return;
            e.consume();
        });
    }

    // ---- left: the view switcher ---------------------------------------------------------------

    private Node sideBar() {
        Label brand = new Label("ConvScope");
        brand.getStyleClass().add("brand");
        Label tagline = new Label("how a CNN sees");
        tagline.getStyleClass().add("tagline");
        VBox box = new VBox(brand, tagline);
        box.getStyleClass().add("side-bar");
        ToggleGroup group = new ToggleGroup();
        for (int i = 0; i < views.size(); i++) {
            int index = i;
            ToggleButton b = new ToggleButton(views.get(i).title());
            b.getStyleClass().add("nav-button");
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setSelected(i == viewModel.selectedViewProperty().get());
            b.setOnAction(e -> {
                b.setSelected(true); // a nav button stays pressed when clicked again
                viewModel.selectedViewProperty().set(index);
            });
            viewModel.selectedViewProperty().addListener((obs, old, now) -> b.setSelected(now.intValue() == index));
            box.getChildren().add(b);
        }
        return box;
    }

    // ---- bottom: status bar --------------------------------------------------------------------

    private Node statusBar() {
        Label notice = new Label();
        notice.setId("notice");
        notice.getStyleClass().add("notice");
        context.noticeProperty().addListener((obs, old, now) -> {
            notice.setText(now == null ? "" : now.text());
            notice.getStyleClass().remove("error");
            if (now != null && now.error()) notice.getStyleClass().add("error");
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label model = new Label();
        model.getStyleClass().add("model-label");
        model.textProperty().bind(Bindings.createStringBinding(() -> describe(context.modelProperty().get()),
                context.modelProperty()));
        HBox bar = new HBox(notice, spacer, model);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    static String describe(Model model) {
        if (model == null) return "No model loaded";
        String acc = model.metadata().get("test_accuracy");
        String source = model.metadata().get("source"); // e.g. "Keras 2.10.0 file net.h5" for an imported model
        return "Model: " + model.name() + (source == null ? "" : " (" + source + ")") + " · input " + model.inputShape().toKeras()
                + (model.inputScale() == 1 ? "" : " · pixels 0–" + Math.round(model.inputScale()))
                + (acc == null ? "" : " · test accuracy " + acc);
    }

    // ---- file actions the shell does itself ----------------------------------------------------

    private void chooseModel() {
        ModelFiles.choose(stage).ifPresent(actions::openModel);
    }

    /** A model file dropped anywhere on the window is opened (the Draw view takes image drops itself). */
    private void acceptModelDrops() {
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream().anyMatch(f -> ModelFiles.isModelFile(f.toPath()))) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            var model = e.getDragboard().getFiles().stream().map(File::toPath).filter(ModelFiles::isModelFile).findFirst();
            model.ifPresent(actions::openModel);
            e.setDropCompleted(model.isPresent());
            e.consume();
        });
    }

    private void saveModel() {
        Model model = context.modelProperty().get();
        if (model == null) return;
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save model");
        chooser.setInitialFileName(model.name() + ".convscope");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ConvScope model", "*.convscope"));
        File file = chooser.showSaveDialog(stage);
        if (file == null) return;
        Model copy = model.copy(); // the copy is the worker's alone; views keep using the original
        var task = Background.task(() -> {
            ModelIO.save(copy, file.toPath());
            return file;
        });
        task.setOnSucceeded(e -> context.inform("Saved the model to " + file));
        task.setOnFailed(e -> context.warn("Could not save the model: " + task.getException().getMessage()));
        Background.run(task);
    }

    private void exportModel() {
        Model model = context.modelProperty().get();
        if (model != null) ModelFiles.chooseExport(stage, model).ifPresent(file -> exportModel(model, file));
    }

    /**
     * File → Export model…: writes a copy of {@code model} as Keras (.keras, .h5) or ONNX (.onnx), by the file's
     * extension, on a worker; the status bar says that it runs, then where it went or why it could not.
     */
    public Task<String> exportModel(Model model, Path file) {
        Model copy = model.copy(); // the worker's own; the views keep using the original
        Task<String> task = Background.task(() -> ModelFiles.write(copy, file));
        task.setOnSucceeded(e -> context.inform(task.getValue()));
        task.setOnFailed(e -> context.warn("Could not export the model: " + task.getException().getMessage()));
        context.inform("Exporting the model to " + file + "…");
        return Background.run(task);
    }

    private void exportView() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export view as PNG");
        chooser.setInitialFileName("convscope-view.png");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File file = chooser.showSaveDialog(stage);
        if (file != null) exportView(file.toPath());
    }

    /** Writes the shown view as a PNG (snapshot on the FX thread, encoding in the background). */
    public void exportView(Path file) {
        WritableImage image = content.snapshot(null, null);
        var picture = SwingFXUtils.fromFXImage(image, null);
        var task = Background.task(() -> ImageIO.write(picture, "png", file.toFile()));
        task.setOnSucceeded(e -> context.inform("Exported the view to " + file));
        task.setOnFailed(e -> context.warn("Could not export the view: " + task.getException().getMessage()));
        Background.run(task);
    }
}
