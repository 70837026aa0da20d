package org.convscope.app.common;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.convscope.engine.Model;
import org.convscope.engine.keras.KerasCode;

/**
 * "Show as Keras code": the Python that builds, compiles and fits a model in a notebook
 * ({@link KerasCode}), in a monospaced text area with a Copy button. The window is not modal, so it can
 * stay open beside the view it came from.
 */
public final class KerasCodeDialog {
    private KerasCodeDialog() {
    }

    /** The code, selectable, above a Copy button that puts it on the clipboard. */
    public static VBox pane(String code, String note) {
        TextArea text = new TextArea(code);
        text.setId("keras-code");
        text.getStyleClass().add("keras-code");
        text.setEditable(false);
        text.setPrefColumnCount(code.lines().mapToInt(String::length).max().orElse(60) + 2); // no line wraps or scrolls sideways
        text.setPrefRowCount((int) Math.min(code.lines().count() + 1, 30));
        Button copy = new Button("Copy", Icon.CONTENT_COPY.node());
        copy.setId("copy-keras-code");
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(code);
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        Label caption = new Label(note);
        caption.setWrapText(true);
        caption.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(caption, Priority.ALWAYS);
        VBox.setVgrow(text, Priority.ALWAYS);
        return new VBox(8, text, new HBox(8, caption, copy));
    }

    /** Opens a window with {@code code} (from {@link KerasCode}) for the model named {@code modelName}. */
    public static void show(Window owner, String modelName, String code, String note) {
        Alert alert = new Alert(Alert.AlertType.NONE, "", ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.initModality(Modality.NONE);
        alert.setTitle("Keras code of " + modelName);
        alert.setHeaderText("This model in a Keras notebook");
        alert.getDialogPane().setContent(pane(code, note));
        alert.getDialogPane().setMinWidth(Region.USE_PREF_SIZE); // as wide as the longest line, not the Alert's default
        alert.getDialogPane().getStylesheets().add(Theme.STYLESHEET);
        alert.setResizable(true);
        alert.show();
    }

    /** The app's model as code, compiled and fitted with the settings its Keras file recorded, or the tutorial's. */
    public static void show(Window owner, Model model) {
        boolean recorded = model.metadata().containsKey(KerasCode.OPTIMIZER_KEY);
        show(owner, model.name(), KerasCode.of(model, KerasCode.Training.of(model)), recorded
                ? "Compiled with the optimizer and loss its Keras file recorded; batch size and epochs as in the tutorial."
                : "Compiled and fitted as in the Keras tutorial (Adam, batch 128, 5 epochs); the Train view shows its own settings.");
    }
}
