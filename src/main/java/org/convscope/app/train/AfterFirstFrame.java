package org.convscope.app.train;

import javafx.animation.AnimationTimer;
import javafx.beans.InvalidationListener;
import javafx.scene.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * An executor that holds the work given to it until {@code node} has been drawn once in a window, then passes it,
 * and all later work, straight to {@code target}. The Train view starts reading its dataset as it is built; on two
 * cores that read (and the JIT compiling it) took a core from the view's first opening, which nothing on screen
 * waits for: the view says "Loading…" either way. Called on the JavaFX thread.
 */
final class AfterFirstFrame implements Executor {
    private final Executor target;
    private List<Runnable> held = new ArrayList<>();

    AfterFirstFrame(Executor target, Node node) {
        this.target = target;
        InvalidationListener shown = new InvalidationListener() {
            @Override
            public void invalidated(javafx.beans.Observable o) {
                if (node.getScene() == null) return;
                node.sceneProperty().removeListener(this);
                // a timer started now runs at the start of the next pulse, i.e. after the frame that draws the node
                new AnimationTimer() {
                    @Override
                    public void handle(long now) {
                        stop();
                        release();
                    }
                }.start();
            }
        };
        node.sceneProperty().addListener(shown);
        shown.invalidated(node.sceneProperty());
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
