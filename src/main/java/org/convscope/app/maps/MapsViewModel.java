package org.convscope.app.maps;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import org.convscope.app.AppContext;
import org.convscope.app.ConvolutionRequest;
import org.convscope.app.common.Background;
import org.convscope.app.common.ColorMap;
import org.convscope.app.common.Descriptions;
import org.convscope.app.common.WhenShown;
import org.convscope.app.draw.Classification;
import org.convscope.app.draw.ExplanationViewModel;
import org.convscope.trace.explain.ExplanationMethod;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Layer;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.convscope.engine.Summary;
import org.convscope.engine.Tensor;
import org.convscope.engine.Padding;
import org.convscope.trace.Grid;
import org.convscope.trace.LayerFilter;
import org.convscope.trace.PaddingSpec;
import org.convscope.trace.ReceptiveField;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * State of the "Inside the network" view: the activations of the current model on the current input,
 * what is selected, hovered and opened, and the legend. Recomputed by {@link #refresh()} when the model
 * or input changed ({@link #staleProperty()}); the view uses {@link #followInBackground()} instead, so
 * that inference runs off the FX thread, the maps are repainted at most once per frame, and nothing is
 * computed while the view is not shown.
 */
public final class MapsViewModel {

    /** What the main area shows. */
    public sealed interface Page {
    }

    public record Overview() implements Page {
    }

    /** One feature map, large, with the kernels that produced it. */
    public record MapDetail(int column, int channel) implements Page {
    }

    /** All kernels of a Conv2D column. */
    public record KernelGallery(int column) implements Page {
    }

    /** A unit under the pointer: column, map, cell; {@code index} into the column's (1, ...) data. */
    public record Hover(int column, int channel, int row, int col, int index) {
    }

    private final AppContext context;
    private final Executor worker = Background.daemonThread("maps-forward");
    // refreshInBackground state; FX thread only, except copiedFrom/workerCopy (worker thread only)
    private boolean computing;
    private Finished pending;
    private boolean recomputeWhenDone;
    private Model copiedFrom;
    private Model workerCopy;
    private int passesStarted; // background passes handed to the worker in all, for tests
    private final WhenShown background = new WhenShown(this::refreshInBackground);

    // ---- Properties ------------------------------------------------------------------------
    private final ReadOnlyObjectWrapper<NetworkActivations> activations = new ReadOnlyObjectWrapper<>(this, "activations");
    private final ReadOnlyObjectWrapper<Summary> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final ReadOnlyStringWrapper inputMessage = new ReadOnlyStringWrapper(this, "inputMessage", "");
    private final BooleanProperty stale = new SimpleBooleanProperty(this, "stale", true);
    private final BooleanProperty resultPending = new SimpleBooleanProperty(this, "resultPending", false);
    private final ObjectProperty<Normalisation> normalisation = new SimpleObjectProperty<>(this, "normalisation", Normalisation.PER_MAP);
    private final IntegerProperty selectedColumn = new SimpleIntegerProperty(this, "selectedColumn", 1);
    private final IntegerProperty selectedChannel = new SimpleIntegerProperty(this, "selectedChannel", 0);
    private final ObjectProperty<Page> page = new SimpleObjectProperty<>(this, "page", new Overview());
    private final ObjectProperty<Hover> hover = new SimpleObjectProperty<>(this, "hover");
    private final ObjectBinding<ReceptiveField> receptiveField;
    private final ObjectBinding<String> hoverText;
    private final ObjectBinding<ValueRange> legendRange;
    private final ObjectBinding<ColorMap> legendColorMap;
    private final ObjectBinding<String> legendTitle;
    // the explanation column: saliency and Grad-CAM of the network's answer to the input the maps show
    private final BooleanProperty explanationsShown = new SimpleBooleanProperty(this, "explanationsShown", false);
    private final ReadOnlyObjectWrapper<Classification> answer = new ReadOnlyObjectWrapper<>(this, "answer");
    private final ExplanationViewModel saliency = new ExplanationViewModel(answer.getReadOnlyProperty());
    private final ExplanationViewModel gradCam = new ExplanationViewModel(answer.getReadOnlyProperty());

    public MapsViewModel(AppContext context) {
        this.context = context;
        context.modelProperty().addListener((obs, old, m) -> stale.set(true));
        context.inputProperty().addListener((obs, old, x) -> stale.set(true));
        receptiveField = Bindings.createObjectBinding(this::computeReceptiveField, hover, activations);
        hoverText = Bindings.createObjectBinding(this::describeHover, hover, activations);
        ObservableValue<?>[] legendInputs = {activations, normalisation, selectedColumn, selectedChannel, hover};
        legendRange = Bindings.createObjectBinding(() -> {
            NetworkActivations a = activations.get();
            return a == null ? null : a.range(legendColumn(), legendChannel(), normalisation.get());
        }, legendInputs);
        legendColorMap = Bindings.createObjectBinding(() -> activations.get() == null ? context.sequentialColorMapProperty().get()
                : activations.get().colorMap(legendColumn(), context.sequentialColorMapProperty().get()),
                activations, normalisation, selectedColumn, selectedChannel, hover, context.sequentialColorMapProperty());
        legendTitle = Bindings.createObjectBinding(this::describeLegend, legendInputs);
        saliency.methodProperty().set(ExplanationMethod.SALIENCY);
        gradCam.methodProperty().set(ExplanationMethod.GRAD_CAM);
        saliency.enabledProperty().bind(explanationsShown);
        gradCam.enabledProperty().bind(explanationsShown);
        gradCam.opacityProperty().bindBidirectional(saliency.opacityProperty());
    }

    public ReadOnlyObjectProperty<NetworkActivations> activationsProperty() {
        return activations.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Summary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Why the maps show a blank input (no drawing yet, or an input of the wrong shape); empty otherwise. */
    public ReadOnlyStringProperty inputMessageProperty() {
        return inputMessage.getReadOnlyProperty();
    }

    /**
     * Whether the view is on screen; while it is not, {@link #followInBackground()} leaves the maps stale and
     * refreshes them once when it is shown again. True until a view binds it.
     */
    public BooleanProperty shownProperty() {
        return background.shownProperty();
    }

    /** True when the model or input changed since the last {@link #refresh()}. */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale;
    }

    public ObjectProperty<Normalisation> normalisationProperty() {
        return normalisation;
    }

    /** The selected column (0 = input, i + 1 = layer i); the summary table selects row i. */
    public IntegerProperty selectedColumnProperty() {
        return selectedColumn;
    }

    /** The selected map within the selected column (for the legend in per-map mode). */
    public IntegerProperty selectedChannelProperty() {
        return selectedChannel;
    }

    public ObjectProperty<Page> pageProperty() {
        return page;
    }

    public ObjectProperty<Hover> hoverProperty() {
        return hover;
    }

    /** The input pixels the hovered unit depends on; null when nothing is hovered. */
    public ObjectBinding<ReceptiveField> receptiveFieldProperty() {
        return receptiveField;
    }

    /** "conv2d · map 3 · (4, 7) = 0.512 · sees input rows 4–6, cols 7–9", or empty. */
    public ObjectBinding<String> hoverTextProperty() {
        return hoverText;
    }

    public ObjectBinding<ValueRange> legendRangeProperty() {
        return legendRange;
    }

    public ObjectBinding<ColorMap> legendColorMapProperty() {
        return legendColorMap;
    }

    /** The colours of unsigned maps, the user's setting (viridis or cividis); repainted when it changes. */
    public ObjectProperty<ColorMap> sequentialColorMapProperty() {
        return context.sequentialColorMapProperty();
    }

    public ObjectBinding<String> legendTitleProperty() {
        return legendTitle;
    }

    /** Whether the explanation column is shown (and so computed). */
    public BooleanProperty explanationsShownProperty() {
        return explanationsShown;
    }

    /**
     * The network's answer to the input the maps show, for the explanation column: null when the output is no
     * vector of class scores; blank (no probabilities) when there is no real input yet.
     */
    public ReadOnlyObjectProperty<Classification> answerProperty() {
        return answer.getReadOnlyProperty();
    }

    /** The column's saliency map: its class, opacity (shared with Grad-CAM) and status. */
    public ExplanationViewModel saliency() {
        return saliency;
    }

    /** The column's Grad-CAM map; its layer is {@link ExplanationViewModel#gradCamLayerProperty()}. */
    public ExplanationViewModel gradCam() {
        return gradCam;
    }

    // ---- Commands --------------------------------------------------------------------------

    /** Explains class k in the column (both maps); the top class goes back to following the answer. */
    public void explainClass(int k) {
        saliency.explainClass(k);
        gradCam.explainClass(k);
    }

    /**
     * Runs the current model on the current input (a blank input when there is none or its shape does
     * not fit) and publishes the activations, on the calling thread. Keeps selection and page when the
     * architecture is the same (a model replaced during training), resets them otherwise.
     */
    public void refresh() {
        Job job = startJob();
        if (job != null) publish(job, NetworkActivations.compute(job.model(), job.input()));
    }

    /**
     * Like {@link #refresh()}, but the forward pass runs now on a worker thread, on the worker's own copy
     * of the model (views on the FX thread keep using the shared one), and its result waits in
     * {@link #resultPendingProperty()} for {@link #publishPending()}, which the view calls at the start of
     * the next frame: at most one repaint per frame, shown in the first frame after the pass. One pass is
     * in flight at a time; changes meanwhile are folded into one more pass with the latest model and
     * input, so the pen never waits for the network. Call on the FX thread.
     */
    public void refreshInBackground() {
        if (computing) {
            stale.set(false);
            recomputeWhenDone = true;
            return;
        }
        Job job = startJob();
        if (job == null) return;
        computing = true;
        passesStarted++;
        worker.execute(() -> {
            NetworkActivations a = null;
            String failure = null;
            try {
                if (job.model() != copiedFrom) {
                    workerCopy = job.model().copy(); // reads weights only, safe beside FX-thread inference
                    copiedFrom = job.model();
                }
                a = NetworkActivations.compute(workerCopy, job.input());
            } catch (RuntimeException e) {
                failure = "The maps could not be computed: " + e.getMessage();
            }
            NetworkActivations result = a;
            String error = failure;
            Platform.runLater(() -> {
                computing = false;
                if (result != null) {
                    pending = new Finished(job, result);
                    resultPending.set(true);
                } else {
                    inputMessage.set(error);
                }
                if (recomputeWhenDone) {
                    recomputeWhenDone = false;
                    background.request();
                }
            });
        });
    }

    /**
     * Keeps the maps following the model and input from now on: {@link #refreshInBackground()} now and whenever
     * they go stale, while the view is shown; once when it is shown again after changes while it was not.
     */
    public void followInBackground() {
        stale.addListener((obs, was, isStale) -> {
            if (isStale) background.request();
        });
        background.request();
    }

    /** How many background passes have been handed to the worker so far; for tests. */
    int passesStarted() {
        return passesStarted;
    }

    /** A background pass's result waits to be shown (see {@link #publishPending()}). */
    public ReadOnlyBooleanProperty resultPendingProperty() {
        return resultPending;
    }

    /** Shows the latest finished background pass, if any. */
    public void publishPending() {
        Finished f = pending;
        pending = null;
        resultPending.set(false);
        if (f != null) publish(f.job(), f.activations());
    }

    private record Finished(Job job, NetworkActivations activations) {
    }

    /** What one refresh computes: a model and an input it accepts, (1, input shape...). */
    private record Job(Model model, Tensor input, Summary summary, boolean blank) {
    }

    /** Reads model and input, sets the input message; null when there is no model to run. */
    private Job startJob() {
        stale.set(false);
        Model model = context.modelProperty().get();
        if (model == null || !model.isBuilt()) {
            activations.set(null);
            summary.set(null);
            inputMessage.set("No model loaded.");
            return null;
        }
        Tensor x = context.inputProperty().get();
        Shape expected = model.inputShape();
        if (x == null) {
            inputMessage.set("Draw a " + Descriptions.drawnThing(model) + " on the pad (or in \u201cDraw & classify\u201d): the maps below show a blank input.");
            return new Job(model, Tensor.zeros(expected.withBatch(1)), model.summary(), true);
        } else if (x.rank() < 2 || x.batch() != 1 || !x.exampleShape().equals(expected)) {
            inputMessage.set("The input is " + shapeOf(x) + " but " + model.name() + " expects " + expected
                    + ": the maps below show a blank input.");
            return new Job(model, Tensor.zeros(expected.withBatch(1)), model.summary(), true);
        }
        inputMessage.set("");
        return new Job(model, x, model.summary(), false);
    }

    private void publish(Job job, NetworkActivations result) {
        Summary next = job.summary();
        boolean sameArchitecture = summary.get() != null && summary.get().rows().equals(next.rows())
                && summary.get().inputShape().equals(next.inputShape());
        if (!sameArchitecture) {
            hover.set(null);
            page.set(new Overview());
            selectedChannel.set(0);
            selectedColumn.set(Math.min(1, job.model().layers().size()));
        }
        summary.set(next);
        activations.set(result);
        Shape out = job.model().outputShape();
        answer.set(out.rank() != 1 ? null : new Classification(job.model(), null, job.input(),
                job.blank() ? null : result.column(result.columns() - 1).data.clone(), null));
    }

    private static String shapeOf(Tensor x) {
        return x.rank() < 2 ? "empty" : x.exampleShape().toString();
    }

    /** Selects a map and opens it large. */
    public void openDetail(int column, int channel) {
        select(column, channel);
        page.set(new MapDetail(column, channel));
    }

    /** Opens the gallery of a Conv2D column's kernels. */
    public void openGallery(int column) {
        select(column, selectedColumn.get() == column ? selectedChannel.get() : 0);
        page.set(new KernelGallery(column));
    }

    public void showOverview() {
        page.set(new Overview());
    }

    public void select(int column, int channel) {
        selectedColumn.set(column);
        selectedChannel.set(channel);
    }

    /** Whether the open detail shows a Conv2D or DepthwiseConv2D map, which the Convolution view can step through. */
    public boolean canStepThrough() {
        return page.get() instanceof MapDetail d && activations.get() != null
                && LayerFilter.supports(activations.get().layer(d.column()));
    }

    /**
     * Asks the app to open the Convolution view on the open map's input and kernel: a Conv2D filter over the layer
     * it reads (in a graph not always the column before it), a DepthwiseConv2D kernel over its own channel.
     */
    public void stepThrough() {
        if (!canStepThrough()) return;
        MapDetail d = (MapDetail) page.get();
        NetworkActivations a = activations.get();
        Layer layer = a.layer(d.column());
        LayerFilter f = LayerFilter.of(a.model(), layer.name(), d.channel(), a.input());
        Padding padding = f.padding().kind() == PaddingSpec.Kind.SAME ? Padding.SAME : Padding.VALID;
        context.convolutionRequestProperty().set(new ConvolutionRequest(layer.name(), d.channel(), hwc(f.input()), hwc(f.kernel()),
                f.bias(), f.strideH(), f.strideW(), padding, f.dilationH(), f.dilationW(), f.activation()));
        context.requestedViewProperty().set(org.convscope.app.conv.ConvolutionView.TITLE);
    }

    /** A grid as an (H, W, C) tensor. */
    private static Tensor hwc(Grid g) {
        return g.toTensor().reshape(g.height(), g.width(), g.channels());
    }

    /** Filter {@code f}'s kernel, copied out of the layer's (KH, KW, C_in, F): (KH, KW, C_in). */
    public static Tensor filterKernel(Conv2D conv, int f) {
        return hwc(LayerFilter.slice(conv.kernel(), f, -1));
    }

    /**
     * A filter over a colour input as a colour picture, the way first-layer filters are usually shown:
     * each weight w of k (KH, KW, 3) becomes 0.5 + w / (2·max) in its channel, so mid-grey is all zeros,
     * and a filter that wants red is red. max: the largest |w| of the layer, so filters compare. k not modified.
     */
    public static float[] kernelPicture(Tensor k, double max) {
        float[] rgb = new float[k.data.length]; // (KH, KW, 3) in 0..1
        float m = max > 0 ? (float) max : 1;
        for (int i = 0; i < rgb.length; i++) rgb[i] = 0.5f + k.data[i] / (2 * m);
        return rgb;
    }

    // ---- derived state ---------------------------------------------------------------------

    private int legendColumn() {
        Hover h = hover.get();
        int columns = activations.get().columns();
        return h != null ? h.column() : Math.max(0, Math.min(selectedColumn.get(), columns - 1));
    }

    private int legendChannel() {
        Hover h = hover.get();
        if (h != null) return h.channel();
        int col = legendColumn();
        return col == selectedColumn.get() ? Math.min(selectedChannel.get(), activations.get().channels(col) - 1) : 0;
    }

    private String describeLegend() {
        NetworkActivations a = activations.get();
        if (a == null) return "";
        int col = legendColumn();
        String name = columnName(a, col);
        if (col == 0) return name;
        if (a.shape(col).rank() != 3 || normalisation.get() == Normalisation.PER_LAYER) return name + ", whole layer";
        return name + ", map " + legendChannel();
    }

    static String columnName(NetworkActivations a, int column) {
        Layer l = a.layer(column);
        return l == null ? "input" : l.name();
    }

    private ReceptiveField computeReceptiveField() {
        Hover h = hover.get();
        NetworkActivations a = activations.get();
        if (h == null || a == null) return null;
        if (h.column() == 0) return new ReceptiveField(h.row(), h.col(), h.row(), h.col(), 1, 1);
        if (a.model().inputShape().rank() != 3) return null; // no image, no field
        return ReceptiveField.of(a.model(), h.column() - 1, h.row(), h.col());
    }

    private String describeHover() {
        Hover h = hover.get();
        NetworkActivations a = activations.get();
        if (h == null || a == null) return "";
        float v = a.column(h.column()).data[h.index()];
        String name = columnName(a, h.column());
        if (a.shape(h.column()).rank() != 3) {
            return String.format("%s \u00b7 unit %d = %.4g \u00b7 sees the whole input", name, h.index(), v);
        }
        ReceptiveField rf = receptiveField.get();
        if (rf == null) return String.format("%s \u00b7 map %d \u00b7 row %d, col %d = %.4g", name, h.channel(), h.row(), h.col(), v);
        return String.format("%s \u00b7 map %d \u00b7 row %d, col %d = %.4g \u00b7 sees input rows %d\u2013%d, cols %d\u2013%d",
                name, h.channel(), h.row(), h.col(), v, rf.top(), rf.bottom(), rf.left(), rf.right());
    }

    /** The summary's rows (one per layer, in column order 1..n). */
    public List<Summary.Row> summaryRows() {
        return summary.get() == null ? List.of() : summary.get().rows();
    }
}
