package org.convscope.app;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.convscope.app.common.Settings;
import org.convscope.app.common.Theme;
import org.convscope.app.draw.DrawView;
import org.convscope.app.explain.FilterView;
import org.convscope.app.explain.FoolView;
import org.convscope.app.lesson.LessonRunner;
import org.convscope.app.lesson.LessonViewModel;
import org.convscope.app.lesson.LessonsView;
import org.convscope.data.Assets;
import org.convscope.app.draw.DrawViewModel;
import org.convscope.app.conv.ConvolutionView;
import org.convscope.app.maps.MapsView;
import org.convscope.app.pool.PoolingView;
import org.convscope.app.train.TrainView;
import org.convscope.app.transfer.TransferView;
import org.convscope.app.shell.MainWindow;
import org.convscope.app.shell.ShellViewModel;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The ConvScope window: the shell with its views, the remembered settings, and the pretrained
 * digit model loaded in the background once the window is up.
 */
public final class App extends Application {
    /** The pretrained model the app opens with (the launcher starts reading it before JavaFX is up). */
    static final DrawViewModel.Pretrained FIRST_MODEL = DrawViewModel.Pretrained.MNIST;

    /**
     * The views in the switcher, in order: adding a view is one line here. All but the first are
     * created when first shown, so start-up pays only for the view it opens on.
     */
    static List<AppView> views(DrawView draw, LessonsView lessons) {
        return List.of(
                draw,
                lazy(MapsView.TITLE, () -> new MapsView(draw.viewModel())), // its pad edits Draw's drawing
                lazy(ConvolutionView.TITLE, ConvolutionView::new),
                lazy(PoolingView.TITLE, PoolingView::new),
                lazy(TrainView.TITLE, TrainView::new),
                lazy(TransferView.TITLE, TransferView::new),
                lazy(FilterView.TITLE, FilterView::new),
                lazy(FoolView.TITLE, FoolView::new),
                lessons);
    }

    /** A view whose object is made only when the shell first asks for its content. */
    static AppView lazy(String title, Supplier<AppView> create) {
        return new AppView() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public Node createContent(AppContext context) {
                return create.get().createContent(context);
            }
        };
    }

    @Override
    public void start(Stage stage) {
        long started = System.nanoTime();
        boolean probe = StartupProbe.requested();
        // a start-up benchmark run starts as a first-time user does, and saves nothing
        Settings settings = Settings.load(probe ? null : Settings.defaultFile());
        AppContext context = new AppContext();
        ShellViewModel shell = new ShellViewModel();
        shell.restore(settings);
        context.restore(settings);
        Theme.useBase(shell.darkProperty().get()); // before the first control: see Theme.useBase
        Parts parts = build(context, shell);
        MainWindow window = parts.window();
        window.attach(stage);
        stage.setOnHidden(e -> {
            context.shutdown(); // stops a training run before its next batch
            // a full-screen (presentation) size is not the window size to come back to
            boolean full = stage.isFullScreen();
            shell.store(settings, full ? shell.windowWidth() : stage.getWidth(), full ? shell.windowHeight() : stage.getHeight());
            context.store(settings);
            String problem = settings.save();
            if (problem != null) System.err.println(problem);
        });
        stage.show();
        reportStartUp(started);
        // a probe run leaves nothing behind: its settings were never loaded, so none are saved
        if (probe) StartupProbe.watch(shell, parts.draw(), parts.views(), System.out, () -> System.exit(0));
        parts.draw().usePretrained(FIRST_MODEL);
        parts.lessons().loadShipped(Assets.DEFAULT);
    }

    /** What {@link #build} makes: the window, its views, and the view-models the start-up continues with. */
    record Parts(MainWindow window, List<AppView> views, DrawViewModel draw, LessonViewModel lessons) {
    }

    /** The window with every view and the lessons wired up, not yet on a stage: the app's and the tests' one way to build it. */
    static Parts build(AppContext context, ShellViewModel shell) {
        DrawViewModel draw = new DrawViewModel(context);
        DrawView drawView = new DrawView(draw);
        LessonViewModel lessons = new LessonViewModel(context, new LessonRunner(context));
        LessonsView lessonsView = new LessonsView(lessons);
        List<AppView> views = views(drawView, lessonsView);
        MainWindow window = new MainWindow(context, shell, views, new MainWindow.Actions() {
            @Override
            public void openImage(Stage owner) {
                shell.selectedViewProperty().set(0);
                drawView.chooseImage(owner);
            }

            @Override
            public void pasteImage() {
                shell.selectedViewProperty().set(0);
                paste(draw, context);
            }

            @Override
            public void openModel(Path file) {
                draw.openModel(file);
            }
        });
        window.showLessons(lessons, lessonsView);
        return new Parts(window, views, draw, lessons);
    }

    /** Ctrl+V: an image on the clipboard, or the first file copied there. */
    static void paste(DrawViewModel draw, AppContext context) {
        Clipboard clipboard = Clipboard.getSystemClipboard();
        if (clipboard.hasImage()) {
            draw.showImage("pasted image", SwingFXUtils.fromFXImage(clipboard.getImage(), null));
        } else if (clipboard.hasFiles() && !clipboard.getFiles().isEmpty()) {
            draw.openImage(clipboard.getFiles().get(0).toPath());
        } else {
            context.warn("The clipboard holds no image to paste.");
        }
    }

    /**
     * Prints how long it took until the first frame of the window was drawn: from process start, from
     * main(), and the part spent in {@link #start} building and showing the window.
     */
    private static void reportStartUp(long startEntered) {
        long built = System.nanoTime();
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                long t = System.nanoTime();
                long sinceMain = Launcher.mainStarted == 0 ? -1 : (t - Launcher.mainStarted) / 1_000_000;
                long sinceProcess = ProcessHandle.current().info().startInstant()
                        .map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(-1L);
                System.err.printf("ConvScope: first frame %d ms after the process started, %d ms after main() "
                                + "(JavaFX start-up %d ms, building the window %d ms, first frame %d ms)%n",
                        sinceProcess, sinceMain, sinceMain < 0 ? -1 : (startEntered - Launcher.mainStarted) / 1_000_000,
                        (built - startEntered) / 1_000_000, (t - built) / 1_000_000);
            }
        }.start();
    }
}
