package org.convscope.app.pool;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.convscope.app.common.InputChoice;
import org.convscope.app.common.StepperViewModel;
import org.convscope.engine.Tensor;
import org.convscope.trace.Geometry;
import org.convscope.trace.Grid;
import org.convscope.trace.PaddingSpec;
import org.convscope.trace.PoolTrace;
import org.convscope.trace.render.Frame;
import org.convscope.trace.render.Frames;
import org.convscope.trace.render.GridPicture;

import java.util.ArrayList;
import java.util.List;

/**
 * State of the Pooling view: max or average pooling of one channel, pool size, stride, padding
 * ({@code valid}/{@code same}) and the step shown. Every change re-plans the {@link PoolTrace} at
 * once. Starts on the 32×32 → 16×16 example. FX thread only.
 */
public final class PoolingViewModel extends StepperViewModel {

    // ---- Properties ----------------------------------------------------------------------------

    private final ObjectProperty<Tensor> drawing = new SimpleObjectProperty<>(this, "drawing");
    private final ObjectProperty<InputChoice> inputChoice = new SimpleObjectProperty<>(this, "inputChoice", InputChoice.BLOBS_32);
    private final ObjectProperty<PoolTrace.Kind> kind = new SimpleObjectProperty<>(this, "kind", PoolTrace.Kind.MAX);
    private final IntegerProperty poolSize = new SimpleIntegerProperty(this, "poolSize", 2);
    private final IntegerProperty stride = new SimpleIntegerProperty(this, "stride", 2);
    private final BooleanProperty samePadding = new SimpleBooleanProperty(this, "samePadding", false);
    private final IntegerProperty channel = new SimpleIntegerProperty(this, "channel", 0);
    private final ObjectProperty<Grid> input = new SimpleObjectProperty<>(this, "input");
    private final ObjectProperty<GridPicture.Cell> hoveredInput = new SimpleObjectProperty<>(this, "hoveredInput");

    private final ReadOnlyObjectWrapper<PoolTrace> trace = new ReadOnlyObjectWrapper<>(this, "trace");
    private final ReadOnlyObjectWrapper<Frame> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final ReadOnlyStringWrapper outputSize = new ReadOnlyStringWrapper(this, "outputSize", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ObservableList<GridPicture.Cell> fedOutputs = FXCollections.observableArrayList();

    public PoolingViewModel() {
        inputChoice.addListener(x -> reload());
        drawing.addListener(x -> reload());
        for (Observable o : List.<Observable>of(input, kind, poolSize, stride, samePadding, channel)) o.addListener(x -> replan());
        stepIndexProperty().addListener(x -> refreshFrame());
        hoveredInput.addListener(x -> refreshFed());
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
    public ObjectProperty<GridPicture.Cell> hoveredInputProperty() { return hoveredInput; }
    public ReadOnlyObjectProperty<PoolTrace> traceProperty() { return trace.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Frame> frameProperty() { return frame.getReadOnlyProperty(); }
    public ReadOnlyStringProperty outputSizeProperty() { return outputSize.getReadOnlyProperty(); }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    public ReadOnlyStringProperty noteProperty() { return note.getReadOnlyProperty(); }
    public ObservableList<GridPicture.Cell> fedOutputs() { return fedOutputs; }

    // ---- Commands ------------------------------------------------------------------------------

    /** Jumps to the step that computes output cell (i, j). */
    public void selectOutputCell(int i, int j) {
        PoolTrace t = trace.get();
        if (t != null && i >= 0 && j >= 0 && i < t.geometry().outH() && j < t.geometry().outW()) seek(t.indexOf(i, j));
    }

    // ---- re-planning ---------------------------------------------------------------------------

    private void reload() {
        note.set(inputChoice.get().note(drawing.get()));
        Grid g = inputChoice.get().grid(drawing.get());
        if (channel.get() >= g.channels()) channel.set(0);
        input.set(g);
    }

    private void replan() {
        Grid in = input.get();
        if (in == null) return;
        PoolTrace t;
        try {
            t = new PoolTrace(kind.get(), in, Math.max(0, Math.min(channel.get(), in.channels() - 1)), poolSize.get(),
                    stride.get(), samePadding.get() ? PaddingSpec.same() : PaddingSpec.valid());
        } catch (IllegalArgumentException e) {
            trace.set(null);
            frame.set(null);
            problem.set(e.getMessage());
            outputSize.set("no output: " + e.getMessage());
            return;
        }
        problem.set("");
        trace.set(t);
        Geometry g = t.geometry();
        outputSize.set(g.inH() + "×" + g.inW() + " → " + g.outH() + "×" + g.outW() + " — " + t.stepCount() + " steps");
        setStepCount(t.stepCount());
        refreshFrame();
        refreshFed();
    }

    private void refreshFrame() {
        PoolTrace t = trace.get();
        frame.set(t == null ? null : Frames.pool(t, getStepIndex()));
    }

    private void refreshFed() {
        PoolTrace t = trace.get();
        GridPicture.Cell c = hoveredInput.get();
        List<GridPicture.Cell> cells = new ArrayList<>();
        if (t != null && c != null) {
            for (int[] ij : t.geometry().outputsFedBy(c.row(), c.col())) cells.add(new GridPicture.Cell(ij[0], ij[1]));
        }
        fedOutputs.setAll(cells);
    }
}
