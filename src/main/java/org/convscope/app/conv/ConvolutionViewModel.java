package org.convscope.app.conv;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.FloatProperty;
import javafx.beans.property.IntegerProperty;
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
import javafx.beans.property.SimpleFloatProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.convscope.app.common.InputChoice;
import org.convscope.app.common.StepperViewModel;
import org.convscope.data.ImageFolder;
import org.convscope.data.InputStyle;
import org.convscope.engine.Activation;
import org.convscope.engine.Conv2D;
import org.convscope.engine.DepthwiseConv2D;
import org.convscope.engine.Layer;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.convscope.trace.ConvTrace;
import org.convscope.trace.Grid;
import org.convscope.trace.LayerFilter;
import org.convscope.trace.PaddingSpec;
import org.convscope.trace.ReceptiveField;
import org.convscope.trace.Samples;
import org.convscope.trace.render.Frame;
import org.convscope.trace.render.Frames;

import java.util.ArrayList;
import java.util.List;

/**
 * State of the Convolution view: what slides over what, how (kernel size, stride, padding,
 * dilation), and which step is shown. Every change re-plans the {@link ConvTrace} at once (a new
 * drawing or model while the view is not shown, when it is shown); the {@link Frame} shown is a pure function of the trace and the step index. FX thread only.
 */
public final class ConvolutionViewModel extends StepperViewModel<ConvTrace> {

    public enum PaddingChoice { VALID, SAME, CUSTOM }

    // ---- Properties ----------------------------------------------------------------------------

    private final ObjectProperty<Model> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<Tensor> drawing = new SimpleObjectProperty<>(this, "drawing");
    private final ObjectProperty<Sample> colourSample = new SimpleObjectProperty<>(this, "colourSample");

    private final ObjectProperty<InputChoice> inputChoice = new SimpleObjectProperty<>(this, "inputChoice", InputChoice.SEED_PATCH);
    private final ObjectProperty<KernelChoice> kernelChoice =
            new SimpleObjectProperty<>(this, "kernelChoice", new KernelChoice(org.convscope.trace.KernelPreset.SHARPEN));
    private final IntegerProperty kernelSize = new SimpleIntegerProperty(this, "kernelSize", 3);
    private final IntegerProperty stride = new SimpleIntegerProperty(this, "stride", 1);
    private final ObjectProperty<PaddingChoice> paddingChoice = new SimpleObjectProperty<>(this, "paddingChoice", PaddingChoice.VALID);
    private final IntegerProperty customPadding = new SimpleIntegerProperty(this, "customPadding", 1);
    private final IntegerProperty dilation = new SimpleIntegerProperty(this, "dilation", 1);
    private final FloatProperty bias = new SimpleFloatProperty(this, "bias", 0);
    private final ObjectProperty<Activation> activation = new SimpleObjectProperty<>(this, "activation", Activation.RELU);
    private final IntegerProperty learnedLayer = new SimpleIntegerProperty(this, "learnedLayer", 0);
    private final IntegerProperty learnedFilter = new SimpleIntegerProperty(this, "learnedFilter", 0);
    private final IntegerProperty shownChannel = new SimpleIntegerProperty(this, "shownChannel", 0);

    /** The grid the kernel slides over, (H, W, C); replaced when a toy cell is edited. */
    private final ObjectProperty<Grid> input = new SimpleObjectProperty<>(this, "input");
    /** The kernel, (K, K, C); replaced when a cell is edited. */
    private final ObjectProperty<Grid> kernel = new SimpleObjectProperty<>(this, "kernel");

    /** The model's colour input picture, (1, H, W, 3) in 0..1, while a learned first-layer kernel slides over it; else null. */
    private final ReadOnlyObjectWrapper<Tensor> colourPicture = new ReadOnlyObjectWrapper<>(this, "colourPicture");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyStringWrapper receptiveField = new ReadOnlyStringWrapper(this, "receptiveField", "");
    private final ReadOnlyIntegerWrapper filterCount = new ReadOnlyIntegerWrapper(this, "filterCount", 0);
    private final ReadOnlyBooleanWrapper modelHasConv = new ReadOnlyBooleanWrapper(this, "modelHasConv", false);
    private final ObservableList<String> convLayers = FXCollections.observableArrayList();
    private final BooleanProperty inputEditable = new SimpleBooleanProperty(this, "inputEditable", false);

    private boolean loading;
    /** The learned filter shown, with its input; null while the kernel is not the model's. */
    private LayerFilter learned;

    public ConvolutionViewModel() {
        // a learned kernel brings its layer's input and geometry, so switching to or from one reloads everything
        // (a depthwise filter reads its own channel, so the filter chooses the input too)
        for (Observable o : List.<Observable>of(inputChoice, drawing, colourSample, model, learnedLayer, kernelChoice, learnedFilter)) {
            o.addListener(x -> requestReload());
        }
        kernelSize.addListener(x -> reloadKernel());
        for (Observable o : List.<Observable>of(input, kernel, stride, paddingChoice, customPadding, dilation, bias, activation)) {
            o.addListener(x -> replan());
        }
        shownChannel.addListener(x -> refreshFrame());
        reload();
    }

    public ObjectProperty<Model> modelProperty() { return model; }
    /** A real colour picture (e.g. the first of the picture folder), with where it comes from ("cats/1.png of photos"). */
    public record Sample(String name, java.awt.image.BufferedImage image) {
    }

    /** The colour picture a colour model's kernel slides over while nothing is drawn; null when there is none. */
    public ObjectProperty<Sample> colourSampleProperty() { return colourSample; }

    /** The current drawing, (1, H, W, C) in 0..1 as the model sees it; null when nothing is drawn. */
    public ObjectProperty<Tensor> drawingProperty() { return drawing; }
    public ObjectProperty<InputChoice> inputChoiceProperty() { return inputChoice; }
    public ObjectProperty<KernelChoice> kernelChoiceProperty() { return kernelChoice; }
    public IntegerProperty kernelSizeProperty() { return kernelSize; }
    public IntegerProperty strideProperty() { return stride; }
    public ObjectProperty<PaddingChoice> paddingChoiceProperty() { return paddingChoice; }
    public IntegerProperty customPaddingProperty() { return customPadding; }
    public IntegerProperty dilationProperty() { return dilation; }
    public FloatProperty biasProperty() { return bias; }
    public ObjectProperty<Activation> activationProperty() { return activation; }
    /** Which Conv2D or DepthwiseConv2D of the model (0 = the first) gives the learned kernel. */
    public IntegerProperty learnedLayerProperty() { return learnedLayer; }
    public IntegerProperty learnedFilterProperty() { return learnedFilter; }
    /** The channel shown when the input has more than three. */
    public IntegerProperty shownChannelProperty() { return shownChannel; }
    public ObjectProperty<Grid> inputProperty() { return input; }
    public ObjectProperty<Grid> kernelProperty() { return kernel; }
    public BooleanProperty inputEditableProperty() { return inputEditable; }

    /**
     * The picture a colour model's first layer sees, R, G and B together (the per-channel grids show each
     * channel's numbers); null for other inputs.
     */
    public ReadOnlyObjectProperty<Tensor> colourPictureProperty() { return colourPicture.getReadOnlyProperty(); }
    /** A hint about the input, e.g. that nothing is drawn yet, or empty. */
    public ReadOnlyStringProperty noteProperty() { return note.getReadOnlyProperty(); }
    /** For a learned kernel laid out as in the model: which input pixels the current output unit sees; else empty. */
    public ReadOnlyStringProperty receptiveFieldProperty() { return receptiveField.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty filterCountProperty() { return filterCount.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty modelHasConvProperty() { return modelHasConv.getReadOnlyProperty(); }
    /**
     * Labels of the model's Conv2D and DepthwiseConv2D layers, e.g. {@code conv2d_1 (3×3, 32 filters)}; in a graph
     * with the layer each reads, e.g. {@code conv2d_6 (1×1 stride 2, 32 filters) on re_lu_2}.
     */
    public ObservableList<String> convLayers() { return convLayers; }

    // ---- Commands ------------------------------------------------------------------------------

    /** Types {@code value} into kernel cell (u, v) of channel c. */
    public void setKernelCell(int u, int v, int c, float value) {
        kernel.set(kernel.get().with(u, v, c, value));
    }

    // ---- re-planning ---------------------------------------------------------------------------

    private List<Integer> convLayerIndices() {
        List<Integer> idx = new ArrayList<>();
        Model m = model.get();
        if (m == null || !m.isBuilt()) return idx;
        for (int i = 0; i < m.layers().size(); i++) {
            if (LayerFilter.supports(m.layers().get(i))) idx.add(i);
        }
        return idx;
    }

    /**
     * "Step through this" from Inside the network: the learned kernel of the request's filter and
     * layer, over that layer's real input for the current drawing. Returns false when the loaded
     * model has no such Conv2D layer (e.g. it was replaced meanwhile).
     */
    public boolean stepThrough(org.convscope.app.ConvolutionRequest request) {
        List<Integer> convs = convLayerIndices();
        for (int l = 0; l < convs.size(); l++) {
            if (model.get().layers().get(convs.get(l)).name().equals(request.layerName())) {
                learnedLayer.set(l);
                learnedFilter.set(request.filter());
                kernelChoice.set(KernelChoice.LEARNED);
                seek(0);
                return true;
            }
        }
        return false;
    }

    /** Input and kernel from the choices, then a new plan. */
    @Override
    protected void reload() {
        if (loading) return;
        loading = true;
        try {
            List<Integer> convs = convLayerIndices();
            List<String> labels = new ArrayList<>();
            for (int i : convs) labels.add(label(model.get(), model.get().layers().get(i)));
            if (!labels.equals(convLayers)) convLayers.setAll(labels);
            modelHasConv.set(!convs.isEmpty());
            inputEditable.set(!kernelChoice.get().learned() && inputChoice.get().editable());
            colourPicture.set(null);
            learned = null;
            if (kernelChoice.get().learned() && !convs.isEmpty()) {
                Layer layer = model.get().layers().get(convs.get(Math.max(0, Math.min(learnedLayer.get(), convs.size() - 1))));
                int count = LayerFilter.filterCount(layer);
                filterCount.set(count);
                Tensor x = modelInput(model.get());
                learned = LayerFilter.of(model.get(), layer.name(), Math.max(0, Math.min(learnedFilter.get(), count - 1)), x);
                input.set(learned.input());
                if (learned.source().equals(model.get().inputName()) && model.get().inputShape().last() == 3) colourPicture.set(x);
                kernelSize.set(learned.kernel().height());
                stride.set(learned.strideH());
                dilation.set(learned.dilationH());
                paddingChoice.set(learned.padding().kind() == PaddingSpec.Kind.SAME ? PaddingChoice.SAME : PaddingChoice.VALID);
                activation.set(learned.activation());
            } else {
                note.set(inputChoice.get().note(drawing.get()));
                filterCount.set(0);
                input.set(inputChoice.get().grid(drawing.get()));
            }
        } finally {
            loading = false;
        }
        reloadKernel();
    }

    /** {@code conv2d_1 (3×3, 32 filters)}, with the stride when not 1, "depthwise", and in a graph the layer it reads. */
    private static String label(Model m, Layer layer) {
        boolean depthwise = layer instanceof DepthwiseConv2D;
        int k = depthwise ? ((DepthwiseConv2D) layer).kernelH() : ((Conv2D) layer).kernelH();
        int stride = depthwise ? ((DepthwiseConv2D) layer).strideH() : ((Conv2D) layer).strideH();
        int n = LayerFilter.filterCount(layer);
        return layer.name() + " (" + k + "×" + k + (stride > 1 ? " stride " + stride : "") + (depthwise ? " depthwise, " + n + " channels" : ", " + n + " filters")
                + ")" + (m.isSequential() ? "" : " on " + m.inputsOf(layer.name()).get(0));
    }

    private Tensor modelInput(Model m) {
        Shape s = m.inputShape();
        Tensor d = drawing.get();
        if (d != null && d.exampleShape().equals(s)) {
            note.set("The model's input is the current drawing.");
            return d;
        }
        Sample sample = colourSample.get();
        if (s.last() == 3 && sample != null) {
            note.set("Nothing drawn yet: the model sees " + sample.name() + ", " + ImageFolder.FIT + ".");
            return InputStyle.PICTURE.picture(sample.image(), s);
        }
        note.set(s.last() == 3 ? "Nothing drawn yet and no colour picture at hand: the model sees the grey sample digit, the same in "
                + "its three channels R, G and B. Draw, or open a picture or a picture folder in Draw & classify, for colour."
                : "Nothing drawn yet: the model sees the sample digit.");
        Grid digit = Samples.digit();
        int h = s.dim(0), w = s.dim(1), c = s.last();
        float[] x = new float[h * w * c]; // (H, W, C): the digit resized by nearest neighbour, in every channel
        for (int r = 0; r < h; r++) {
            for (int q = 0; q < w; q++) {
                float v = digit.get(r * 28 / h, q * 28 / w, 0) / 255f;
                for (int ch = 0; ch < c; ch++) x[(r * w + q) * c + ch] = v;
            }
        }
        return new Tensor(x, 1, h, w, c);
    }

    private void reloadKernel() {
        if (loading) return;
        loading = true;
        try {
            Grid in = input.get();
            KernelChoice choice = kernelChoice.get();
            if (learned != null) {
                kernel.set(learned.kernel());
                bias.set(learned.bias());
            } else {
                org.convscope.trace.KernelPreset preset = choice.learned() ? org.convscope.trace.KernelPreset.IDENTITY : choice.preset();
                kernel.set(preset.kernel(kernelSize.get(), in.channels()));
                if (choice.learned()) note.set("No model with a Conv2D layer is loaded: showing the identity kernel.");
            }
        } finally {
            loading = false;
        }
        replan();
    }

    private PaddingSpec paddingSpec() {
        return switch (paddingChoice.get()) {
            case VALID -> PaddingSpec.valid();
            case SAME -> PaddingSpec.same();
            case CUSTOM -> PaddingSpec.explicit(customPadding.get());
        };
    }

    private void replan() {
        if (loading || input.get() == null || kernel.get() == null) return;
        replan(() -> new ConvTrace(input.get(), kernel.get(), bias.get(), activation.get(), stride.get(), dilation.get(), paddingSpec()),
                t -> "output " + t.geometry().outH() + "×" + t.geometry().outW() + " — " + t.stepCount() + " steps");
    }

    @Override
    protected void refreshFrame() {
        ConvTrace t = traceProperty().get();
        setFrame(t == null ? null : Frames.conv(t, getStepIndex(), shownChannel.get()));
        receptiveField.set(t == null ? "" : receptiveFieldText(t.step(getStepIndex()).outRow(), t.step(getStepIndex()).outCol()));
    }

    /** Only while the geometry is the layer's own: after a change the model no longer computes what is shown. */
    private String receptiveFieldText(int i, int j) {
        Layer layer = learnedLayer();
        LayerFilter f = learned;
        if (layer == null || f == null || f.strideH() != stride.get() || f.dilationH() != dilation.get()
                || paddingChoice.get() != (f.padding().kind() == PaddingSpec.Kind.SAME ? PaddingChoice.SAME : PaddingChoice.VALID)) {
            return "";
        }
        int index = model.get().layers().indexOf(layer);
        ReceptiveField rf = ReceptiveField.of(model.get(), index, i, j);
        return "Unit (" + i + ", " + j + ") of " + layer.name() + " sees image rows " + rf.top() + "–" + rf.bottom()
                + ", columns " + rf.left() + "–" + rf.right() + " (a " + rf.height() + "×" + rf.width() + " receptive field).";
    }

    /**
     * What a learned kernel slides over, e.g. {@code re_lu_2's output} (in a graph the layer read need not be the one
     * listed before it) or, for a depthwise kernel, {@code channel 2 of conv2d} (its own channel only); "" when the
     * kernel is not the model's.
     */
    public String learnedSource() {
        LayerFilter f = learned;
        if (f == null) return "";
        return f.depthwise() ? "channel " + f.inputChannel() + " of " + f.source() + " (depthwise: its own kernel)"
                : f.source().equals(model.get().inputName()) ? "the image" : f.source() + "'s output";
    }

    /** The layer a learned kernel comes from, for labels; null when none. */
    public Layer learnedLayer() {
        List<Integer> convs = convLayerIndices();
        if (!kernelChoice.get().learned() || convs.isEmpty()) return null;
        return model.get().layers().get(convs.get(Math.max(0, Math.min(learnedLayer.get(), convs.size() - 1))));
    }
}
