package org.convscope.app.common;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.convscope.trace.render.Frame;

import java.util.ArrayList;
import java.util.List;

/**
 * The text under a step-through: the step's equation on the left (the last line, the result, in
 * bold), the output size with its row and column formulas on the right, then any problem or note.
 */
public final class EquationPanel extends HBox {
    private final VBox equation = new VBox(4);
    private final Label rowsFormula = new Label();
    private final Label colsFormula = new Label();

    public EquationPanel(ObservableStringValue outputSize, ObservableStringValue problem, ObservableStringValue note) {
        equation.setId("equation");
        equation.getStyleClass().add("panel");
        rowsFormula.setId("formula-rows");
        colsFormula.setId("formula-cols");
        rowsFormula.getStyleClass().add("formula");
        colsFormula.getStyleClass().add("formula");
        rowsFormula.setWrapText(true);
        colsFormula.setWrapText(true);
        Label size = bound("output-size", "output-size", outputSize);
        VBox formulas = new VBox(4, size, rowsFormula, colsFormula, bound("problem", "problem", problem), bound("note", "note", note));
        formulas.getStyleClass().add("panel");
        formulas.setMinWidth(Region.USE_PREF_SIZE); // formulas never wrap; the equation takes what is left
        HBox.setHgrow(equation, Priority.ALWAYS);
        getChildren().addAll(equation, formulas);
    }

    private static Label bound(String id, String styleClass, ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(styleClass);
        l.setWrapText(true);
        // as wide as the formulas above, wrapping within them: a long note must not widen the column and squeeze the equation
        l.setPrefWidth(1);
        l.setMaxWidth(Double.MAX_VALUE);
        l.textProperty().bind(text);
        return l;
    }

    /** Shows a frame's equation and formulas; null clears them. */
    public void show(Frame f) {
        if (f == null) {
            equation.getChildren().clear();
            rowsFormula.setText("");
            colsFormula.setText("");
            return;
        }
        List<Label> lines = new ArrayList<>();
        for (int i = 0; i < f.equation().size(); i++) {
            Label l = new Label(f.equation().get(i));
            l.setWrapText(true);
            l.getStyleClass().add(i == f.equation().size() - 1 ? "equation-result" : "equation");
            lines.add(l);
        }
        equation.getChildren().setAll(lines);
        rowsFormula.setText(f.formulas().get(0));
        colsFormula.setText(f.formulas().get(1));
    }
}
