package org.convscope.app.transfer;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.convscope.app.common.Tips;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.convscope.app.transfer.TransferComparison.Way;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Dense;
import org.convscope.engine.Layer;
import org.convscope.engine.Presets;
import org.convscope.engine.Model;
import org.convscope.app.common.Icon;


/**
 * A small diagram of the digit network as the lessons use it: one chip per layer, the base's chips
 * styled by where their weights come from (random, pretrained) and whether they learn (a frozen
 * chip is muted, with a snowflake), the head's chips marked new.
 */
final class NetworkStrip {
    /** The pretrained digit network's architecture (seed-001, as assets/models/mnist-cnn.convscope). */
    private static final Model PRESET = Presets.create("seed-001");

    private NetworkStrip() {
    }

    /** The model of lesson 1's {@code way}. */
    static HBox of(Way way) {
        return strip(way != Way.FROM_SCRATCH, way == Way.FEATURE_EXTRACTION, "10 clothes");
    }

    /** Lesson 2's model: the frozen pretrained base and a new head for the drawn classes. */
    static HBox ofDrawnClasses() {
        return strip(true, true, "your classes");
    }

    private static HBox strip(boolean pretrained, boolean frozen, String outputs) {
        int base = TransferComparison.baseLayers(PRESET);
        HBox strip = new HBox(3);
        strip.getStyleClass().add("network-strip");
        strip.setAlignment(Pos.CENTER_LEFT);
        for (int i = 0; i < PRESET.layers().size(); i++) {
            Layer l = PRESET.layers().get(i);
            boolean inBase = i < base, last = i == PRESET.layers().size() - 1;
            Label name = new Label(shortName(l));
            Label detail = new Label(last ? outputs : detail(l));
            detail.getStyleClass().add("chip-detail");
            name.setMinWidth(Region.USE_PREF_SIZE); // a chip grows to its name and never shows "Con…"
            detail.setMinWidth(Region.USE_PREF_SIZE);
            VBox chip = new VBox(name, detail);
            chip.setAlignment(Pos.CENTER);
            chip.getStyleClass().addAll("layer-chip", !inBase ? "new" : pretrained ? "pretrained" : "random");
            String tip = !inBase ? "new head: random start, learns"
                    : (pretrained ? "pretrained on digits" : "random start") + (frozen && inBase ? ", frozen (not trainable)" : ", learns");
            if (frozen && inBase) {
                chip.getStyleClass().add("frozen");
                Node snow = Icon.SNOWFLAKE.node(14);
                snow.getStyleClass().add("frozen-icon");
                name.setGraphic(snow);
            }
            Tips.install(chip, l.className() + ": " + tip);
            chip.setAccessibleText(l.className() + ", " + tip);
            strip.getChildren().add(chip);
        }
        return strip;
    }

    private static String shortName(Layer l) {
        return switch (l.className()) {
            case "MaxPooling2D" -> "MaxPool";
            default -> l.className();
        };
    }

    private static String detail(Layer l) {
        if (l instanceof Conv2D c) return c.filters() + " filters";
        if (l instanceof Dense d) return d.units() + " units";
        return "";
    }
}
