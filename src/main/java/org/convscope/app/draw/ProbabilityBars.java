package org.convscope.app.draw;

import org.convscope.app.common.Tips;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.convscope.engine.Model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * One horizontal bar per class: name, bar as long as the probability, percentage. The most likely
 * class is highlighted ({@code .top}).
 */
public final class ProbabilityBars extends GridPane {
    private final List<Label> names = new ArrayList<>();
    private final List<Region> fills = new ArrayList<>();
    private final List<Label> percents = new ArrayList<>();
    private List<String> classNames = List.of();
    private IntConsumer onClassChosen = k -> { };
    private int marked = -1;

    public ProbabilityBars() {
        getStyleClass().add("probability-bars");
        ColumnConstraints name = new ColumnConstraints();
        ColumnConstraints bar = new ColumnConstraints();
        bar.setHgrow(Priority.ALWAYS);
        ColumnConstraints pct = new ColumnConstraints();
        pct.setHalignment(HPos.RIGHT);
        getColumnConstraints().addAll(name, bar, pct);
    }

    /** Shows {@code probabilities} (one per class, summing to 1); null clears the bars to zero. */
    public void show(List<String> classes, float[] probabilities) {
        if (!classes.equals(classNames)) rebuild(classes);
        int top = probabilities == null ? -1 : Model.argmax(probabilities, 0, probabilities.length);
        for (int i = 0; i < classNames.size(); i++) {
            double p = probabilities == null ? 0 : probabilities[i];
            Region fill = fills.get(i);
            fill.setUserData(p);
            ((Region) fill.getParent()).requestLayout();
            percents.get(i).setText(probabilities == null ? "" : String.format("%.1f %%", 100 * p));
            for (var node : List.of(names.get(i), fill, percents.get(i))) {
                node.getStyleClass().remove("top");
                if (i == top) node.getStyleClass().add("top");
            }
        }
    }

    /** Who is told when the user clicks class k's row (to explain that class). */
    public void setOnClassChosen(IntConsumer action) {
        this.onClassChosen = action;
    }

    /** Marks class k's row ({@code .explained}) as the one explained; −1 for none. */
    public void markExplained(int k) {
        marked = k;
        for (int i = 0; i < names.size(); i++) {
            names.get(i).getStyleClass().remove("explained");
            if (i == k) names.get(i).getStyleClass().add("explained");
        }
    }

    /** Whether class k's row is marked as explained; for tests. */
    public boolean isExplained(int k) {
        return k >= 0 && k < names.size() && names.get(k).getStyleClass().contains("explained");
    }

    /** The probability shown for class {@code i}; for tests. */
    public double shown(int i) {
        Object p = fills.get(i).getUserData();
        return p == null ? 0 : (double) p;
    }

    private void rebuild(List<String> classes) {
        classNames = List.copyOf(classes);
        getChildren().clear();
        names.clear();
        fills.clear();
        percents.clear();
        for (int i = 0; i < classes.size(); i++) {
            Label name = new Label(classes.get(i));
            name.getStyleClass().add("class-name");
            // a long name (a folder's "mimetypes", CIFAR-10's "automobile") is cut with an ellipsis by the CSS's
            // max width, so the bars keep their room; the tooltip gives it whole
            Tips.install(name, classes.get(i));
            Region fill = new Region();
            fill.getStyleClass().add("bar-fill");
            StackPane track = new StackPane(fill) {
                @Override
                protected void layoutChildren() {
                    double p = fill.getUserData() == null ? 0 : (double) fill.getUserData();
                    double w = getWidth() - snappedLeftInset() - snappedRightInset();
                    double h = getHeight() - snappedTopInset() - snappedBottomInset();
                    fill.resizeRelocate(snappedLeftInset(), snappedTopInset(), w * p, h);
                }
            };
            track.getStyleClass().add("bar-track");
            track.setMaxWidth(Double.MAX_VALUE);
            Label pct = new Label();
            pct.getStyleClass().add("percent");
            addRow(i, name, track, pct);
            int k = i;
            for (var node : List.of(name, track, pct)) node.setOnMouseClicked(e -> onClassChosen.accept(k));
            name.setId("class-" + i);
            names.add(name);
            fills.add(fill);
            percents.add(pct);
        }
        markExplained(marked < classes.size() ? marked : -1);
    }
}
