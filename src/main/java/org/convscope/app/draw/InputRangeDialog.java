package org.convscope.app.draw;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.convscope.engine.keras.InputRange;

import java.util.Optional;

/**
 * Asks which pixel values a Keras model was trained on, when the file does not say (no Rescaling layer):
 * 0–1 if the notebook divided the images by 255, 0–255 if it fed them raw.
 */
final class InputRangeDialog {
    // LEFT keeps them in this order on every platform, Cancel apart on the right
    static final ButtonType UNIT = new ButtonType("0 – 1", ButtonBar.ButtonData.LEFT);
    static final ButtonType BYTE = new ButtonType("0 – 255", ButtonBar.ButtonData.LEFT);

    private InputRangeDialog() {
    }

    static Alert create(Window owner, String fileName) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", UNIT, BYTE, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle("Open Keras model");
        alert.setHeaderText("Which pixel values was " + fileName + " trained on?");
        alert.setContentText("The file does not say. Most notebooks divide the images by 255 before training "
                + "(x_train / 255.0): then choose 0 – 1. If the images went in unchanged, choose 0 – 255. "
                + "ConvScope remembers the choice with the model.");
        ((Button) alert.getDialogPane().lookupButton(UNIT)).setDefaultButton(true);
        return alert;
    }

    /** The answer for a button; empty for Cancel or a closed dialog. */
    static Optional<InputRange> answer(Optional<ButtonType> button) {
        return button.flatMap(b -> b == UNIT ? Optional.of(InputRange.ZERO_TO_ONE)
                : b == BYTE ? Optional.of(InputRange.ZERO_TO_255) : Optional.empty());
    }

    static Optional<InputRange> ask(Window owner, String fileName) {
        return answer(create(owner, fileName).showAndWait());
    }
}
