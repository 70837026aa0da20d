package org.convscope.app;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.convscope.app.common.ColorMap;
import org.convscope.app.common.Settings;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the views share, wired by hand: the model every view shows, the current input as the model
 * sees it, the one-line notice in the status bar, and whether optional controls are hidden
 * (presentation mode). Properties are read and written on the FX thread only.
 */
public final class AppContext {
    /** A line for the status bar; {@code error} ones are shown in the danger colour. */
    public record Notice(String text, boolean error) {
    }

    private final ObjectProperty<Model> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<Tensor> input = new SimpleObjectProperty<>(this, "input");
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>(this, "notice");
    private final BooleanProperty controlsHidden = new SimpleBooleanProperty(this, "controlsHidden", false);
    private final ObjectProperty<ConvolutionRequest> convolutionRequest = new SimpleObjectProperty<>(this, "convolutionRequest");
    private final ObjectProperty<String> requestedView = new SimpleObjectProperty<>(this, "requestedView");
    private final ObjectProperty<ColorMap> sequentialColorMap = new SimpleObjectProperty<>(this, "sequentialColorMap", ColorMap.VIRIDIS);
    private final ObjectProperty<java.nio.file.Path> pictureFolder = new SimpleObjectProperty<>(this, "pictureFolder");
    private final List<Runnable> shutdownHooks = new ArrayList<>();
    private final Map<Class<?>, Object> viewModels = new HashMap<>();

    /** The model the views show; replaced (never mutated in place) when another is loaded or trained. */
    public ObjectProperty<Model> modelProperty() {
        return model;
    }

    /** The current input, (1, H, W, C) matching the model's input shape, values 0..1; null when empty. */
    public ObjectProperty<Tensor> inputProperty() {
        return input;
    }

    /** The latest notice for the status bar; null when there is nothing to say. */
    public ObjectProperty<Notice> noticeProperty() {
        return notice;
    }

    /** Presentation mode asks views to hide controls a projector audience does not need. */
    public BooleanProperty controlsHiddenProperty() {
        return controlsHidden;
    }

    /**
     * The colour map of unsigned values (feature maps, heat maps and their legends): {@link ColorMap#VIRIDIS}, or
     * {@link ColorMap#CIVIDIS} when the user chose it (View → Cividis colours). Views repaint when it changes.
     */
    public ObjectProperty<ColorMap> sequentialColorMapProperty() {
        return sequentialColorMap;
    }

    /** Takes the colour map from the settings (viridis unless cividis was chosen). */
    public void restore(Settings s) {
        sequentialColorMap.set(s.getBoolean(CIVIDIS_KEY, false) ? ColorMap.CIVIDIS : ColorMap.VIRIDIS);
    }

    /** Puts the colour map into the settings (the caller saves them). */
    public void store(Settings s) {
        s.put(CIVIDIS_KEY, sequentialColorMap.get() == ColorMap.CIVIDIS);
    }

    private static final String CIVIDIS_KEY = "colours.cividis";

    public void inform(String text) {
        notice.set(new Notice(text, false));
    }

    /** Reports a problem (bad file, unusable model) in the window instead of a stack trace. */
    public void warn(String text) {
        notice.set(new Notice(text, true));
    }

    /**
     * The last "Step through this" request (set by the maps view): the shell shows the Convolution view,
     * which plays back exactly this input and kernel. A new request replaces the property's value.
     */
    public ObjectProperty<ConvolutionRequest> convolutionRequestProperty() {
        return convolutionRequest;
    }

    /**
     * The picture folder last read as a dataset (Train view) or opened in Draw &amp; classify, whose pictures Draw
     * offers as samples and whose first picture the Convolution view uses for a colour model; null before one.
     */
    public ObjectProperty<java.nio.file.Path> pictureFolderProperty() {
        return pictureFolder;
    }

    /**
     * The title of a view that a view asks the shell to show (e.g. after "open this image in Draw &amp;
     * classify"). The shell switches to it and sets the property back to null.
     */
    public ObjectProperty<String> requestedViewProperty() {
        return requestedView;
    }

    /**
     * A view makes its view-model known when its content is built, so that a lesson step can set the
     * view up through the view-model's properties (never through its controls).
     */
    public <T> void publish(Class<T> type, T viewModel) {
        viewModels.put(type, viewModel);
    }

    /** The view-model a view published with {@link #publish}, or null while that view is not built. */
    public <T> T viewModel(Class<T> type) {
        return type.cast(viewModels.get(type));
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
