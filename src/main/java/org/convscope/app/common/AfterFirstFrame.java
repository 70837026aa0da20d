package org.convscope.app.common;

import javafx.animation.AnimationTimer;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * An executor that holds the work given to it until {@code node} has been drawn once in a window, then passes it,
 * and all later work, straight to {@code target}. On two cores, work that nothing on screen waits for takes a core
 * from the frame the user does wait for: the Train view starts reading its dataset as it is built (the view says
 * "Loading…" either way), the Draw view's sample strip has thirty-odd buttons to make. Called on the JavaFX thread.
 */
public final class AfterFirstFrame implements Executor {
    private final Executor target;
    private List<Runnable> held = new ArrayList<>();
    /** Whether the node is in a scene of a showing window; kept in a field so that its listener stays. */
    private final ObservableValue<Boolean> inShowingWindow;

    public AfterFirstFrame(Executor target, Node node) {
        this.target = target;
        inShowingWindow = node.sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty).orElse(false);
        AnimationTimer frames = new AnimationTimer() {
            private boolean drawing;

            // timers run at the start of a pulse: the first pulse after the node's window shows draws the node,
            // so the work goes at the start of the second
            @Override
            public void handle(long now) {
                if (!drawing) {
                    drawing = true;
                    return;
                }
                stop();
                release();
            }
        };
        inShowingWindow.addListener((obs, was, showing) -> {
            if (showing && held != null) frames.start();
        });
        if (inShowingWindow.getValue()) frames.start();
    }

    @Override
    public void execute(Runnable work) {
        if (held == null) target.execute(work);
        else held.add(work);
    }

    private void release() {
        List<Runnable> work = held;
        held = null;
        work.forEach(target::execute);
    }
}
