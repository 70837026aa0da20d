package org.convscope.app.explain;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.convscope.app.AppContext;
import org.convscope.app.common.Background;
import org.convscope.app.common.Descriptions;
import org.convscope.app.common.WhenShown;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.convscope.trace.explain.Fgsm;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * State of the "Fool the network" lesson: the app's current input (the student's drawing) attacked by FGSM or
 * iterated FGSM with the chosen ε, against the class the model gives it, or towards a chosen class. Every change
 * asks again; the attacks run on one worker thread with its own copy of the model, and a request that is no
 * longer the newest when its turn comes is skipped, so dragging the ε slider never queues up work. While the view
 * is not shown ({@link #shownProperty()}), changes wait: one attack on the newest input when it is shown again. FX thread.
 */
public final class FoolViewModel {
    /** The largest ε offered: half the pixel range. */
    public static final double MAX_EPSILON = 0.5;
    /** Steps of the iterated method. */
    public static final int ITERATED_STEPS = 10;

    /** An attack and what it was made from. */
    public record Attack(Tensor input, float epsilon, int steps, int target, List<String> classNames, Fgsm.Result result) {
    }

    private final AppContext context;
    private final ExecutorService worker = Background.daemonThread("convscope-fgsm");
    private final AtomicInteger generation = new AtomicInteger();
    private Model original; // worker thread only
    private Model copy;
    private int pending; // requests handed to the worker and not yet answered (FX thread)
    private int handedOut; // attacks handed to the worker in all (FX thread), for tests
    private final WhenShown attacking = new WhenShown(this::attackNow);

    // ---- Properties ----------------------------------------------------------------------------
    private final DoubleProperty epsilon = new SimpleDoubleProperty(this, "epsilon", 0.2);
    private final BooleanProperty iterated = new SimpleBooleanProperty(this, "iterated", true);
    /** The class to turn the input into, or {@link Fgsm#UNTARGETED}. */
    private final IntegerProperty target = new SimpleIntegerProperty(this, "target", Fgsm.UNTARGETED);
    private final ReadOnlyObjectWrapper<Attack> attack = new ReadOnlyObjectWrapper<>(this, "attack");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    public FoolViewModel(AppContext context) {
        this.context = context;
        context.inputProperty().addListener(o -> attacking.request());
        context.modelProperty().addListener(o -> attacking.request());
        epsilon.addListener(o -> attacking.request());
        iterated.addListener(o -> attacking.request());
        target.addListener(o -> attacking.request());
        attacking.request();
    }

    /** Whether the view is on screen; while it is not, the attack waits. True until a view binds it. */
    public BooleanProperty shownProperty() {
        return attacking.shownProperty();
    }

    /** The most any pixel may change, 0..{@link #MAX_EPSILON} (pixels are 0..1). */
    public DoubleProperty epsilonProperty() {
        return epsilon;
    }

    /** Iterated FGSM ({@value #ITERATED_STEPS} steps) rather than one step. */
    public BooleanProperty iteratedProperty() {
        return iterated;
    }

    public IntegerProperty targetProperty() {
        return target;
    }

    /** The newest attack; null when there is no input to attack. */
    public ReadOnlyObjectProperty<Attack> attackProperty() {
        return attack.getReadOnlyProperty();
    }

    /** The outcome in words, or why there is none. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True when the newest request has been answered; for tests. */
    public boolean isSettled() {
        return pending == 0;
    }

    /** How many attacks have been handed to the worker so far; for tests. */
    int attacksStarted() {
        return handedOut;
    }

    // ---- Commands ------------------------------------------------------------------------------

    private void attackNow() {
        Tensor x = context.inputProperty().get();
        Model m = context.modelProperty().get();
        int job = generation.incrementAndGet();
        if (x == null || m == null || !x.exampleShape().equals(m.inputShape())) {
            attack.set(null);
            status.set("Draw a " + Descriptions.drawnThing(m) + " in Draw & classify (or open a picture there): it is attacked here.");
            return;
        }
        float eps = (float) epsilon.get();
        int steps = iterated.get() ? ITERATED_STEPS : 1, towards = target.get();
        pending++;
        handedOut++;
        worker.execute(() -> {
            try {
                if (job != generation.get()) return; // a newer request follows
                Model own = modelFor(m);
                Tensor p = own.predict(x); // (1, K)
                int label = Model.argmax(p.data, 0, p.size());
                int t = towards >= p.size() || towards == label ? Fgsm.UNTARGETED : towards;
                Fgsm.Result r = Fgsm.attack(own, x, label, eps, steps, t);
                Attack a = new Attack(x, eps, steps, t, m.classNames(), r);
                Platform.runLater(() -> {
                    if (job == generation.get()) {
                        attack.set(a);
                        status.set(describe(a));
                    }
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> status.set("The attack failed: " + e.getMessage()));
            } finally {
                Platform.runLater(() -> pending--);
            }
        });
    }

    /** "It said 7 (100.0 %); changed by at most 0.10 per pixel, it says 3 (97.2 %)." */
    static String describe(Attack a) {
        Fgsm.Result r = a.result();
        String before = a.classNames().get(r.classBefore()), after = a.classNames().get(r.classAfter());
        String how = a.steps() == 1 ? "FGSM" : "iterated FGSM (" + a.steps() + " steps)";
        String said = String.format("The network said %s (%.1f %%). After %s changed every pixel by at most ε = %.2f, it says %s (%.1f %%)",
                before, 100 * r.before()[r.classBefore()], how, a.epsilon(), after, 100 * r.after()[r.classAfter()]);
        return said + (r.fooled() ? " — fooled." : " — not fooled yet: raise ε.");
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
