package org.convscope.app.train;

import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Label;
import org.convscope.app.common.Tips;
import javafx.scene.layout.GridPane;
import javafx.scene.paint.Color;
import org.convscope.app.common.Controls;

import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * A confusion matrix: rows are the true classes, columns the predicted ones, each cell the count
 * of test images, shaded on a single-hue blue scale (colour-blind safe); a last column gives each
 * class's accuracy. Clicking a cell reports (truth, predicted). Each cell's id is
 * {@code cm-<truth>-<predicted>}.
 */
public final class ConfusionMatrixView extends GridPane {
    private static final Color LOW = Color.web("#f7fbff"), HIGH = Color.web("#08306b");
    private BiConsumer<Integer, Integer> onCellClicked = (t, p) -> { };
    private Label selected;

    public ConfusionMatrixView() {
        getStyleClass().add("confusion-matrix");
        setHgap(2);
        setVgap(2);
    }

    public void setOnCellClicked(BiConsumer<Integer, Integer> handler) {
        this.onCellClicked = handler;
    }

    /** Shows {@code e}; null clears the matrix. */
    public void setEvaluation(Evaluation e) {
        getChildren().clear();
        selected = null;
        if (e == null) return;
        int k = e.classes();
        Label corner = new Label("true ↓  predicted →");
        corner.getStyleClass().add("cm-axis");
        add(corner, 0, 0);
        // names longer than a cell is wide (a folder's "mimetypes", CIFAR-10's "automobile") stand on end, so that
        // the columns stay as narrow as their counts
        boolean upright = e.classNames().stream().anyMatch(n -> n.length() > 3);
        for (int p = 0; p < k; p++) {
            Label header = header(e.classNames().get(p));
            header.setId("cm-column-" + p);
            if (upright) header.setRotate(-90);
            Group turned = new Group(header);
            GridPane.setHalignment(turned, HPos.CENTER);
            GridPane.setValignment(turned, javafx.geometry.VPos.BOTTOM);
            add(turned, p + 1, 0);
        }
        Label acc = Controls.styled("accuracy", "cm-header");
        add(acc, k + 1, 0);
        double max = Math.max(1, e.maxCount());
        for (int t = 0; t < k; t++) {
            Label rowHeader = header(e.classNames().get(t));
            rowHeader.setId("cm-row-" + t);
            rowHeader.setAlignment(Pos.CENTER_RIGHT);
            GridPane.setHalignment(rowHeader, HPos.RIGHT);
            add(rowHeader, 0, t + 1);
            for (int p = 0; p < k; p++) add(cell(e, t, p, max), p + 1, t + 1);
            Label classAcc = new Label(String.format(Locale.ROOT, "%.1f%%", 100 * e.classAccuracy(t)));
            classAcc.getStyleClass().add("cm-class-accuracy");
            add(classAcc, k + 1, t + 1);
        }
    }

    /** A class's name as a header; the CSS cuts a very long one short with an ellipsis, the tooltip gives it whole. */
    private static Label header(String name) {
        Label l = Controls.styled(name, "cm-header");
        Tips.install(l, name);
        return l;
    }

    private Label cell(Evaluation e, int t, int p, double max) {
        int n = e.count(t, p);
        Label c = new Label(Integer.toString(n));
        c.setId("cm-" + t + "-" + p);
        c.getStyleClass().addAll("cm-cell", t == p ? "cm-diagonal" : "cm-off-diagonal");
        // square root so small error counts are still visible next to the large diagonal
        double shade = Math.sqrt(n / max);
        Color bg = LOW.interpolate(HIGH, shade);
        c.setStyle("-fx-background-color: " + web(bg) + "; -fx-text-fill: " + (shade > 0.5 ? "white" : "#1a1a1a") + ";");
        Tips.install(c, n + " test images of class " + e.classNames().get(t) + " classified as " + e.classNames().get(p));
        c.setOnMouseClicked(ev -> {
            if (selected != null) selected.getStyleClass().remove("cm-selected");
            selected = c;
            c.getStyleClass().add("cm-selected");
            onCellClicked.accept(t, p);
        });
        return c;
    }

    private static String web(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }
}
