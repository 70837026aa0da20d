package org.convscope.app.common;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.Region;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The transport bar of a step-through: first, back, play/pause, forward, last, reset, a scrub slider,
 * the step counter and a speed slider. {@link #installKeys} adds Space, ←/→, Home and End to a view.
 */
public final class StepControls extends HBox {

    public StepControls(StepperViewModel<?> model) {
        getStyleClass().add("step-controls");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(8);
        new StepPlayer(model);

        Button first = button("⇤ First", "First step (Home)", "first-step", model::first);
        Button back = button("◀ Back", "Step back (←)", "step-back", model::previous);
        Button play = button("▶ Play", "Play / pause (Space)", "play-pause", model::togglePlay);
        play.textProperty().bind(Bindings.when(model.playingProperty()).then("❚❚ Pause").otherwise("▶ Play"));
        Button forward = button("Next ▶", "Step forward (→)", "step-forward", model::next);
        Button last = button("Last ⇥", "Last step (End)", "last-step", model::last);
        Button reset = button("↺ Reset", "Reset: back to the first step, paused", "reset", model::reset);

        Slider scrub = new Slider(0, 1, 0);
        scrub.setId("scrub");
        scrub.setFocusTraversable(true);
        scrub.maxProperty().bind(Bindings.max(1, model.stepCountProperty().subtract(1)));
        scrub.setBlockIncrement(1);
        scrub.setMajorTickUnit(1);
        scrub.setSnapToTicks(true);
        scrub.valueProperty().addListener((o, a, b) -> {
            if (scrub.isValueChanging() || scrub.isPressed() || scrub.isFocused()) model.seek((int) Math.round(b.doubleValue()));
        });
        model.stepIndexProperty().addListener((o, a, b) -> scrub.setValue(b.intValue()));
        HBox.setHgrow(scrub, Priority.ALWAYS);
        scrub.setMaxWidth(Double.MAX_VALUE);

        Label counter = new Label();
        counter.setId("step-counter");
        counter.getStyleClass().add("step-counter");
        counter.textProperty().bind(model.stepTextProperty());
        counter.setMinWidth(150);

        Label speedLabel = new Label("speed");
        speedLabel.setMinWidth(Region.USE_PREF_SIZE);
        Slider speed = new Slider(0.5, 20, model.speedProperty().get());
        speed.setId("speed");
        speed.setPrefWidth(120);
        Tips.install(speed, "Steps per second");
        speed.setAccessibleText("Speed, steps per second");
        scrub.setAccessibleText("Step");
        scrub.accessibleHelpProperty().bind(model.stepTextProperty());
        speed.valueProperty().bindBidirectional(model.speedProperty());

        getChildren().addAll(first, back, play, forward, last, reset, scrub, counter, speedLabel, speed);
    }

    private static Button button(String text, String tip, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("step-button");
        b.setMinWidth(Region.USE_PREF_SIZE); // the scrub bar gives way, not the words
        Tips.install(b, tip);
        b.setOnAction(e -> action.run());
        return b;
    }

    /**
     * Space plays/pauses, ←/→ step, Home/End jump, anywhere in {@code view} except while typing in a
     * text field (where the keys edit the text).
     */
    public static void installKeys(Node view, StepperViewModel<?> model) {
        view.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() instanceof TextInputControl || e.isShortcutDown() || e.isAltDown()) return;
            switch (e.getCode()) {
                case SPACE -> model.togglePlay();
                case LEFT -> model.previous();
                case RIGHT -> model.next();
                case HOME -> model.first();
                case END -> model.last();
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }
}
