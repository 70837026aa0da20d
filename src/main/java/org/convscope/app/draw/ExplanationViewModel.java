package org.convscope.app.draw;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import org.convscope.app.common.Background;
import org.convscope.app.common.WhenShown;
import org.convscope.engine.Model;
import org.convscope.trace.explain.ExplanationMethod;
import org.convscope.trace.explain.GradCam;
import org.convscope.trace.explain.HeatMap;
import org.convscope.trace.explain.Occlusion;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Why the network answered as it did: a heat map of the current {@link Classification} for the top class, or a
 * class the user picks (a click on its bar), by the chosen {@link ExplanationMethod}. Computed on its own worker
 * thread, on its own copy of the model, as the classification is: a new answer while one is being explained is
 * taken up as soon as that one is done (never queued up), and cancels a running occlusion, which publishes its map
 * row by row as it goes. While its view is not shown ({@link #shownProperty()}) nothing is explained: the newest
 * answer is, once, when it is shown again. Runs on the FX thread.
 */
public final class ExplanationViewModel {
    /** One explanation: of which answer, by which method, for which class, the map, and whether it is complete. */
    public record Explanation(Classification source, ExplanationMethod method, int explainedClass, HeatMap map, boolean complete) {
    }

    private final ObservableValue<Classification> source;
    private final ExecutorService worker = Background.daemonThread("convscope-explainer");
    /** Counts requests; a job whose number is no longer the newest stops (occlusion) or is dropped. */
    private final AtomicInteger generation = new AtomicInteger();
    private boolean busy;
    private boolean dirty;
    private Model original; // worker thread only: the model copy was made from
    private Model copy;
    private final WhenShown explaining = new WhenShown(this::explainNewest);

    // ---- Properties ----------------------------------------------------------------------------
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", false);
    private final ObjectProperty<ExplanationMethod> method = new SimpleObjectProperty<>(this, "method", ExplanationMethod.SALIENCY);
    private final DoubleProperty opacity = new SimpleDoubleProperty(this, "opacity", 0.6);
    /** The class the user picked; null to follow the top class. */
    private final ObjectProperty<Integer> chosenClass = new SimpleObjectProperty<>(this, "chosenClass");
    private final ReadOnlyIntegerWrapper explainedClass = new ReadOnlyIntegerWrapper(this, "explainedClass", -1);
    private final ReadOnlyObjectWrapper<Explanation> explanation = new ReadOnlyObjectWrapper<>(this, "explanation");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    /** Grad-CAM's layer, an index into the model's layers; −1 for the last Conv2D. */
    private final IntegerProperty gradCamLayer = new SimpleIntegerProperty(this, "gradCamLayer", -1);

    public ExplanationViewModel(ObservableValue<Classification> source) {
        this.source = source;
        source.addListener((obs, old, c) -> {
            if (c == null || old == null || c.model() != old.model()) chosenClass.set(null); // a new model: its own classes
            explaining.request();
        });
        enabled.addListener(o -> explaining.request());
        method.addListener(o -> explaining.request());
        chosenClass.addListener(o -> explaining.request());
        gradCamLayer.addListener(o -> {
            if (method.get() == ExplanationMethod.GRAD_CAM) explaining.request();
        });
    }

    /** Whether the view is on screen; while it is not, explaining waits. True until a view binds it. */
    public BooleanProperty shownProperty() {
        return explaining.shownProperty();
    }

    /** Grad-CAM's layer, an index into the model's layers (a Conv2D); −1, the default, for the last Conv2D. */
    public IntegerProperty gradCamLayerProperty() {
        return gradCamLayer;
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public ObjectProperty<ExplanationMethod> methodProperty() {
        return method;
    }

    /** How strongly the map covers the input, 0..1. */
    public DoubleProperty opacityProperty() {
        return opacity;
    }

    /** The class being explained (the picked one, else the top one); −1 when there is no answer. */
    public ReadOnlyIntegerProperty explainedClassProperty() {
        return explainedClass.getReadOnlyProperty();
    }

    /** The newest explanation (possibly partial, for occlusion); null when off or there is nothing to explain. */
    public ReadOnlyObjectProperty<Explanation> explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    /** What the map shows, or why there is none, in words. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    // ---- Commands ------------------------------------------------------------------------------

    /** Explains class k from now on (a click on its bar); the top class's bar goes back to following the top class. */
    public void explainClass(int k) {
        Classification c = source.getValue();
        chosenClass.set(c == null || c.blank() || k == c.top() ? null : k);
    }

    /** True when no explanation is pending or running; for tests. */
    public boolean isSettled() {
        return !busy && !dirty;
    }

    private void explainNewest() {
        Classification c = source.getValue();
        generation.incrementAndGet();
        if (!enabled.get() || c == null || c.blank()) {
            dirty = false;
            explainedClass.set(c == null || c.blank() ? -1 : target(c));
            explanation.set(null);
            status.set(enabled.get() ? "Nothing to explain yet." : "");
            return;
        }
        explainedClass.set(target(c));
        if (busy) {
            dirty = true;
            return;
        }
        start();
    }

    private int target(Classification c) {
        Integer k = chosenClass.get();
        return k != null && k >= 0 && k < c.probabilities().length ? k : c.top();
    }

    /** Explains the newest answer on the worker; publishes on the FX thread. */
    private void start() {
        Classification c = source.getValue();
        ExplanationMethod how = method.get();
        int k = target(c), job = generation.get(), chosenLayer = gradCamLayer.get();
        busy = true;
        dirty = false;
        status.set(how.label + " of " + c.classNames().get(k) + "…");
        worker.execute(() -> {
            HeatMap map = null;
            String problem = null;
            try {
                Model m = modelFor(c.model());
                int layer = how != ExplanationMethod.GRAD_CAM ? -1
                        : GradCam.convLayers(m).contains(chosenLayer) ? chosenLayer : GradCam.defaultLayer(m);
                map = how.explain(m, c.input(), k, layer, Occlusion.Options.defaults(),
                        (done, total, partial) -> Platform.runLater(() -> {
                            if (job == generation.get()) {
                                explanation.set(new Explanation(c, how, k, partial, false));
                                status.set(how.label + " of " + c.classNames().get(k) + ": " + done + " of " + total + " places…");
                            }
                        }),
                        () -> job != generation.get());
            } catch (CancellationException e) {
                // a newer answer came: it is explained next
            } catch (RuntimeException e) {
                problem = e.getMessage();
            }
            HeatMap result = map;
            String p = problem;
            Platform.runLater(() -> finished(c, how, k, chosenLayer, job, result, p));
        });
    }

    private void finished(Classification c, ExplanationMethod how, int k, int chosenLayer, int job, HeatMap map, String problem) {
        busy = false;
        if (job == generation.get()) {
            if (problem != null) {
                explanation.set(null);
                status.set(how.label + " is not possible here: " + problem);
            } else if (map != null) {
                explanation.set(new Explanation(c, how, k, map, true));
                status.set(describe(how, c.classNames().get(k), how == ExplanationMethod.GRAD_CAM ? gradCamLayerName(c.model(), chosenLayer) : null));
            }
        }
        if (dirty) start();
    }

    /** What the colours mean, for the method's map of class {@code name}. */
    static String describe(ExplanationMethod how, String name, String layer) {
        return switch (how) {
            case SALIENCY -> "Saliency of " + name + ": bright pixels change its score most.";
            case GRADIENT_X_INPUT -> "Gradient × input for " + name + ": red ink speaks for it, blue ink against it.";
            case GRAD_CAM -> "Grad-CAM of " + name + " (" + layer + "): where the maps it needs are on.";
            case OCCLUSION -> "Occlusion of " + name + ": how much its probability drops when a grey 6×6 patch covers each place.";
        };
    }

    /** "last convolution" for the default, else the chosen Conv2D's name. */
    private static String gradCamLayerName(Model model, int layer) {
        return GradCam.convLayers(model).contains(layer) ? model.layers().get(layer).name() : "last convolution";
    }

    /** The worker's own copy of {@code model}, made again when the model changes. Worker thread. */
    private Model modelFor(Model model) {
        if (model != original) {
            original = model;
            copy = model.copy();
        }
        return copy;
    }
}
