package org.convscope.app.common;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.convscope.trace.StepTrace;
import org.convscope.trace.render.Frame;
import org.convscope.trace.render.GridPicture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the step-through view-models (convolution, pooling) share: the plan ({@link StepTrace}) and
 * the frame shown, why there is no plan, and the player: which step is shown, how many there are,
 * and whether it is playing. No clock here: a {@link StepPlayer} calls {@link #next()} on a timer,
 * and tests call it directly. Subclasses call {@link #replan} whenever a setting changes and draw
 * the frame in {@link #refreshFrame()}; a new input or model (which may come while the view is not
 * shown, from a stroke in another view) goes through {@link #requestReload()}, so it waits until the
 * view is shown ({@link #shownProperty()}).
 *
 * @param <T> the kind of plan, e.g. a convolution or a pooling trace
 */
public abstract class StepperViewModel<T extends StepTrace<?>> {

    // ---- Properties ----------------------------------------------------------------------------

    private final IntegerProperty stepIndex = new SimpleIntegerProperty(this, "stepIndex", 0);
    private final ReadOnlyIntegerWrapper stepCount = new ReadOnlyIntegerWrapper(this, "stepCount", 1);
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 4);
    private final StringBinding stepText = Bindings.createStringBinding(
            () -> "step " + (stepIndex.get() + 1) + " / " + stepCount.get(), stepIndex, stepCount);

    private final ReadOnlyObjectWrapper<T> trace = new ReadOnlyObjectWrapper<>(this, "trace");
    private final ReadOnlyObjectWrapper<Frame> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final ReadOnlyStringWrapper outputSize = new ReadOnlyStringWrapper(this, "outputSize", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    /** The cell of the input under the mouse (padding coordinates), or null. */
    private final ObjectProperty<GridPicture.Cell> hoveredInput = new SimpleObjectProperty<>(this, "hoveredInput");
    private final ObservableList<GridPicture.Cell> fedOutputs = FXCollections.observableArrayList();
    private final WhenShown reloading = new WhenShown(this::reload);

    protected StepperViewModel() {
        stepIndex.addListener((o, a, b) -> {
            int clamped = Math.max(0, Math.min(b.intValue(), stepCount.get() - 1));
            if (clamped != b.intValue()) stepIndex.set(clamped);
        });
        stepIndex.addListener(x -> refreshFrame());
        hoveredInput.addListener(x -> refreshFed());
    }

    /**
     * Whether the view is on screen; while it is not, a {@link #requestReload()} waits and the player stops.
     * True until a view binds it.
     */
    public BooleanProperty shownProperty() { return reloading.shownProperty(); }

    /** The plan; null while the geometry does not fit (see {@link #problemProperty()}). */
    public ReadOnlyObjectProperty<T> traceProperty() { return trace.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<Frame> frameProperty() { return frame.getReadOnlyProperty(); }

    /** The output size and step count, e.g. {@code output 5×5 — 25 steps}. */
    public ReadOnlyStringProperty outputSizeProperty() { return outputSize.getReadOnlyProperty(); }

    /** Why there is no plan (e.g. the window does not fit), or empty. */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }

    public ObjectProperty<GridPicture.Cell> hoveredInputProperty() { return hoveredInput; }

    /** The output cells the hovered input cell feeds. */
    public ObservableList<GridPicture.Cell> fedOutputs() { return fedOutputs; }

    /** The step shown, 0-based; always within 0..stepCount−1. */
    public IntegerProperty stepIndexProperty() { return stepIndex; }

    public ReadOnlyIntegerProperty stepCountProperty() { return stepCount.getReadOnlyProperty(); }

    public BooleanProperty playingProperty() { return playing; }

    /** Steps per second while playing. */
    public DoubleProperty speedProperty() { return speed; }

    /** {@code step 5 / 25}. */
    public StringBinding stepTextProperty() { return stepText; }

    public int getStepIndex() { return stepIndex.get(); }

    public int getStepCount() { return stepCount.get(); }

    private void setStepCount(int count) {
        stepCount.set(Math.max(1, count));
        if (stepIndex.get() >= stepCount.get()) stepIndex.set(stepCount.get() - 1);
    }

    // ---- Commands ------------------------------------------------------------------------------

    /** Jumps to the step that computes output cell (i, j). */
    public void selectOutputCell(int i, int j) {
        T t = trace.get();
        if (t != null && i >= 0 && j >= 0 && i < t.geometry().outH() && j < t.geometry().outW()) seek(t.indexOf(i, j));
    }

    /** One step on; at the last step playing stops. Returns whether it moved. */
    public boolean next() {
        if (stepIndex.get() >= stepCount.get() - 1) {
            playing.set(false);
            return false;
        }
        stepIndex.set(stepIndex.get() + 1);
        return true;
    }

    public boolean previous() {
        if (stepIndex.get() == 0) return false;
        stepIndex.set(stepIndex.get() - 1);
        return true;
    }

    public void seek(int index) {
        stepIndex.set(Math.max(0, Math.min(index, stepCount.get() - 1)));
    }

    public void first() {
        seek(0);
    }

    public void last() {
        seek(stepCount.get() - 1);
    }

    /** Play from the start when at the end; pause when playing. */
    public void togglePlay() {
        if (!playing.get() && stepIndex.get() >= stepCount.get() - 1) first();
        playing.set(!playing.get());
    }

    /** Back to the first step, paused. */
    public void reset() {
        playing.set(false);
        first();
    }

    // ---- re-planning ---------------------------------------------------------------------------

    /** {@link #reload()} now if the view is shown, else once when it is shown again. */
    protected final void requestReload() {
        reloading.request();
    }

    /** Takes up the current input (and model) and makes a new plan from them. */
    protected abstract void reload();

    /**
     * Makes a new plan with {@code planner}. When the trace's constructor rejects the geometry
     * (IllegalArgumentException) there is no plan and no frame, and its message becomes the problem.
     * Otherwise the plan, its size text from {@code sizeText} and the step count are set (the plan
     * first, so that a step index clamped to the new count already draws from it), then the frame
     * and the hovered cell's outputs are refreshed.
     */
    protected final void replan(Supplier<T> planner, Function<T, String> sizeText) {
        T t;
        try {
            t = planner.get();
        } catch (IllegalArgumentException e) {
            trace.set(null);
            frame.set(null);
            problem.set(e.getMessage());
            outputSize.set("no output: " + e.getMessage());
            return;
        }
        problem.set("");
        trace.set(t);
        outputSize.set(sizeText.apply(t));
        setStepCount(t.stepCount());
        refreshFrame();
        refreshFed();
    }

    /** Shows step {@link #getStepIndex()} of the plan; called when the plan or the step changes. */
    protected abstract void refreshFrame();

    protected final void setFrame(Frame f) {
        frame.set(f);
    }

    private void refreshFed() {
        T t = trace.get();
        GridPicture.Cell c = hoveredInput.get();
        List<GridPicture.Cell> cells = new ArrayList<>();
        if (t != null && c != null) {
            for (int[] ij : t.geometry().outputsFedBy(c.row(), c.col())) cells.add(new GridPicture.Cell(ij[0], ij[1]));
        }
        fedOutputs.setAll(cells);
    }
}
