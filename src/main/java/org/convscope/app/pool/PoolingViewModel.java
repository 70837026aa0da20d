package org.convscope.app.pool;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.convscope.app.common.InputChoice;
import org.convscope.app.common.StepperViewModel;
import org.convscope.engine.Tensor;
import org.convscope.trace.Geometry;
import org.convscope.trace.Grid;
import org.convscope.trace.PaddingSpec;
import org.convscope.trace.PoolTrace;
import org.convscope.trace.render.Frames;

import java.util.List;

/**
 * State of the Pooling view: max or average pooling of one channel, pool size, stride, padding
 * ({@code valid}/{@code same}) and the step shown. Every change re-plans the {@link PoolTrace} at
 * once; a new drawing while the view is not shown, when it is shown. Starts on the 32×32 → 16×16 example. FX thread only.
 */
public final class PoolingViewModel extends StepperViewModel<PoolTrace> {

    // ---- Properties ----------------------------------------------------------------------------

    private final ObjectProperty<Tensor> drawing = new SimpleObjectProperty<>(this, "drawing");
    private final ObjectProperty<InputChoice> inputChoice = new SimpleObjectProperty<>(this, "inputChoice", InputChoice.BLOBS_32);
    private final ObjectProperty<PoolTrace.Kind> kind = new SimpleObjectProperty<>(this, "kind", PoolTrace.Kind.MAX);
    private final IntegerProperty poolSize = new SimpleIntegerProperty(this, "poolSize", 2);
    private final IntegerProperty stride = new SimpleIntegerProperty(this, "stride", 2);
    private final BooleanProperty samePadding = new SimpleBooleanProperty(this, "samePadding", false);
    private final IntegerProperty channel = new SimpleIntegerProperty(this, "channel", 0);
    private final ObjectProperty<Grid> input = new SimpleObjectProperty<>(this, "input");

    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");

    public PoolingViewModel() {
        inputChoice.addListener(x -> requestReload());
        drawing.addListener(x -> requestReload());
        for (Observable o : List.<Observable>of(input, kind, poolSize, stride, samePadding, channel)) o.addListener(x -> replan());
        reload();
    }

    /** The current drawing, (1, H, W, C) in 0..1; null when nothing is drawn. */
    public ObjectProperty<Tensor> drawingProperty() { return drawing; }
    public ObjectProperty<InputChoice> inputChoiceProperty() { return inputChoice; }
    public ObjectProperty<PoolTrace.Kind> kindProperty() { return kind; }
    public IntegerProperty poolSizeProperty() { return poolSize; }
    public IntegerProperty strideProperty() { return stride; }
    /** Keras' {@code same} when true, {@code valid} when false. */
    public BooleanProperty samePaddingProperty() { return samePadding; }
    /** The channel pooled (pooling works on each channel alone). */
    public IntegerProperty channelProperty() { return channel; }
    public ObjectProperty<Grid> inputProperty() { return input; }
    public ReadOnlyStringProperty noteProperty() { return note.getReadOnlyProperty(); }

    // ---- re-planning ---------------------------------------------------------------------------

    @Override
    protected void reload() {
        note.set(inputChoice.get().note(drawing.get()));
        Grid g = inputChoice.get().grid(drawing.get());
        if (channel.get() >= g.channels()) channel.set(0);
        input.set(g);
    }

    private void replan() {
        Grid in = input.get();
        if (in == null) return;
        replan(() -> new PoolTrace(kind.get(), in, Math.max(0, Math.min(channel.get(), in.channels() - 1)), poolSize.get(),
                        stride.get(), samePadding.get() ? PaddingSpec.same() : PaddingSpec.valid()),
                t -> {
                    Geometry g = t.geometry();
                    return g.inH() + "×" + g.inW() + " → " + g.outH() + "×" + g.outW() + " — " + t.stepCount() + " steps";
                });
    }

    @Override
    protected void refreshFrame() {
        PoolTrace t = traceProperty().get();
        setFrame(t == null ? null : Frames.pool(t, getStepIndex()));
    }
}
