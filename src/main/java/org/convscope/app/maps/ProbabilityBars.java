package org.convscope.app.maps;

import org.convscope.app.common.Tips;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

import java.util.List;

/** The output column: one bar per class with its name and probability; the most likely class stands out. */
final class ProbabilityBars extends GridPane {
    private static final double BAR_WIDTH = 120;
    private final Region[] bars;
    private final Label[] values;
    private final Label[] names;

    ProbabilityBars(List<String> classNames) {
        getStyleClass().add("probabilities");
        int k = classNames.size();
        bars = new Region[k];
        values = new Label[k];
        names = new Label[k];
        for (int i = 0; i < k; i++) {
            names[i] = new Label(classNames.get(i));
            names[i].getStyleClass().add("class-name");
            Tips.install(names[i], classNames.get(i)); // the CSS cuts long names short
            bars[i] = new Region();
            bars[i].getStyleClass().add("probability-bar");
            bars[i].setMaxWidth(Region.USE_PREF_SIZE);
            Region track = new Region();
            track.getStyleClass().add("probability-track");
            track.setPrefWidth(BAR_WIDTH);
            track.setMaxWidth(BAR_WIDTH);
            StackPane cell = new StackPane(track, bars[i]);
            cell.setAlignment(Pos.CENTER_LEFT);
            values[i] = new Label();
            values[i].getStyleClass().add("probability-value");
            addRow(i, names[i], cell, values[i]);
        }
    }

    /** Shows probabilities p (K), not modified. */
    void show(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
        for (int i = 0; i < bars.length && i < p.length; i++) {
            double v = Float.isFinite(p[i]) ? Math.max(0, Math.min(1, p[i])) : 0;
            bars[i].setPrefWidth(Math.max(1, v * BAR_WIDTH));
            values[i].setText(String.format("%.1f%%", 100 * v));
            boolean top = i == best;
            for (var n : List.of(names[i], bars[i], values[i])) {
                n.getStyleClass().remove("best");
                if (top) n.getStyleClass().add("best");
            }
        }
    }

    /** The text shown for class {@code i}'s probability (for tests). */
    String valueText(int i) {
        return values[i].getText();
    }
}
