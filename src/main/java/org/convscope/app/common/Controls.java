package org.convscope.app.common;

import javafx.beans.property.IntegerProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.HBox;
import javafx.geometry.Pos;

/** Small builders for the labelled controls the step-through views share. */
public final class Controls {
    private Controls() {
    }

    /** An editable integer spinner kept equal to {@code property} both ways. */
    public static Spinner<Integer> intSpinner(IntegerProperty property, int min, int max, String id) {
        Spinner<Integer> s = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, property.get()));
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(80);
        s.valueProperty().addListener((o, a, b) -> {
            if (b != null && b != property.get()) property.set(b);
        });
        property.addListener((o, a, b) -> {
            int v = Math.max(min, Math.min(max, b.intValue()));
            if (s.getValue() == null || s.getValue() != v) s.getValueFactory().setValue(v);
        });
        return s;
    }

    /** A label with one style class of the stylesheet. */
    public static Label styled(String text, String styleClass) {
        Label l = new Label(text);
        l.getStyleClass().add(styleClass);
        return l;
    }

    /** A caption and its control side by side; the caption is the control's mnemonic label. */
    public static HBox labelled(String caption, Node control) {
        Label l = new Label(caption);
        l.setMnemonicParsing(true);
        l.setLabelFor(control);
        if (control.getAccessibleText() == null) control.setAccessibleText(caption.replace("_", ""));
        l.getStyleClass().add("control-caption");
        HBox box = new HBox(6, l, control);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
