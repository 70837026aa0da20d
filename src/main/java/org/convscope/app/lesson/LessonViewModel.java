package org.convscope.app.lesson;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.convscope.app.AppContext;
import org.convscope.app.common.Background;
import org.convscope.data.Assets;
import org.convscope.lesson.Expectation;
import org.convscope.lesson.Lesson;
import org.convscope.lesson.LessonFormatException;
import org.convscope.lesson.LessonStep;
import org.convscope.lesson.Lessons;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lesson being given: which step is shown, whether its "try it yourself" task is done (Next
 * waits for it), and whether the view shows what the step says. Going to a step runs its action
 * through a {@link LessonRunner}. The step list and Back never wait, so a teacher can skip ahead.
 * FX thread only.
 */
public final class LessonViewModel {
    private final AppContext context;
    private final LessonRunner runner;
    private Runnable stopWatching = () -> { };
    /** Stops re-checking the step's expectations as the views catch up with its action. */
    private Runnable stopChecking = () -> { };

    // ---- Properties ----------------------------------------------------------------------------
    private final ObservableList<Lesson> lessons = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Lesson> lesson = new ReadOnlyObjectWrapper<>(this, "lesson");
    private final ReadOnlyIntegerWrapper stepIndex = new ReadOnlyIntegerWrapper(this, "stepIndex", -1);
    private final ReadOnlyObjectWrapper<LessonStep> step = new ReadOnlyObjectWrapper<>(this, "step");
    private final ReadOnlyBooleanWrapper taskDone = new ReadOnlyBooleanWrapper(this, "taskDone", true);
    private final ReadOnlyStringWrapper mismatch = new ReadOnlyStringWrapper(this, "mismatch", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final BooleanProperty panelShown = new SimpleBooleanProperty(this, "panelShown", false);
    private final ObjectProperty<Lesson> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanBinding canBack = stepIndex.greaterThan(0);
    private final BooleanBinding canNext;
    private final StringBinding position;

    public LessonViewModel(AppContext context, LessonRunner runner) {
        this.context = context;
        this.runner = runner;
        canNext = Bindings.createBooleanBinding(() -> lesson.get() != null && stepIndex.get() < lesson.get().steps().size() - 1
                && taskDone.get(), lesson, stepIndex, taskDone);
        position = Bindings.createStringBinding(() -> lesson.get() == null ? ""
                : "Step " + (stepIndex.get() + 1) + " of " + lesson.get().steps().size(), lesson, stepIndex);
        // a model that finishes loading after the step was shown can make its expectations hold
        context.modelProperty().addListener(o -> checkExpectations());
    }

    /** The lessons offered (shipped ones, then any opened). */
    public ObservableList<Lesson> lessons() { return lessons; }
    /** The lesson being given, or null. */
    public ReadOnlyObjectProperty<Lesson> lessonProperty() { return lesson.getReadOnlyProperty(); }
    /** The step shown, from 0; −1 when no lesson is on. */
    public ReadOnlyIntegerProperty stepIndexProperty() { return stepIndex.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<LessonStep> stepProperty() { return step.getReadOnlyProperty(); }
    /** False while the step's "try it yourself" task waits for the student. */
    public ReadOnlyBooleanProperty taskDoneProperty() { return taskDone.getReadOnlyProperty(); }
    /** What the view shows unlike the step says (a lesson with wrong numbers), or "" when all holds. */
    public ReadOnlyStringProperty mismatchProperty() { return mismatch.getReadOnlyProperty(); }
    /** Why the shipped lessons or the last lesson file opened could not be used, or "". */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    /** Whether the lesson panel is shown beside the views (F2). */
    public BooleanProperty panelShownProperty() { return panelShown; }
    /** The lesson picked in the list. */
    public ObjectProperty<Lesson> selectedProperty() { return selected; }
    public BooleanBinding canBackProperty() { return canBack; }
    public BooleanBinding canNextProperty() { return canNext; }
    /** {@code Step 2 of 7}. */
    public StringBinding positionProperty() { return position; }

    // ---- Commands ------------------------------------------------------------------------------

    /** Offers the shipped lessons; a problem with them is shown, never thrown. */
    public void offer(List<Lesson> shipped, String why) {
        lessons.setAll(shipped);
        problem.set(why == null ? "" : why);
        if (selected.get() == null && !lessons.isEmpty()) selected.set(lessons.get(0));
    }

    /** Reads the shipped lessons in the background and {@link #offer offers} them. */
    public Task<List<Lesson>> loadShipped(Assets assets) {
        Task<List<Lesson>> task = Background.task(() -> Lessons.shipped(assets));
        task.setOnSucceeded(e -> offer(task.getValue(), null));
        task.setOnFailed(e -> offer(List.of(), "The shipped lessons could not be loaded: " + task.getException().getMessage()));
        Background.run(task);
        return task;
    }

    /** F2: shows or hides the panel of the lesson being given; without one, shows the list of lessons. */
    public void togglePanel() {
        if (lesson.get() == null) context.requestedViewProperty().set(LessonsView.TITLE);
        else panelShown.set(!panelShown.get());
    }

    /** Starts {@code l} at its first step and shows the panel. */
    public void start(Lesson l) {
        lesson.set(l);
        panelShown.set(true);
        goTo(0);
    }

    /** Next step, when the task (if any) is done. */
    public void next() {
        if (canNext.get()) goTo(stepIndex.get() + 1);
    }

    public void back() {
        if (canBack.get()) goTo(stepIndex.get() - 1);
    }

    /** Shows step {@code index} (from the step list: never waits for a task) and runs its action. */
    public void goTo(int index) {
        Lesson l = lesson.get();
        if (l == null || index < 0 || index >= l.steps().size()) return;
        stopWatching.run();
        stepIndex.set(index);
        LessonStep s = l.steps().get(index);
        step.set(s);
        List<String> problems = runner.apply(s.action());
        if (!problems.isEmpty()) context.warn("Lesson step " + (index + 1) + ": " + String.join("; ", problems) + ".");
        taskDone.set(s.tryIt() == null);
        if (s.tryIt() != null) {
            stopWatching = runner.watch(s.action().view(), s.tryIt().condition(), () -> taskDone.set(true));
        } else {
            stopWatching = () -> { };
        }
        stopChecking.run();
        stopChecking = s.expect().isEmpty() ? () -> { } : runner.onShownChange(this::checkExpectations);
        checkExpectations();
    }

    /** Ends the lesson: the views stay as they are. */
    public void end() {
        stopWatching.run();
        stopWatching = () -> { };
        stopChecking.run();
        stopChecking = () -> { };
        lesson.set(null);
        step.set(null);
        stepIndex.set(-1);
        mismatch.set("");
        taskDone.set(true);
        panelShown.set(false);
    }

    /** Compares what the view shows with the step's expectations; the differences go to {@link #mismatchProperty()}. */
    public void checkExpectations() {
        mismatch.set(String.join("\n", mismatches()));
    }

    /** Each expectation of the step the view does not meet, e.g. {@code expected output 3×3, the view shows 4×4}. */
    public List<String> mismatches() {
        LessonStep s = step.get();
        List<String> out = new ArrayList<>();
        if (s == null) return out;
        for (Map.Entry<Expectation, String> e : s.expect().entrySet()) {
            String shown = runner.shown(s.action().view(), e.getKey());
            if (!e.getKey().isMetBy(e.getValue(), shown)) {
                out.add("This step expects " + e.getKey().key + " " + e.getValue() + "; the view shows "
                        + (shown == null ? "none" : shown) + ".");
            }
        }
        return out;
    }

    /**
     * Reads a teacher's lesson file in the background; when it is good it joins the list and starts,
     * otherwise the reason (with the line) goes to {@link #problemProperty()} and the status bar.
     */
    public Task<Lesson> open(Path file) {
        Task<Lesson> task = Background.task(() -> Lessons.read(file));
        task.setOnSucceeded(e -> {
            Lesson l = task.getValue();
            lessons.add(l);
            selected.set(l);
            problem.set("");
            context.inform("Opened the lesson \"" + l.title() + "\" (" + l.steps().size() + " steps)");
            start(l);
        });
        task.setOnFailed(e -> {
            Throwable t = task.getException();
            String text = t instanceof LessonFormatException f ? "This lesson cannot be used: " + f.getMessage()
                    : "Could not open " + file + ": " + t.getMessage();
            context.warn(text);
            problem.set(text);
        });
        Background.run(task);
        return task;
    }
}
