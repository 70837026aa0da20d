package org.convscope.app.draw;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import org.convscope.app.AppContext;
import org.convscope.app.common.Background;
import org.convscope.data.ImageFiles;
import org.convscope.engine.ModelIO;
import org.convscope.engine.keras.InputRange;
import org.convscope.engine.keras.KerasFiles;
import org.convscope.engine.Model;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * State and commands of the Draw &amp; classify view. The input is either the pad's drawing or a
 * picture (opened, dropped, pasted or picked from the samples). Every change marks the input
 * dirty; {@link #pulse()}, called once per frame, hands the newest input to the classifier thread
 * unless it is still busy, so answers follow the pen at the frame rate and never queue up.
 * Runs on the FX thread.
 */
public final class DrawViewModel {
    /** Brush radius limits, in ink-grid units ({@link Sketch#SIZE} across the pad). */
    public static final double MIN_BRUSH = 6, MAX_BRUSH = 28, DEFAULT_BRUSH = 14;
    /** Longer side of the picture preview shown on the pad. */
    private static final int PREVIEW_SIDE = 1024;

    /** The preprocessing step shown in the small grid. */
    public enum Step {
        INK("Ink"), BOX("Box"), SCALED("Scaled"), CENTRED("Centred");

        public final String label;

        Step(String label) {
            this.label = label;
        }
    }

    /** The pretrained models offered in the picker. */
    public enum Pretrained {
        MNIST("Digits (MNIST)", org.convscope.data.Pretrained.MNIST_CNN),
        FASHION("Fashion-MNIST", org.convscope.data.Pretrained.FASHION_CNN),
        /** The same digits, read by a small ResNet (skip connections, global average pooling) instead of seed-001. */
        RESNET("Digits (ResNet)", org.convscope.data.Pretrained.RESNET_SMALL_MNIST);

        public final String label;
        /** The name {@link org.convscope.data.Pretrained} knows it by. */
        public final String name;

        Pretrained(String label, String name) {
            this.label = label;
            this.name = name;
        }
    }

    /** A picture as input: its name, pixels, and a preview no larger than {@link #PREVIEW_SIDE}. */
    public record Picture(String name, BufferedImage image, Image preview) {
    }

    private final AppContext context;
    private final Sketch sketch = new Sketch();
    private final Classifier classifier = new Classifier();
    private final ExecutorService worker = Background.daemonThread("convscope-classifier");
    private boolean dirty;
    private boolean inkChanged; // the drawing or picture changed since the last classification (not merely the model)
    private boolean busy;
    /** The last pretrained model loaded, to tell it from models set by others. */
    private Model pretrainedModel;

    // ---- Properties ----------------------------------------------------------------------------
    private final DoubleProperty brushRadius = new SimpleDoubleProperty(this, "brushRadius", DEFAULT_BRUSH);
    private final BooleanProperty eraser = new SimpleBooleanProperty(this, "eraser", false);
    private final ObjectProperty<InkColour> inkColour = new SimpleObjectProperty<>(this, "inkColour", InkColour.BLACK);
    private final ReadOnlyBooleanWrapper colourPad = new ReadOnlyBooleanWrapper(this, "colourPad", false);
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyObjectWrapper<Picture> picture = new ReadOnlyObjectWrapper<>(this, "picture");
    private final ReadOnlyObjectWrapper<Classification> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyObjectWrapper<Pretrained> pretrained = new ReadOnlyObjectWrapper<>(this, "pretrained");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(this, "step", Step.CENTRED);
    private Function<String, Optional<InputRange>> inputRangeQuestion = name -> Optional.of(InputRange.ZERO_TO_ONE);
    private final ExplanationViewModel explanation = new ExplanationViewModel(result.getReadOnlyProperty());

    public DrawViewModel(AppContext context) {
        this.context = context;
        colourPad.bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> takesColour(context.modelProperty().get()),
                context.modelProperty()));
        context.modelProperty().addListener((obs, old, model) -> {
            if (model != pretrainedModel) pretrained.set(null); // e.g. the model being trained took over
            if (model != null && Classifier.unsupported(model) != null) fail(Classifier.unsupported(model));
            else markDirty();
        });
    }

    /** Brush radius in ink-grid units, {@link #MIN_BRUSH}..{@link #MAX_BRUSH}. */
    public DoubleProperty brushRadiusProperty() {
        return brushRadius;
    }

    public BooleanProperty eraserProperty() {
        return eraser;
    }

    /** The colour strokes are drawn in, for a colour model (a grey model's pad draws ink only). */
    public ObjectProperty<InkColour> inkColourProperty() {
        return inkColour;
    }

    /**
     * True when the model takes colour input (H, W, 3): the pad is then white paper, strokes keep their
     * {@link #inkColourProperty() colour}, and the model gets the drawing in colour.
     */
    public ReadOnlyBooleanProperty colourPadProperty() {
        return colourPad.getReadOnlyProperty();
    }

    private static boolean takesColour(Model m) {
        return m != null && m.inputShape().rank() == 3 && m.inputShape().last() == 3;
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** The picture being classified; null while the input is the drawing. */
    public ReadOnlyObjectProperty<Picture> pictureProperty() {
        return picture.getReadOnlyProperty();
    }

    /** The newest answer of the network; null before the first one. */
    public ReadOnlyObjectProperty<Classification> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The latest problem (bad file, unusable model) in words; null when all is well. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Which pretrained model is in use; null for a model from a file or from training. */
    public ReadOnlyObjectProperty<Pretrained> pretrainedProperty() {
        return pretrained.getReadOnlyProperty();
    }

    /** True while a model or picture is being loaded. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ObjectProperty<Step> stepProperty() {
        return step;
    }

    /** Why the network answered as it did: the overlay's state. */
    public ExplanationViewModel explanation() {
        return explanation;
    }

    public Sketch sketch() {
        return sketch;
    }

    public AppContext context() {
        return context;
    }

    // ---- Commands: drawing ---------------------------------------------------------------------

    /** Pen down at (x, y) in ink-grid units. Drawing replaces a picture with the (empty) pad. */
    public void penDown(double x, double y) {
        error.set(null);
        if (picture.get() != null) {
            picture.set(null);
            sketch.clear();
        }
        sketch.begin(x, y, brushRadius.get(), eraser.get(), inkColour.get().rgb());
        changed();
    }

    public void penDrag(double x, double y) {
        sketch.extend(x, y);
        changed();
    }

    public void penUp() {
        sketch.end();
    }

    public void undo() {
        sketch.undo();
        changed();
    }

    public void redo() {
        sketch.redo();
        changed();
    }

    /** Empties the pad and forgets the picture and the answer. */
    public void clear() {
        sketch.clear();
        picture.set(null);
        error.set(null);
        result.set(null);
        context.inputProperty().set(null);
        changed();
    }

    public void thinner() {
        brushRadius.set(Math.max(MIN_BRUSH, brushRadius.get() - 2));
    }

    public void thicker() {
        brushRadius.set(Math.min(MAX_BRUSH, brushRadius.get() + 2));
    }

    private void changed() {
        canUndo.set(sketch.canUndo());
        canRedo.set(sketch.canRedo());
        inkChanged = true;
        markDirty();
    }

    private void markDirty() {
        dirty = true;
    }

    // ---- Commands: pictures --------------------------------------------------------------------

    /**
     * Opens a picture folder (one sub-folder of pictures per class) for the samples strip: listed in the background,
     * it becomes the app's picture folder ({@link AppContext#pictureFolderProperty}); one without class folders of
     * pictures is refused with a message, and the strip stays as it was.
     */
    public Task<java.util.List<SampleGallery.FolderSample>> openPictureFolder(Path folder) {
        Task<java.util.List<SampleGallery.FolderSample>> t = Background.task(() -> SampleGallery.folderSamples(folder));
        t.setOnSucceeded(e -> {
            if (t.getValue().isEmpty()) {
                error.set(folder + " holds no class folders of pictures: a picture folder has one sub-folder of pictures per class.");
                return;
            }
            error.set(null);
            context.pictureFolderProperty().set(folder);
            context.inform("Samples: pictures of " + folder.getFileName() + "'s classes.");
        });
        return Background.run(t);
    }

    /** Reads an image file in the background and shows it; a bad file leaves the input as it was. */
    public Task<Picture> openImage(Path file) {
        return loadPicture(file.getFileName().toString(), () -> ImageFiles.read(file));
    }

    /** Shows an image that is already decoded (pasted from the clipboard). */
    public Task<Picture> showImage(String name, BufferedImage image) {
        return loadPicture(name, () -> image);
    }

    private Task<Picture> loadPicture(String name, Background.Work<BufferedImage> read) {
        loading.set(true);
        Task<Picture> task = Background.task(() -> {
            BufferedImage image = read.call();
            return new Picture(name, image, SwingFXUtils.toFXImage(preview(image), null));
        });
        task.setOnSucceeded(e -> {
            loading.set(false);
            sketch.clear();
            picture.set(task.getValue());
            error.set(null);
            context.inform("Showing " + name);
            changed();
        });
        task.setOnFailed(e -> {
            loading.set(false);
            fail(messageOf(task.getException(), "The picture could not be opened"));
        });
        return Background.run(task);
    }

    private static BufferedImage preview(BufferedImage image) {
        double scale = Math.min(1.0, (double) PREVIEW_SIDE / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        var g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    // ---- Commands: models ----------------------------------------------------------------------

    /** Loads a pretrained model (from the assets folder, else from the jar) in the background. */
    public Task<Model> usePretrained(Pretrained which) {
        Task<Model> task = loadModel(which.label, () -> {
            try {
                return org.convscope.data.Pretrained.load(which.name);
            } catch (IOException e) {
                throw new IOException("The " + which.label + " model could not be loaded: " + e.getMessage()
                        + ". Open a model file instead (File → Open model…).", e);
            }
        });
        task.setOnSucceeded(e -> {
            pretrainedModel = task.getValue();
            if (use(pretrainedModel)) pretrained.set(which);
        });
        return task;
    }

    /**
     * Loads a model file in the background: a ConvScope model, or a Keras .h5/.keras model. When a Keras
     * model does not say which pixel values it takes (no Rescaling layer), the {@link #setInputRangeQuestion
     * question} is asked once it is loaded; cancelling keeps the old model.
     */
    public Task<Model> openModel(Path file) {
        String name = file.getFileName().toString();
        boolean keras = KerasFiles.isKerasFile(file);
        Task<Model> task = loadModel(name, () -> keras ? KerasFiles.read(file, InputRange.ZERO_TO_ONE) : ModelIO.load(file));
        task.setOnSucceeded(e -> {
            Model model = task.getValue();
            boolean used;
            if (keras && !KerasFiles.inputRangeIsKnown(model)) {
                Optional<InputRange> range = inputRangeQuestion.apply(name);
                if (range.isEmpty()) context.inform("Did not open " + name);
                used = range.isPresent() && useKerasModel(model, range.get());
            } else {
                used = use(model);
            }
            if (used) pretrained.set(null);
        });
        return task;
    }

    /**
     * Who answers "which pixel values was this Keras model trained on?" (the view: a dialog); given the
     * file name, empty to cancel. Without one, 0–1 is assumed, as the Keras tutorials train.
     */
    public void setInputRangeQuestion(Function<String, Optional<InputRange>> question) {
        this.inputRangeQuestion = question;
    }

    /** Makes a Keras model the app's model, fed pixel values in {@code range} (the user's answer). */
    public boolean useKerasModel(Model model, InputRange range) {
        model.setInputScale(range.scale);
        return use(model);
    }

    private Task<Model> loadModel(String name, Background.Work<Model> load) {
        loading.set(true);
        Task<Model> task = Background.task(load);
        // by the state, not task.isDone(): the FutureTask may not be marked done yet when the state changes
        task.stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.SUCCEEDED || state == Worker.State.FAILED || state == Worker.State.CANCELLED) loading.set(false);
        });
        task.setOnFailed(e -> fail(messageOf(task.getException(), "The model " + name + " could not be loaded")));
        return Background.run(task);
    }

    /** Makes {@code model} the app's model if it can classify pictures; otherwise says why and keeps the old one. */
    public boolean use(Model model) {
        String problem = Classifier.unsupported(model);
        if (problem != null) {
            fail(problem);
            return false;
        }
        error.set(null);
        context.modelProperty().set(model);
        context.inform("Loaded the model " + model.name() + (model.inputScale() == 1 ? ""
                : " (it takes pixel values 0–" + Math.round(model.inputScale()) + ": ConvScope scales its 0–1 pixels)")
                + ": draw or open a picture");
        return true;
    }

    private void fail(String message) {
        error.set(message);
        context.warn(message);
    }

    private static String messageOf(Throwable e, String fallback) {
        String m = e == null ? null : e.getMessage();
        return m == null || m.isBlank() ? fallback + "." : m;
    }

    // ---- Classification ------------------------------------------------------------------------

    /**
     * Once per frame: if the input changed and the classifier is idle, classify the newest input
     * on the worker thread. The answer is published on the FX thread, also as the app's input.
     */
    public void pulse() {
        Model model = context.modelProperty().get();
        if (!dirty || busy || model == null || Classifier.unsupported(model) != null) return;
        dirty = false;
        inkChanged = false;
        busy = true;
        Picture pic = picture.get();
        float[] ink = pic == null ? sketch.inkCopy() : null;
        // a colour model gets the drawing as a colour picture on white, as it would get a photo
        BufferedImage drawn = pic == null && takesColour(model) && !sketch.isBlank() ? sketch.colourPicture() : null;
        worker.execute(() -> {
            Classification answer = null;
            String problem = null;
            try {
                answer = pic != null ? classifier.classify(model, pic.image())
                        : drawn != null ? classifier.classify(model, drawn) : classifier.classify(model, ink);
            } catch (RuntimeException e) {
                problem = "The model could not classify this input: " + e.getMessage();
            }
            Classification a = answer;
            String p = problem;
            Platform.runLater(() -> {
                busy = false;
                if (p != null) {
                    fail(p);
                } else if (model == context.modelProperty().get()) {
                    result.set(a);
                    context.inputProperty().set(a.blank() ? null : a.input());
                    if (a.note() != null) context.inform(a.note());
                } else {
                    markDirty(); // the model changed meanwhile: answer again with the new one
                }
            });
        });
    }

    /**
     * {@link #pulse()} only when the drawing (or picture) itself changed since it was last classified: for a pad
     * outside Draw &amp; classify, whose strokes must become the input, but which must not replace an input another
     * view set (a test image opened from Train) just because the model changed.
     */
    public void pulseInk() {
        if (inkChanged) pulse();
    }

    /** True when the newest input has been classified (no change pending, nothing running); for tests. */
    public boolean isSettled() {
        return !dirty && !busy;
    }
}
