package org.convscope.app.explain;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.concurrent.Task;
import org.convscope.app.AppContext;
import org.convscope.app.common.Background;
import org.convscope.data.Assets;
import org.convscope.data.Datasets;
import org.convscope.engine.Layer;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.convscope.trace.explain.ActivationMaximization;
import org.convscope.trace.explain.GradCam;
import org.convscope.trace.explain.TopPatches;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * State of "What a filter wants to see": for a unit (a Conv2D filter, or a class of the output layer) the picture
 * that excites it most, formed by {@link ActivationMaximization} frame by frame in a background task, and for a
 * filter the nine test images' patches that excite it most ({@link TopPatches} over the bundled MNIST test
 * images, one background pass per layer, cached until the model changes). FX thread.
 */
public final class FilterViewModel {
    /** One frame of the ascent: the picture so far, its iteration and the unit's response. */
    public record Frame(Tensor image, int iteration, int iterations, float response) {
    }

    /** The strongest patches of one unit and the images they were cut from. */
    public record Patches(int layer, int unit, List<TopPatches.Patch> patches, Tensor images) {
    }

    private final AppContext context;
    private final Map<Integer, List<List<TopPatches.Patch>>> patchCache = new HashMap<>(); // per layer, for the current model
    private Tensor testImages; // the bundled test images, once loaded
    private Task<Frame> ascent;
    private Task<List<List<TopPatches.Patch>>> patchPass;

    // ---- Properties ----------------------------------------------------------------------------
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", -1);
    private final IntegerProperty unit = new SimpleIntegerProperty(this, "unit", 0);
    private final BooleanProperty noiseStart = new SimpleBooleanProperty(this, "noiseStart", true);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyObjectWrapper<Frame> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final ReadOnlyObjectWrapper<Patches> patches = new ReadOnlyObjectWrapper<>(this, "patches");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    public FilterViewModel(AppContext context) {
        this.context = context;
        context.modelProperty().addListener(o -> {
            stop();
            cancelPatches();
            patchCache.clear();
            frame.set(null);
            layer.set(choices().isEmpty() ? -1 : choices().get(0));
        });
        layer.addListener(o -> {
            unit.set(0);
            showPatches();
        });
        unit.addListener(o -> showPatches());
        if (!choices().isEmpty()) layer.set(choices().get(0));
    }

    /** The layers offered: every Conv2D layer, then the output layer (its classes). */
    public List<Integer> choices() {
        Model m = context.modelProperty().get();
        if (m == null) return List.of();
        List<Integer> layers = new ArrayList<>(GradCam.convLayers(m));
        layers.add(m.layers().size() - 1);
        return layers;
    }

    /** Units of layer {@code l}: its filters, or its classes. */
    public int units(int l) {
        Model m = context.modelProperty().get();
        if (m == null || l < 0) return 0;
        var out = m.layers().get(l).outputShape();
        return out.rank() == 3 ? out.last() : out.size();
    }

    public IntegerProperty layerProperty() {
        return layer;
    }

    public IntegerProperty unitProperty() {
        return unit;
    }

    public BooleanProperty noiseStartProperty() {
        return noiseStart;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The newest frame of the ascent; null before the first run. */
    public ReadOnlyObjectProperty<Frame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    /** The strongest patches of the chosen filter; null for a class or while they are being found. */
    public ReadOnlyObjectProperty<Patches> patchesProperty() {
        return patches.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True when no ascent or patch pass is running; for tests. */
    public boolean isSettled() {
        return ascent == null && patchPass == null;
    }

    // ---- Commands ------------------------------------------------------------------------------

    /** Starts the ascent for the chosen unit (stopping one that runs), animated frame by frame. */
    public void start() {
        Model model = context.modelProperty().get();
        if (model == null || layer.get() < 0) return;
        stop();
        var target = new ActivationMaximization.Target(layer.get(), unit.get());
        ActivationMaximization.Options d = ActivationMaximization.Options.defaults();
        var options = new ActivationMaximization.Options(d.iterations(), d.step(), d.l2Decay(), d.blurEvery(), d.jitter(), noiseStart.get(), d.seed());
        Task<Frame> task = new Task<>() {
            @Override
            protected Frame call() {
                Model own = model.copy(); // the views' model serves the FX thread's readers
                Frame[] last = {null};
                ActivationMaximization.run(own, target, options,
                        (it, image, response) -> updateValue(last[0] = new Frame(image, it, options.iterations(), response)), this::isCancelled);
                return last[0];
            }
        };
        // updateValue is coalesced: the FX thread shows the newest frame, however fast they come
        task.valueProperty().addListener((obs, old, f) -> {
            if (ascent == task && f != null) frame.set(f);
        });
        ascent = task;
        running.set(true);
        status.set("Forming the picture " + describe(target) + " wants to see…");
        task.setOnSucceeded(e -> finishAscent(task, "The picture " + describe(target) + " responds to most (" + options.iterations() + " steps of gradient ascent)."));
        task.setOnCancelled(e -> finishAscent(task, "Stopped."));
        task.setOnFailed(e -> finishAscent(task, "It could not be formed: " + task.getException().getMessage()));
        Background.run(task);
    }

    /** Stops a running ascent. */
    public void stop() {
        if (ascent != null) ascent.cancel();
    }

    private void finishAscent(Task<Frame> task, String message) {
        if (ascent != task) return;
        ascent = null;
        running.set(false);
        status.set(message);
    }

    private String describe(ActivationMaximization.Target t) {
        Model m = context.modelProperty().get();
        Layer l = m.layers().get(t.layer());
        return l.outputShape().rank() == 3 ? "filter " + t.unit() + " of " + l.name() : "class " + m.classNames().get(t.unit());
    }

    /** Shows the chosen filter's patches, finding those of its layer first when they are not cached. */
    private void showPatches() {
        Model model = context.modelProperty().get();
        int l = layer.get(), u = unit.get();
        patches.set(null);
        if (model == null || l < 0 || model.layers().get(l).outputShape().rank() != 3) return;
        if (!model.inputShape().equals(org.convscope.engine.Shape.of(28, 28, 1))) {
            status.set("Top patches come from the bundled 28×28 digits, which this model does not take.");
            return;
        }
        List<List<TopPatches.Patch>> cached = patchCache.get(l);
        if (cached != null) {
            if (u < cached.size()) patches.set(new Patches(l, u, cached.get(u), testImages));
            return;
        }
        if (patchPass != null) return; // its end shows them
        Task<List<List<TopPatches.Patch>>> task = new Task<>() {
            @Override
            protected List<List<TopPatches.Patch>> call() throws Exception {
                if (testImages == null) testImages = Datasets.bundled(Assets.DEFAULT).testImages();
                Model own = model.copy();
                return TopPatches.of(own, l, testImages, 9, (done, total) -> updateProgress(done, total), this::isCancelled);
            }
        };
        patchPass = task;
        task.setOnSucceeded(e -> {
            patchPass = null;
            if (context.modelProperty().get() != model) return;
            patchCache.put(l, task.getValue());
            showPatches();
        });
        task.setOnFailed(e -> {
            patchPass = null;
            status.set("The test images could not be read: " + task.getException().getMessage());
        });
        task.setOnCancelled(e -> patchPass = null);
        Background.run(task);
    }

    private void cancelPatches() {
        if (patchPass != null) patchPass.cancel();
        patchPass = null;
    }
}
