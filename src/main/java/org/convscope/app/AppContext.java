package org.convscope.app;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.convscope.engine.Sequential;
import org.convscope.engine.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * What the views share, wired by hand: the model every view shows and the current input, as the
 * model sees it. Properties are read and written on the FX thread only.
 */
public final class AppContext {
    private final ObjectProperty<Sequential> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<Tensor> input = new SimpleObjectProperty<>(this, "input");
    private final ObjectProperty<String> requestedView = new SimpleObjectProperty<>(this, "requestedView");
    private final List<Runnable> shutdownHooks = new ArrayList<>();

    /** The model the views show; replaced (never mutated in place) when another is loaded or trained. */
    public ObjectProperty<Sequential> modelProperty() {
        return model;
    }

    /** The current input, (1, H, W, C) matching the model's input shape, values 0..1; null when empty. */
    public ObjectProperty<Tensor> inputProperty() {
        return input;
    }

    /**
     * The title of a view that a view asks the shell to show (e.g. after "open this image in Draw &amp;
     * classify"). The shell switches to it and sets the property back to null.
     */
    public ObjectProperty<String> requestedViewProperty() {
        return requestedView;
    }

    /** Registers work to do when the window closes, such as stopping a training run. */
    public void addShutdownHook(Runnable hook) {
        shutdownHooks.add(hook);
    }

    /** Runs the shutdown hooks, in the order they were added; the shell calls it when the window closes. */
    public void shutdown() {
        for (Runnable hook : List.copyOf(shutdownHooks)) hook.run();
    }
}
