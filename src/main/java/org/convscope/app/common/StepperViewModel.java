package org.convscope.app.common;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * The part of a step-through view-model that plays: which step is shown, how many there are, and
 * whether it is playing. No clock here: a {@link StepPlayer} calls {@link #next()} on a timer, and
 * tests call it directly. Subclasses set {@link #setStepCount(int)} whenever they re-plan.
 */
public abstract class StepperViewModel {

    // ---- Properties ----------------------------------------------------------------------------

    private final IntegerProperty stepIndex = new SimpleIntegerProperty(this, "stepIndex", 0);
    private final ReadOnlyIntegerWrapper stepCount = new ReadOnlyIntegerWrapper(this, "stepCount", 1);
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 4);
    private final StringBinding stepText = Bindings.createStringBinding(
            () -> "step " + (stepIndex.get() + 1) + " / " + stepCount.get(), stepIndex, stepCount);

    protected StepperViewModel() {
        stepIndex.addListener((o, a, b) -> {
            int clamped = Math.max(0, Math.min(b.intValue(), stepCount.get() - 1));
            if (clamped != b.intValue()) stepIndex.set(clamped);
        });
    }

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

    protected final void setStepCount(int count) {
        stepCount.set(Math.max(1, count));
        if (stepIndex.get() >= stepCount.get()) stepIndex.set(stepCount.get() - 1);
    }

    // ---- Commands ------------------------------------------------------------------------------

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
}
