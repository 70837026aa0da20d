package org.convscope.app;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.chart.Chart;
import javafx.scene.control.Accordion;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.convscope.app.common.Deferred;
import org.convscope.app.draw.DrawViewModel;
import org.convscope.app.maps.MapsViewModel;
import org.convscope.app.shell.ShellViewModel;
import org.convscope.data.Assets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks every view's scene graph (and the shell around it, with the lesson panel open) and fails on a
 * control a keyboard or screen-reader user can reach that has no accessible name, or a canvas or
 * image that says nothing of what it shows. A name is the control's accessibleText, its own text, or
 * a Label that is {@code labelFor} it; a canvas or image is described by its or a near ancestor's
 * accessibleText.
 */
@ExtendWith(ApplicationExtension.class)
class AccessibleNamesTest {
    private final AppContext context = new AppContext();
    private final ShellViewModel shell = new ShellViewModel();
    private App.Parts parts;

    @Start
    void start(Stage stage) {
        parts = WholeApp.on(stage, context, shell);
        stage.show();
        parts.draw().usePretrained(DrawViewModel.Pretrained.MNIST);
    }

    @AfterEach
    void stop() throws Exception {
        WholeApp.reset(context);
    }

    @Test
    void everyControlOfEveryViewHasAnAccessibleNameAndEveryPictureADescription(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> context.modelProperty().get() != null);
        robot.interact(() -> parts.lessons().loadShipped(Assets.DEFAULT));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !parts.lessons().lessons().isEmpty());
        robot.interact(() -> parts.lessons().start(parts.lessons().lessons().get(0)));
        List<String> problems = new ArrayList<>();
        int views = parts.window().root().lookupAll(".nav-button").size();
        assertEquals(parts.views().size(), views);
        for (int i = 0; i < views; i++) {
            int index = i;
            robot.interact(() -> shell.selectedViewProperty().set(index));
            WaitForAsyncUtils.waitForFxEvents();
            if (context.viewModel(MapsViewModel.class) != null) { // the maps are drawn once the forward pass is back
                WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> context.viewModel(MapsViewModel.class).activationsProperty().get() != null);
                WaitForAsyncUtils.waitForFxEvents();
            }
            robot.interact(() -> problems.addAll(unnamed(parts.window().root())));
        }
        assertTrue(problems.isEmpty(), problems.size() + " unnamed:\n" + String.join("\n", problems.stream().distinct().toList()));
    }

    @Test
    void theWalkFindsAnUnnamedIconButtonAndAnUndescribedCanvas() throws Exception {
        FxThread.start();
        javafx.scene.control.Button icon = new javafx.scene.control.Button(null, new javafx.scene.shape.Circle(4));
        icon.setId("icon");
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(icon, new Canvas(10, 10), new javafx.scene.control.Button("Named"));
        assertEquals(2, unnamed(box).size(), String.valueOf(unnamed(box)));
        icon.setAccessibleText("Zoom in");
        ((Canvas) box.getChildren().get(1)).setAccessibleText("A picture of nothing");
        assertEquals(List.of(), unnamed(box));
    }

    /** What needs a name or a description and has none, as {@code Button #id in VBox > HBox}. */
    static List<String> unnamed(Parent root) {
        Map<Node, Label> labelled = new IdentityHashMap<>();
        List<Node> all = new ArrayList<>();
        collect(root, all);
        for (Node n : all) if (n instanceof Label l && l.getLabelFor() != null && hasText(l.getText())) labelled.put(l.getLabelFor(), l);
        List<String> out = new ArrayList<>();
        for (Node n : all) {
            if (n instanceof Control c && reachable(c) && !named(c, labelled)) out.add(describe(n));
            if ((n instanceof Canvas || n instanceof ImageView || n instanceof Chart) && !described(n)) out.add(describe(n));
        }
        return out;
    }

    /** Controls the user can reach: buttons and inputs, and anything that takes the focus. */
    private static boolean reachable(Control c) {
        return !(c instanceof Label) && (c.isFocusTraversable() || c instanceof ButtonBase || c instanceof ComboBoxBase);
    }

    private static boolean named(Control c, Map<Node, Label> labelled) {
        if (hasText(c.getAccessibleText()) || labelled.containsKey(c)) return true;
        return c instanceof Labeled l && hasText(l.getText());
    }

    private static boolean described(Node n) {
        for (Node at = n; at != null && at != n.getParent().getParent(); at = at.getParent()) {
            if (hasText(at.getAccessibleText())) return true;
        }
        return false;
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    /**
     * The scene graph a user meets: into layout panes and the content of scrolling, titled, split and tab panes and of
     * deferred parts (shown or not), not into a control's own skin.
     */
    private static void collect(Node n, List<Node> out) {
        out.add(n);
        List<Node> children = new ArrayList<>();
        if (n instanceof ScrollPane s) {
            if (s.getContent() != null) children.add(s.getContent());
        } else if (n instanceof Deferred d) {
            children.add(d.part()); // in the scene graph or not yet
        } else if (n instanceof TitledPane t) {
            if (t.getContent() != null) children.add(t.getContent());
        } else if (n instanceof SplitPane s) {
            children.addAll(s.getItems());
        } else if (n instanceof TabPane t) {
            for (Tab tab : t.getTabs()) if (tab.getContent() != null) children.add(tab.getContent());
        } else if (n instanceof ToolBar t) {
            children.addAll(t.getItems());
        } else if (n instanceof Accordion a) {
            children.addAll(a.getPanes());
        } else if (n instanceof Control) {
            return; // its skin's parts (a spinner's editor, a list's cells) are named through the control
        } else if (n instanceof Parent p) {
            children.addAll(p.getChildrenUnmodifiable());
        }
        for (Node c : children) collect(c, out);
    }

    private static String describe(Node n) {
        StringBuilder path = new StringBuilder(n.getClass().getSimpleName());
        if (n.getId() != null) path.append(" #").append(n.getId());
        if (!n.getStyleClass().isEmpty()) path.append(" .").append(String.join(".", n.getStyleClass()));
        Node p = n.getParent();
        for (int i = 0; i < 3 && p != null; i++, p = p.getParent()) {
            path.append(" < ").append(p.getClass().getSimpleName()).append(p.getId() == null ? "" : " #" + p.getId());
        }
        return path.toString();
    }
}
