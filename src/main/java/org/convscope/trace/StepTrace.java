package org.convscope.trace;

/**
 * What every step model of a sliding window shares: one step per output cell of its
 * {@link Geometry}, row-major, computed on demand so that scrubbing to any index is immediate, and
 * the finished output assembled from those steps. Subclasses say only how one step is computed.
 *
 * @param <S> the step record, e.g. {@link ConvStep} or {@link PoolStep}
 */
public abstract class StepTrace<S extends StepTrace.Step> {

    /** One computed output cell; the records already carry {@code output()}. */
    public interface Step {
        float output();
    }

    private final Geometry geometry;
    /** Every output value, computed once; a benign race, as any thread computes the same grid. */
    private volatile Grid output;

    protected StepTrace(Geometry geometry) {
        this.geometry = geometry;
    }

    public final Geometry geometry() { return geometry; }

    public final int stepCount() {
        return geometry.cellCount();
    }

    /** The step that computes output cell {@code (i, j)}. */
    public final int indexOf(int i, int j) {
        if (i < 0 || i >= geometry.outH() || j < 0 || j >= geometry.outW()) {
            throw new IndexOutOfBoundsException("no output cell (" + i + ", " + j + ") in "
                    + geometry.outH() + "×" + geometry.outW());
        }
        return i * geometry.outW() + j;
    }

    /** Step {@code index} (0 ≤ index &lt; stepCount), row-major over the output. */
    public final S step(int index) {
        if (index < 0 || index >= stepCount()) {
            throw new IndexOutOfBoundsException("step " + index + " of " + stepCount());
        }
        return compute(index, index / geometry.outW(), index % geometry.outW());
    }

    /** The step for output cell {@code (i, j)}. */
    public final S stepAt(int i, int j) {
        return step(indexOf(i, j));
    }

    /** Every output value, {@code (OH, OW, 1)}: the finished feature map. */
    public final Grid output() {
        Grid done = output;
        if (done != null) return done;
        float[] out = new float[stepCount()];
        for (int s = 0; s < out.length; s++) out[s] = step(s).output();
        output = new Grid(geometry.outH(), geometry.outW(), 1, out);
        return output;
    }

    /** Step {@code index}, which computes output cell {@code (i, j)}; the index is already checked. */
    protected abstract S compute(int index, int i, int j);
}
