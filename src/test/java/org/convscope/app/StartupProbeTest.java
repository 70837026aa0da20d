package org.convscope.app;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.convscope.app.common.Settings;
import org.convscope.app.draw.DrawView;
import org.convscope.app.draw.DrawViewModel;
import org.convscope.app.shell.MainWindow;
import org.convscope.app.shell.ShellViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class StartupProbeTest {
    private final AppContext context = new AppContext();
    private final ShellViewModel shell = new ShellViewModel();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final CountDownLatch done = new CountDownLatch(1);
    private final List<String> built = new ArrayList<>();
    private Stage stage;

    /** A view that notes when its content is made. */
    private AppView plain(String title) {
        return new AppView() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public Node createContent(AppContext context) {
                built.add(title);
                return new Label(title);
            }
        };
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Settings small = Settings.load(null);
        small.put("window.width", 1200);
        small.put("window.height", 760);
        shell.restore(small);
        DrawViewModel draw = new DrawViewModel(context);
        List<AppView> views = List.of(new DrawView(draw), plain("Second"), plain("Third"));
        MainWindow window = new MainWindow(context, shell, views, new MainWindow.Actions() {
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
        StartupProbe.watch(shell, draw, views, new PrintStream(printed, true, StandardCharsets.UTF_8), done::countDown);
        draw.usePretrained(DrawViewModel.Pretrained.MNIST);
    }

    @AfterEach
    void restoreStylesheet() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            org.convscope.app.DefaultStylesheet.restoreOnFxThread();
            stage.getIcons().clear();
        }).get();
    }

    @Test
    void reportsTheWindowThePretrainedAnswerAndEveryOtherViewsFirstOpeningThenFinishes(FxRobot robot) throws Exception {
        assertTrue(done.await(60, TimeUnit.SECONDS), "the probe did not finish; it printed: " + printed);
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("convscope-startup window \\d+\\.\\d"), lines.get(0));
        assertTrue(lines.get(1).matches("convscope-startup prediction \\d+\\.\\d"), lines.get(1));
        assertTrue(lines.get(2).matches("convscope-startup view \\d+\\.\\d \\d+\\.\\d Second"), lines.get(2));
        assertTrue(lines.get(3).matches("convscope-startup view \\d+\\.\\d \\d+\\.\\d Third"), lines.get(3));
        assertEquals("convscope-startup done", lines.get(4));
        assertEquals(List.of("Second", "Third"), built, "each other view was opened once, in order");
        assertEquals(2, shell.selectedViewProperty().get());
    }
}
