package org.convscope.app.transfer;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.scene.chart.XYChart;
import org.convscope.app.AppContext;
import org.convscope.app.draw.Classification;
import org.convscope.app.draw.Classifier;
import org.convscope.app.draw.DrawViewModel;
import org.convscope.app.draw.Sketch;
import org.convscope.app.transfer.TransferComparison.Point;
import org.convscope.app.transfer.TransferComparison.Way;
import org.convscope.data.Dataset;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * State of the Transfer view's two lessons. Lesson 1 compares from scratch, feature extraction and
 * fine-tuning on a Fashion-MNIST sample ({@link TransferComparison}); lesson 2 teaches the frozen
 * digit base new classes from the user's drawings ({@link DrawnClasses}). Properties live on the FX
 * thread; loading and training run on {@code worker} as {@link Task}s.
 */
public final class TransferViewModel {
    /** Sample sizes offered in lesson 1. */
    public static final List<Integer> SAMPLE_SIZES = List.of(500, 1000);

    /** One class of lesson 2: its name and the drawings of it, each (1, 28, 28, 1) as the model sees it. */
    public static final class DrawnClass {
        private final StringProperty name = new SimpleStringProperty(this, "name");
        private final ObservableList<Tensor> examples = FXCollections.observableArrayList();

        DrawnClass(String name) {
            this.name.set(name);
        }

        public StringProperty nameProperty() { return name; }
        public ObservableList<Tensor> examples() { return examples; }
    }

    /** A way's standing in lesson 1: test accuracy after the last finished epoch, the best so far, what it trains. */
    public record Outcome(Way way, int epoch, double accuracy, double best, long trainableParams, long totalParams) {
    }

    private final AppContext context;
    private final Executor worker;
    private final Classifier classifier = new Classifier();

    // ---- Properties: shared -------------------------------------------------------------------
    private final ReadOnlyObjectWrapper<Model> pretrained = new ReadOnlyObjectWrapper<>(this, "pretrained");
    private final ReadOnlyObjectWrapper<Dataset> data = new ReadOnlyObjectWrapper<>(this, "data");
    private final ReadOnlyStringWrapper loadProblem = new ReadOnlyStringWrapper(this, "loadProblem", "");

    // ---- Properties: lesson 1 -----------------------------------------------------------------
    private final IntegerProperty sampleSize = new SimpleIntegerProperty(this, "sampleSize", 500);
    private final IntegerProperty epochs = new SimpleIntegerProperty(this, "epochs", 10);
    private final ReadOnlyBooleanWrapper comparing = new ReadOnlyBooleanWrapper(this, "comparing");
    private final ReadOnlyDoubleWrapper comparisonProgress = new ReadOnlyDoubleWrapper(this, "comparisonProgress");
    private final ReadOnlyStringWrapper comparisonStatus = new ReadOnlyStringWrapper(this, "comparisonStatus", "");
    private final Map<Way, ObservableList<XYChart.Data<Number, Number>>> curves = new EnumMap<>(Way.class);
    private final ObservableList<Outcome> outcomes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<TransferComparison> comparison = new ReadOnlyObjectWrapper<>(this, "comparison");

    // ---- Properties: lesson 2 -----------------------------------------------------------------
    private final Sketch sketch = new Sketch();
    private final ObservableList<DrawnClass> classes = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper teaching = new ReadOnlyBooleanWrapper(this, "teaching");
    private final ReadOnlyStringWrapper teachStatus = new ReadOnlyStringWrapper(this, "teachStatus", "");
    private final ReadOnlyObjectWrapper<Model> taught = new ReadOnlyObjectWrapper<>(this, "taught");
    private final ReadOnlyObjectWrapper<Classification> classification = new ReadOnlyObjectWrapper<>(this, "classification");

    private final AtomicBoolean stopComparison = new AtomicBoolean();
    private final AtomicBoolean stopTeaching = new AtomicBoolean();
    private int chartedPoints;
    private long classifiedVersion = -1;
    private Model classifiedModel;

    /**
     * @param loadPretrained the digit network whose base is reused (run on {@code worker})
     * @param loadData       the new task of lesson 1 (run on {@code worker})
     */
    public TransferViewModel(AppContext context, Executor worker, Callable<Model> loadPretrained, Callable<Dataset> loadData) {
        this.context = context;
        this.worker = worker;
        for (Way way : Way.values()) curves.put(way, FXCollections.observableArrayList());
        classes.addAll(new DrawnClass("circle"), new DrawnClass("cross"));
        context.addShutdownHook(this::stop);
        Task<Model> load = task(loadPretrained);
        load.setOnSucceeded(e -> pretrained.set(load.getValue()));
        load.setOnFailed(e -> loadProblem.set("The pretrained digit network could not be loaded: " + messageOf(load.getException())));
        Task<Dataset> loadSample = task(loadData);
        loadSample.setOnSucceeded(e -> data.set(loadSample.getValue()));
        loadSample.setOnFailed(e -> loadProblem.set("The Fashion-MNIST sample could not be loaded: " + messageOf(loadSample.getException())));
        worker.execute(load);
        worker.execute(loadSample);
    }

    // ---- Commands: lesson 1 ---------------------------------------------------------------------

    /** Why lesson 1 cannot start, or empty. */
    public String comparisonProblem() {
        if (!loadProblem.get().isEmpty()) return loadProblem.get();
        if (pretrained.get() == null || data.get() == null) return "Loading the pretrained network and the Fashion-MNIST sample…";
        return "";
    }

    /** Trains the three ways side by side in the background, one epoch of each in turn. */
    public void startComparison() {
        if (comparing.get() || !comparisonProblem().isEmpty()) return;
        TransferComparison c;
        try {
            c = new TransferComparison(pretrained.get(), data.get(),
                    TransferComparison.Settings.defaults().withTrainImages(sampleSize.get()).withEpochs(epochs.get()));
        } catch (IllegalArgumentException e) {
            comparisonStatus.set("Cannot start: " + e.getMessage());
            return;
        }
        comparison.set(c);
        for (var curve : curves.values()) curve.clear();
        outcomes.clear();
        chartedPoints = 0;
        stopComparison.set(false);
        comparing.set(true);
        comparisonProgress.set(0);
        comparisonStatus.set("Measuring the untrained models…");
        int total = Way.values().length * (c.settings().epochs() + 1);
        Task<List<Point>> t = new Task<>() {
            @Override
            protected List<Point> call() {
                List<Point> points = new ArrayList<>();
                c.run(p -> {
                    points.add(p);
                    updateValue(List.copyOf(points)); // coalesced: the FX thread gets the newest list per pulse
                    updateProgress(points.size(), total);
                }, stopComparison::get);
                return List.copyOf(points);
            }
        };
        t.valueProperty().addListener((o, a, points) -> {
            if (points != null) show(c, points);
        });
        t.progressProperty().addListener((o, a, p) -> comparisonProgress.set(Math.max(0, p.doubleValue())));
        t.setOnSucceeded(e -> {
            show(c, t.getValue());
            comparing.set(false);
            boolean done = t.getValue().size() == total;
            comparisonStatus.set((done ? "Finished: " : "Stopped: ") + summary());
        });
        t.setOnFailed(e -> {
            comparing.set(false);
            comparisonStatus.set("Training failed: " + messageOf(t.getException()));
        });
        worker.execute(t);
    }

    /** Ends lesson 1's run after the epoch under way. */
    public void stopComparison() {
        stopComparison.set(true);
    }

    private void show(TransferComparison c, List<Point> points) {
        for (int i = chartedPoints; i < points.size(); i++) {
            Point p = points.get(i);
            curves.get(p.way()).add(new XYChart.Data<>(p.epoch(), 100 * p.testAccuracy()));
        }
        chartedPoints = points.size();
        List<Outcome> rows = new ArrayList<>();
        for (Way way : Way.values()) {
            List<Point> mine = points.stream().filter(p -> p.way() == way).toList();
            if (mine.isEmpty()) continue;
            Point last = mine.get(mine.size() - 1);
            double best = mine.stream().mapToDouble(Point::testAccuracy).max().orElse(0);
            var s = c.model(way).summary();
            rows.add(new Outcome(way, last.epoch(), last.testAccuracy(), best, s.trainableParams(), s.totalParams()));
        }
        outcomes.setAll(rows);
        if (comparing.get() && !points.isEmpty()) {
            Point p = points.get(points.size() - 1);
            comparisonStatus.set(String.format(Locale.ROOT, "Epoch %d of %d: %s %.1f %%", p.epoch(), c.settings().epochs(),
                    p.way().label.toLowerCase(Locale.ROOT), 100 * p.testAccuracy()));
        }
    }

    /** "from scratch 74.2 %, feature extraction 78.0 %, fine-tuning 78.0 % after 10 epochs" */
    private String summary() {
        List<String> parts = new ArrayList<>();
        int epoch = 0;
        for (Outcome o : outcomes) {
            parts.add(String.format(Locale.ROOT, "%s %.1f %%", o.way().label.toLowerCase(Locale.ROOT), 100 * o.accuracy()));
            epoch = o.epoch();
        }
        return String.join(", ", parts) + " after " + epoch + (epoch == 1 ? " epoch" : " epochs");
    }

    // ---- Commands: lesson 2 ---------------------------------------------------------------------

    public void penDown(double x, double y) {
        sketch.begin(x, y, DrawViewModel.DEFAULT_BRUSH, false);
    }

    public void penDrag(double x, double y) {
        sketch.extend(x, y);
    }

    public void penUp() {
        sketch.end();
    }

    public void clearPad() {
        sketch.clear();
    }

    /** Adds a class with an empty name (at most {@link DrawnClasses#MAX_CLASSES}). */
    public void addClass() {
        if (classes.size() < DrawnClasses.MAX_CLASSES) classes.add(new DrawnClass(""));
    }

    /** Removes class {@code index} and its drawings (never below {@link DrawnClasses#MIN_CLASSES}). */
    public void removeClass(int index) {
        if (classes.size() > DrawnClasses.MIN_CLASSES) classes.remove(index);
    }

    /**
     * Adds the pad's drawing, preprocessed exactly as the Draw view does, to class {@code index}, and
     * clears the pad for the next one. Says so when the pad is blank.
     */
    public void addExample(int index) {
        if (pretrained.get() == null) {
            teachStatus.set(teachProblem());
            return;
        }
        Classification c = classifier.classify(pretrained.get(), sketch.ink());
        if (c.blank()) {
            teachStatus.set("Draw something on the pad first.");
            return;
        }
        classes.get(index).examples().add(c.input());
        sketch.clear();
        teachStatus.set("");
    }

    public void removeExample(int classIndex, int exampleIndex) {
        classes.get(classIndex).examples().remove(exampleIndex);
    }

    /** Why Train cannot run, in words for the user, or null. */
    public String teachProblem() {
        if (pretrained.get() == null) return loadProblem.get().isEmpty() ? "Loading the pretrained digit network…" : loadProblem.get();
        return DrawnClasses.problem(classes.stream().map(c -> c.nameProperty().get() == null ? "" : c.nameProperty().get()).toList(),
                classes.stream().map(c -> c.examples().size()).toList());
    }

    /** Trains a new head for the classes in the background; the pad then classifies live. */
    public void teach() {
        if (teaching.get()) return;
        String problem = teachProblem();
        if (problem != null) {
            teachStatus.set(problem);
            return;
        }
        List<String> names = classes.stream().map(c -> c.nameProperty().get()).toList();
        List<List<Tensor>> examples = classes.stream().map(c -> List.copyOf(c.examples())).toList();
        Model base = pretrained.get();
        stopTeaching.set(false);
        teaching.set(true);
        teachStatus.set("Training the new head…");
        Task<DrawnClasses.Result> t = task(() -> DrawnClasses.train(base, names, examples, DrawnClasses.Settings.defaults(), stopTeaching::get));
        t.setOnSucceeded(e -> {
            teaching.set(false);
            DrawnClasses.Result r = t.getValue();
            if (r == null) {
                teachStatus.set("Stopped.");
                return;
            }
            taught.set(r.model());
            classifiedVersion = -1;
            teachStatus.set(String.format(Locale.ROOT, "Trained in %.1f s on %,d images (your %d drawings, shifted and turned)"
                            + " — %.0f %% right on them. Draw to test it.", r.seconds(), r.images(),
                    examples.stream().mapToInt(List::size).sum(), 100 * r.trainingAccuracy()));
        });
        t.setOnFailed(e -> {
            teaching.set(false);
            teachStatus.set("Training failed: " + messageOf(t.getException()));
        });
        worker.execute(t);
    }

    /**
     * Once per frame: when a taught model exists and the drawing changed, classifies it (one small
     * forward pass). A blank pad clears the answer.
     */
    public void pulse() {
        Model model = taught.get();
        if (model == null || (sketch.version() == classifiedVersion && model == classifiedModel)) return;
        classifiedVersion = sketch.version();
        classifiedModel = model;
        Classification c = classifier.classify(model, sketch.ink());
        classification.set(c.blank() ? null : c);
    }

    /** Saves the taught model as a normal .convscope file (weights, class names, trainable flags); says how it went. */
    public void saveModel(Path file) {
        try {
            ModelIO.save(taught.get(), file);
            teachStatus.set("Saved as " + file + ". Open it in any view (File → Open model…).");
        } catch (IOException e) {
            teachStatus.set("The model could not be saved: " + messageOf(e));
        }
    }

    /**
     * Loads a model saved by this lesson (or any model for 28×28 grey drawings with a Flatten): it
     * classifies at once, and its class names become the classes (their drawings are not in the file).
     */
    public Task<Model> loadModel(Path file) {
        Task<Model> t = task(() -> ModelIO.load(file));
        t.setOnSucceeded(e -> {
            Model m = t.getValue();
            String problem = Classifier.unsupported(m);
            if (problem == null && !m.inputShape().equals(org.convscope.engine.Shape.of(28, 28, 1))) {
                problem = "The model '" + m.name() + "' takes " + m.inputShape().toKeras() + ", not 28×28 grey drawings.";
            }
            if (problem == null && (m.classNames().size() < DrawnClasses.MIN_CLASSES || m.classNames().size() > DrawnClasses.MAX_CLASSES)) {
                problem = "The model '" + m.name() + "' has " + m.classNames().size() + " classes; this lesson takes 2 to 6.";
            }
            if (problem != null) {
                teachStatus.set(problem);
                return;
            }
            classes.setAll(m.classNames().stream().map(DrawnClass::new).toList());
            taught.set(m);
            classifiedVersion = -1;
            teachStatus.set("Loaded " + file.getFileName() + ": draw to test it, or add drawings and train again.");
        });
        t.setOnFailed(e -> teachStatus.set(messageOf(t.getException())));
        worker.execute(t);
        return t;
    }

    /** Makes the taught model the app's model: the Draw view and the others show its classes. */
    public void useInAllViews() {
        if (taught.get() == null) return;
        context.modelProperty().set(taught.get());
        context.inform("The model for " + String.join(", ", taught.get().classNames()) + " is now used in every view.");
    }

    /** Stops both lessons' runs (the window is closing). */
    public void stop() {
        stopComparison.set(true);
        stopTeaching.set(true);
    }

    private static <T> Task<T> task(Callable<T> work) {
        return new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
    }

    private static String messageOf(Throwable e) {
        return e == null ? "unknown error" : e.getMessage() == null ? e.toString() : e.getMessage();
    }

    // ---- accessors -------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<Model> pretrainedProperty() { return pretrained.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Dataset> dataProperty() { return data.getReadOnlyProperty(); }
    public ReadOnlyStringProperty loadProblemProperty() { return loadProblem.getReadOnlyProperty(); }
    public IntegerProperty sampleSizeProperty() { return sampleSize; }
    public IntegerProperty epochsProperty() { return epochs; }
    public ReadOnlyBooleanProperty comparingProperty() { return comparing.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty comparisonProgressProperty() { return comparisonProgress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty comparisonStatusProperty() { return comparisonStatus.getReadOnlyProperty(); }
    /** Test accuracy (%) against epoch, one curve per way. */
    public ObservableList<XYChart.Data<Number, Number>> curve(Way way) { return curves.get(way); }
    public ObservableList<Outcome> outcomes() { return outcomes; }
    /** The comparison being run or last run, for its models' structure; null before the first. */
    public ReadOnlyObjectProperty<TransferComparison> comparisonProperty() { return comparison.getReadOnlyProperty(); }
    public Sketch sketch() { return sketch; }
    public ObservableList<DrawnClass> classes() { return classes; }
    public ReadOnlyBooleanProperty teachingProperty() { return teaching.getReadOnlyProperty(); }
    public ReadOnlyStringProperty teachStatusProperty() { return teachStatus.getReadOnlyProperty(); }
    /** The model lesson 2 trained or loaded; null before. */
    public ReadOnlyObjectProperty<Model> taughtProperty() { return taught.getReadOnlyProperty(); }
    /** The taught model's answer for the pad's drawing; null when nothing is taught or the pad is blank. */
    public ReadOnlyObjectProperty<Classification> classificationProperty() { return classification.getReadOnlyProperty(); }
}
