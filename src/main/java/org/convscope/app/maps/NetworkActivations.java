package org.convscope.app.maps;

import org.convscope.app.common.ColorMap;
import org.convscope.engine.Activation;
import org.convscope.engine.Add;
import org.convscope.engine.Concatenate;
import org.convscope.engine.Dropout;
import org.convscope.engine.Flatten;
import org.convscope.engine.GlobalPooling2D;
import org.convscope.engine.Layer;
import org.convscope.engine.Pooling2D;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.convscope.engine.ZeroPadding2D;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One inference pass of a model on one input, as the overview shows it: column 0 is the input,
 * column {@code i + 1} is layer {@code i}'s output. Immutable snapshot (the tensors are not modified).
 */
public final class NetworkActivations {
    private final Model model;
    private final Tensor input;          // (1, H, W, C)
    private final List<Tensor> outputs;  // layer i: (1, output shape of layer i)

    private final List<int[]> sources; // column i + 1: the columns layer i reads, in order

    private NetworkActivations(Model model, Tensor input, List<Tensor> outputs) {
        this.model = model;
        this.input = input;
        this.outputs = List.copyOf(outputs);
        this.sources = sourcesOf(model);
    }

    /** Per layer, the columns of the layers (0: the input) it takes its inputs from. */
    static List<int[]> sourcesOf(Model model) {
        Map<String, Integer> columnByName = new HashMap<>();
        columnByName.put(model.inputName(), 0);
        List<int[]> sources = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            List<String> from = model.inputsOf(model.layers().get(i).name());
            int[] cols = new int[from.size()];
            for (int k = 0; k < cols.length; k++) cols[k] = columnByName.get(from.get(k));
            sources.add(cols);
            columnByName.put(model.layers().get(i).name(), i + 1);
        }
        return sources;
    }

    /** Runs {@code model.forwardAll(input)}; input (1, input shape...), not modified. */
    public static NetworkActivations compute(Model model, Tensor input) {
        return new NetworkActivations(model, input, model.forwardAll(input));
    }

    public Model model() {
        return model;
    }

    public Tensor input() {
        return input;
    }

    public int columns() {
        return outputs.size() + 1;
    }

    /** The values of a column: the input or a layer's output, (1, shape...). */
    public Tensor column(int column) {
        return column == 0 ? input : outputs.get(column - 1);
    }

    /** The layer behind a column; null for the input column. */
    public Layer layer(int column) {
        return column == 0 ? null : model.layers().get(column - 1);
    }

    /**
     * The columns a column's layer reads, in order (one for most layers, two or more for Add and Concatenate);
     * in a stack always the column before it. None for the input column.
     */
    public int[] sources(int column) {
        return column == 0 ? new int[0] : sources.get(column - 1).clone();
    }

    /** The column a column's layer reads first (the one before it in a stack); 0 for the input column. */
    public int firstSource(int column) {
        return column == 0 ? 0 : sources.get(column - 1)[0];
    }

    /** The names of the columns a column reads ("input" for the input column's), joined by {@code separator}. */
    public String sourceNames(int column, String separator) {
        StringBuilder names = new StringBuilder();
        for (int from : sources(column)) {
            if (names.length() > 0) names.append(separator);
            names.append(from == 0 ? "input" : model.layers().get(from - 1).name());
        }
        return names.toString();
    }

    public Shape shape(int column) {
        return column == 0 ? model.inputShape() : model.layers().get(column - 1).outputShape();
    }

    /** Feature maps in a column: the channels of an image-shaped output, 1 for a vector. */
    public int channels(int column) {
        return channels(shape(column));
    }

    static int channels(Shape s) {
        return s.rank() == 3 ? s.last() : 1;
    }

    /** The value at (row, col) of map {@code channel}, for an image-shaped column. */
    public float value(int column, int channel, int row, int col) {
        Shape s = shape(column);
        return column(column).data[(row * s.dim(1) + col) * s.last() + channel];
    }

    /** One map's values, copied in row-major order: (H·W). */
    public float[] map(int column, int channel) {
        Shape s = shape(column);
        int h = s.dim(0), w = s.dim(1), c = s.last();
        float[] data = column(column).data, out = new float[h * w];
        for (int i = 0; i < h * w; i++) out[i] = data[i * c + channel];
        return out;
    }

    /**
     * Whether a column can hold negative values (and so takes a diverging colour map): decided by the
     * layers, not by the current values, so colours do not jump while the student draws.
     */
    public boolean signed(int column) {
        return signed(model, sources, column);
    }

    /** Walks back along first inputs past the layers that keep signs; an Add of two non-negative inputs stays non-negative. */
    private static boolean signed(Model model, List<int[]> sources, int column) {
        for (int c = column; c > 0; c = sources.get(c - 1)[0]) {
            Layer l = model.layers().get(c - 1);
            if (l instanceof Pooling2D || l instanceof Flatten || l instanceof Dropout || l instanceof Concatenate
                    || l instanceof GlobalPooling2D || l instanceof ZeroPadding2D) continue; // keep signs
            if (l instanceof Add) {
                for (int from : sources.get(c - 1)) if (signed(model, sources, from)) return true;
                return false;
            }
            Activation a = l.activation();
            return !(a == Activation.RELU || a == Activation.SIGMOID || a == Activation.SOFTMAX);
        }
        return false; // the input, 0..1
    }

    /** The column's colours: grey for the input, diverging when signed, else {@code sequential} (viridis or cividis). */
    public ColorMap colorMap(int column, ColorMap sequential) {
        if (column == 0) return ColorMap.GREYS;
        return signed(column) ? ColorMap.DIVERGING : sequential;
    }

    /**
     * The range a map's colours span: the input's fixed 0..1; otherwise the map's own values
     * ({@code PER_MAP}) or the whole layer's ({@code PER_LAYER}), symmetric around 0 when signed.
     */
    public ValueRange range(int column, int channel, Normalisation normalisation) {
        if (column == 0) return new ValueRange(0, 1);
        float[] data = column(column).data;
        int c = channels(column);
        int from = normalisation == Normalisation.PER_MAP ? channel : 0;
        int step = normalisation == Normalisation.PER_MAP ? c : 1;
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < data.length; i += step) {
            float v = data[i];
            if (v < min) min = v;
            if (v > max) max = v;
        }
        if (!(min <= max)) min = max = 0; // only NaN
        return signed(column) ? ValueRange.symmetric(min, max) : ValueRange.sequential(min, max);
    }
}
