package org.convscope.app.train;

import org.convscope.engine.Layer;
import org.convscope.engine.LayerConfig;
import org.convscope.engine.Layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the architecture editor: a layer type, the text of each editable argument, e.g.
 * {@code Conv2D {filters=32, kernel_size=3, strides=1, padding=valid, activation=relu}}, and whether
 * its weights learn (Keras' {@code trainable}; false: frozen). Immutable.
 */
public record LayerSpec(LayerKind kind, Map<String, String> values, boolean trainable) {

    public LayerSpec {
        values = Map.copyOf(values);
    }

    /** A trainable row. */
    public LayerSpec(LayerKind kind, Map<String, String> values) {
        this(kind, values, true);
    }

    /** The row as the editor shows a freshly added layer of this kind (Keras' defaults, tutorial sizes). */
    public static LayerSpec defaults(LayerKind kind) {
        return switch (kind) {
            case CONV2D -> of(kind, "filters", "32", "kernel_size", "3", "strides", "1", "padding", "valid", "activation", "relu");
            case MAX_POOLING2D, AVERAGE_POOLING2D -> of(kind, "pool_size", "2", "strides", "2", "padding", "valid");
            case DENSE -> of(kind, "units", "64", "activation", "relu");
            case DROPOUT -> of(kind, "rate", "0.25");
            case ACTIVATION -> of(kind, "activation", "relu");
            case FLATTEN, BATCH_NORMALIZATION, RELU, SOFTMAX, GLOBAL_AVERAGE_POOLING2D -> of(kind);
            case RESIDUAL_BLOCK -> of(kind, "filters", "32", "strides", "1", "shortcut", "identity");
            case LEAKY_RELU -> of(kind, "alpha", "0.3");
            case RESCALING -> of(kind, "scale", "0.003921569", "offset", "0"); // Keras' Rescaling(1./255)
        };
    }

    /** A row from keys and values given in turn: {@code of(DENSE, "units", "10", "activation", "softmax")}. */
    public static LayerSpec of(LayerKind kind, String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put(keyValues[i], keyValues[i + 1]);
        return new LayerSpec(kind, m);
    }

    /** The row describing an existing layer (from a preset or a loaded model), its trainable flag too. */
    public static LayerSpec of(Layer layer) {
        LayerKind kind = LayerKind.of(layer.className());
        Map<String, Object> cfg = layer.config().asMap();
        Map<String, String> m = new LinkedHashMap<>();
        for (LayerKind.Arg a : kind.args) m.put(a.key(), text(cfg.get(a.key())));
        return new LayerSpec(kind, m, layer.isTrainable());
    }

    public String value(String key) {
        return values.getOrDefault(key, "");
    }

    public LayerSpec with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(key, value);
        return new LayerSpec(kind, m, trainable);
    }

    /** This row frozen ({@code false}) or trainable. */
    public LayerSpec withTrainable(boolean trainable) {
        return new LayerSpec(kind, values, trainable);
    }

    /** Whether a layer of this kind has weights, so that freezing it means something. */
    public boolean hasWeights() {
        return kind == LayerKind.CONV2D || kind == LayerKind.DENSE || kind == LayerKind.BATCH_NORMALIZATION
                || kind == LayerKind.RESIDUAL_BLOCK;
    }

    /**
     * The Keras-style config this row describes.
     * @throws IllegalArgumentException naming the argument whose text cannot be read
     */
    public LayerConfig config() {
        LayerConfig cfg = new LayerConfig();
        for (LayerKind.Arg a : kind.args) {
            String text = value(a.key()).trim();
            cfg.put(a.key(), switch (a.type()) {
                case INTEGER -> positiveInt(a.key(), text);
                case PAIR -> pair(a.key(), text);
                case DECIMAL -> decimal(a.key(), text);
                case CHOICE -> choice(a, text);
            });
        }
        return cfg;
    }

    /**
     * A new layer from this row, frozen or not; the engine's own checks (e.g. a Dropout rate ≥ 1) give the messages.
     * @throws IllegalArgumentException for a residual block, which is several layers ({@link Architecture#append})
     */
    public Layer toLayer() {
        if (kind == LayerKind.RESIDUAL_BLOCK) throw new IllegalArgumentException("a residual block is several layers, not one");
        Layer layer = Layers.fromConfig(kind.className, config());
        layer.setTrainable(trainable);
        return layer;
    }

    private static int positiveInt(String key, String text) {
        try {
            int v = Integer.parseInt(text);
            if (v >= 1) return v;
        } catch (NumberFormatException ignored) {
            // reported below with the key's name
        }
        throw new IllegalArgumentException(key + " must be a whole number ≥ 1, got '" + text + "'");
    }

    private static List<Integer> pair(String key, String text) {
        String[] parts = text.split("\\s*[,x×]\\s*");
        if (parts.length == 1) {
            int v = positiveInt(key, parts[0]);
            return List.of(v, v);
        }
        if (parts.length == 2) return List.of(positiveInt(key, parts[0]), positiveInt(key, parts[1]));
        throw new IllegalArgumentException(key + " must be one number or two (e.g. 3 or 3,5), got '" + text + "'");
    }

    private static double decimal(String key, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + text + "'");
        }
    }

    private static String choice(LayerKind.Arg a, String text) {
        if (a.choices().contains(text)) return text;
        throw new IllegalArgumentException(a.key() + " must be one of " + String.join(", ", a.choices()) + ", got '" + text + "'");
    }

    /** Config values as the editor shows them: a square pair as one number, numbers without ".0". */
    private static String text(Object v) {
        if (v instanceof List<?> l && l.size() == 2) return l.get(0).equals(l.get(1)) ? text(l.get(0)) : text(l.get(0)) + "," + text(l.get(1));
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) >= 1 ? Long.toString((long) d) : Float.toString(n.floatValue());
        }
        return String.valueOf(v);
    }
}
