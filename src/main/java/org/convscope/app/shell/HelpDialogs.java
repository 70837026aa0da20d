package org.convscope.app.shell;

import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.convscope.app.common.Theme;
import org.convscope.engine.Model;

import java.util.List;
import java.util.Map;

/** Help → Keyboard shortcuts and Help → About. */
final class HelpDialogs {
    /** Shortcut, what it does; "Ctrl" is Cmd on macOS. */
    static final List<String[]> SHORTCUTS = List.of(
            new String[]{"Ctrl+O", "Open an image"},
            new String[]{"Ctrl+V", "Paste an image from the clipboard"},
            new String[]{"Ctrl+Shift+O", "Open a model file (ConvScope, Keras .h5 or .keras)"},
            new String[]{"Ctrl+K", "Show the model as Keras code"},
            new String[]{"Ctrl+S", "Save the current model"},
            new String[]{"Ctrl+E", "Export the view as PNG"},
            new String[]{"Ctrl+1 … Ctrl+9", "Switch view"},
            new String[]{"Ctrl+Z / Ctrl+Y", "Undo / redo a stroke"},
            new String[]{"Esc", "Clear the drawing pad"},
            new String[]{"B / E", "Brush / eraser"},
            new String[]{"[ / ]", "Thinner / thicker brush"},
            new String[]{"Ctrl+= / Ctrl+− / Ctrl+0", "Zoom in / out / actual size"},
            new String[]{"Arrows, Space (on the pad)", "Move the pen, put it down or lift it (Shift: move further)"},
            new String[]{"F11", "Presentation mode (full screen, larger)"},
            new String[]{"F2", "Show or hide the lesson panel"},
            new String[]{"PageDown / PageUp", "Next / previous lesson step (→ / ← in the panel)"},
            new String[]{"Ctrl+L", "Open a lesson file"},
            new String[]{"Ctrl+Shift+C", "Hide or show controls"},
            new String[]{"Ctrl+Shift+D", "Dark theme"},
            new String[]{"Ctrl+Shift+H", "High contrast"},
            new String[]{"F1", "This list"},
            new String[]{"Ctrl+Q", "Quit"});

    private HelpDialogs() {
    }

    static void shortcuts(Window owner) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("shortcut-grid");
        for (int i = 0; i < SHORTCUTS.size(); i++) {
            Label key = new Label(SHORTCUTS.get(i)[0]);
            key.getStyleClass().add("shortcut-key");
            grid.addRow(i, key, new Label(SHORTCUTS.get(i)[1]));
        }
        show(owner, "Keyboard shortcuts", grid);
    }

    static void about(Window owner, Model model) {
        StringBuilder text = new StringBuilder("""
                ConvScope teaches how convolutional neural networks see: draw a digit and watch a CNN \
                classify it, look inside every layer, step through convolution and pooling, train the \
                network yourself.

                """);
        if (model == null) {
            text.append("No model is loaded.\n");
        } else {
            text.append("Model: ").append(model.name()).append('\n')
                    .append("Input ").append(model.inputShape().toKeras()).append(", ")
                    .append(model.classNames().size()).append(" classes, ")
                    .append(String.format("%,d", model.summary().totalParams())).append(" parameters\n")
                    .append("Pixel values fed in: 0–").append(Math.round(model.inputScale()))
                    .append(model.inputScale() == 1 ? "" : " (ConvScope multiplies its 0–1 pixels by " + Math.round(model.inputScale()) + ")")
                    .append('\n');
            for (Map.Entry<String, String> e : model.metadata().entrySet()) {
                text.append(e.getKey().replace('_', ' ')).append(": ").append(e.getValue()).append('\n');
            }
        }
        text.append("""

                Datasets: MNIST handwritten digits (Y. LeCun, C. Cortes, C. J. C. Burges; CC BY-SA 3.0) \
                and Fashion-MNIST (Zalando Research; MIT licence).""");
        Label label = new Label(text.toString());
        label.setWrapText(true);
        label.setPrefWidth(32 * Theme.BASE_FONT_PX);
        show(owner, "About ConvScope", label);
    }

    private static void show(Window owner, String title, javafx.scene.Node body) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.getDialogPane().setContent(body);
        alert.getDialogPane().getStylesheets().add(Theme.STYLESHEET);
        alert.setResizable(true);
        alert.show();
    }
}
