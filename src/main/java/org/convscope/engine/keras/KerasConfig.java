package org.convscope.engine.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.convscope.engine.Activation;
import org.convscope.engine.Add;
import org.convscope.engine.Concatenate;
import org.convscope.engine.DepthwiseConv2D;
import org.convscope.engine.GlobalAveragePooling2D;
import org.convscope.engine.GlobalMaxPooling2D;
import org.convscope.engine.SeparableConv2D;
import org.convscope.engine.ZeroPadding2D;
import org.convscope.engine.ActivationLayer;
import org.convscope.engine.AveragePooling2D;
import org.convscope.engine.BatchNormalization;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Dense;
import org.convscope.engine.Dropout;
import org.convscope.engine.Flatten;
import org.convscope.engine.Layer;
import org.convscope.engine.LeakyReLU;
import org.convscope.engine.MaxPooling2D;
import org.convscope.engine.Padding;
import org.convscope.engine.Rescaling;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a Keras model config (the {@code model_config} JSON of an .h5 file, the {@code config.json} of a
 * .keras file; Keras 2 and 3 spellings) into an unbuilt {@link Model} with Keras' layer names.
 * <p>
 * Two Keras layers have no ConvScope layer because they change nothing here: {@code InputLayer} (it
 * gives the input shape) and a {@code Reshape} that only adds the channel axis to a (H, W) input or
 * keeps the shape it gets. A (H, W) input is read as (H, W, 1), which is the same array. A Functional
 * model becomes a graph with the same connections; a Sequential or Functional model used as a layer is
 * flattened into it, its layers keeping their names. Everything else Keras has (another layer, an
 * option ConvScope does not compute, several inputs or outputs, a layer applied twice) is refused with
 * a message that names it: nothing is half-imported.
 */
final class KerasConfig {
    /** The Keras layer classes this reader maps, in the order a message lists them. */
    static final List<String> SUPPORTED = List.of("InputLayer", "Conv2D", "MaxPooling2D", "AveragePooling2D", "Dense",
            "Flatten", "Dropout", "BatchNormalization", "Activation", "ReLU", "LeakyReLU", "Softmax", "Rescaling",
            "Reshape (adding the channel axis)", "Add", "Concatenate", "GlobalAveragePooling2D", "GlobalMaxPooling2D",
            "ZeroPadding2D", "DepthwiseConv2D", "SeparableConv2D", "Sequential and Functional sub-models");
    /** Largest input a model may take, in values per example (a 2048×2048 RGB image is 12.6 M). */
    static final long MAX_INPUT_VALUES = org.convscope.engine.ModelLimits.MAX_INPUT_VALUES;
    /** Largest layer output in values per example: bounds what one forward pass allocates. */
    static final long MAX_LAYER_VALUES = org.convscope.engine.ModelLimits.MAX_LAYER_VALUES;
    /** Keras activations with a ConvScope twin, by their Keras names. */
    private static final Set<String> ACTIVATIONS = Set.of("linear", "relu", "leaky_relu", "elu", "selu", "sigmoid", "tanh", "softmax");

    private KerasConfig() {
    }

    /** A model read from a config, and for every layer the names of the sub-models it came from, outermost first. */
    record Read(Model model, Map<String, List<String>> nesting) {
    }

    /**
     * The model described by {@code root} ({@code {"class_name": "Sequential" or "Functional", "config": {...}}}), not built.
     * @throws IllegalArgumentException naming the layer or option that cannot be read
     */
    static Model toModel(JsonObject root) {
        return read(root).model();
    }

    /**
     * {@link #toModel}, with where each layer sat: a Sequential or Functional model used as a layer is
     * flattened into the outer graph, its layers keeping their own names.
     */
    static Read read(JsonObject root) {
        String cls = string(root, "class_name", null);
        boolean functional = isFunctional(cls);
        if (!"Sequential".equals(cls) && !functional) {
            throw new IllegalArgumentException("a model of class " + cls + " is not supported: ConvScope opens Keras Sequential and Functional models");
        }
        JsonObject config = object(root, "config");
        JsonArray layers = layers(config);
        Shape input = inputShape(config, layers);
        JsonObject first = layers.get(0).getAsJsonObject();
        String inputName = "InputLayer".equals(string(first, "class_name", null)) ? layerName(first) : "input_1";
        Model model = new Model(input).setInputName(inputName);
        if (config.has("name") && config.get("name").isJsonPrimitive()) model.setName(config.get("name").getAsString());
        Flattener f = new Flattener(model);
        if (functional) {
            String output = f.functional(config, Map.of(inputName, inputName), List.of());
            String last = model.layers().isEmpty() ? inputName : model.layers().get(model.layers().size() - 1).name();
            if (!output.equals(last)) {
                throw new IllegalArgumentException("the model's output " + output + " is not its last layer (" + last + "); ConvScope models end in their output");
            }
        } else {
            f.sequential(layers, inputName, List.of());
        }
        if (model.layers().isEmpty()) throw new IllegalArgumentException("the model has no layers besides its input");
        return new Read(model, f.nesting);
    }

    private static boolean isFunctional(String cls) {
        return "Functional".equals(cls) || "Model".equals(cls);
    }

    private static JsonArray layers(JsonObject config) {
        JsonArray layers = config.has("layers") && config.get("layers").isJsonArray() ? config.getAsJsonArray("layers") : null;
        if (layers == null || layers.isEmpty()) throw new IllegalArgumentException("the model config lists no layers");
        return layers;
    }

    /** A layer entry's name: Functional configs give it beside the config, Sequential ones inside. */
    private static String layerName(JsonObject entry) {
        JsonObject cfg = entry.has("config") && entry.get("config").isJsonObject() ? entry.getAsJsonObject("config") : new JsonObject();
        String name = string(entry, "name", null);
        return name != null ? name : string(cfg, "name", string(entry, "class_name", "layer"));
    }

    /** Adds a Keras config's layers to one ConvScope graph, sub-models flattened. */
    private static final class Flattener {
        private final Model model;
        final Map<String, List<String>> nesting = new HashMap<>();

        Flattener(Model model) {
            this.model = model;
        }

        /** A Sequential's layers chained on node {@code from}; returns the node of its last layer. */
        String sequential(JsonArray layers, String from, List<String> path) {
            String current = from;
            for (int i = 0; i < layers.size(); i++) {
                JsonObject entry = layers.get(i).getAsJsonObject();
                current = layer(entry, List.of(current), path, i == 0);
            }
            return current;
        }

        /**
         * A Functional config's layers, each on the nodes its {@code inbound_nodes} name; {@code inputs} maps its
         * InputLayers to nodes of the graph. Returns the node of its output.
         */
        String functional(JsonObject config, Map<String, String> inputs, List<String> path) {
            List<String> ins = endpoints(config, "input_layers"), outs = endpoints(config, "output_layers");
            String where = path.isEmpty() ? "the model" : "sub-model " + path.get(path.size() - 1);
            if (ins.size() > 1) throw new IllegalArgumentException(where + " has " + ins.size() + " inputs " + ins + "; ConvScope models take one");
            if (outs.size() != 1) throw new IllegalArgumentException(where + " has " + outs.size() + " outputs " + outs + "; ConvScope models give one");
            Map<String, String> nodes = new HashMap<>(inputs);
            for (JsonElement e : layers(config)) {
                JsonObject entry = e.getAsJsonObject();
                String name = layerName(entry);
                if ("InputLayer".equals(string(entry, "class_name", null))) {
                    if (!nodes.containsKey(name)) throw new IllegalArgumentException(where + " has a second input " + name + "; ConvScope models take one");
                    continue;
                }
                List<String> from = new ArrayList<>();
                for (String k : inbound(entry, name)) {
                    String node = nodes.get(k);
                    if (node == null) throw new IllegalArgumentException("layer " + name + " takes its input from " + k + ", which is not a layer before it");
                    from.add(node);
                }
                if (from.isEmpty()) throw new IllegalArgumentException("layer " + name + " has no inbound nodes");
                nodes.put(name, layer(entry, from, path, false));
            }
            String output = nodes.get(outs.get(0));
            if (output == null) throw new IllegalArgumentException(where + "'s output " + outs.get(0) + " is not one of its layers");
            return output;
        }

        /** One layer entry on nodes {@code from}: a sub-model is flattened; returns the node that holds its output. */
        private String layer(JsonObject entry, List<String> from, List<String> path, boolean first) {
            String className = string(entry, "class_name", null);
            JsonObject cfg = entry.has("config") && entry.get("config").isJsonObject() ? entry.getAsJsonObject("config") : new JsonObject();
            String name = layerName(entry);
            if ("Sequential".equals(className) || isFunctional(className)) {
                if (from.size() != 1) throw new IllegalArgumentException("sub-model " + name + " takes " + from.size() + " inputs; ConvScope models take one");
                List<String> inner = new ArrayList<>(path);
                inner.add(name);
                if ("Sequential".equals(className)) return sequential(layers(cfg), from.get(0), inner);
                List<String> ins = endpoints(cfg, "input_layers");
                if (ins.size() != 1) throw new IllegalArgumentException("sub-model " + name + " has " + ins.size() + " inputs " + ins + "; ConvScope models take one");
                return functional(cfg, Map.of(ins.get(0), from.get(0)), inner);
            }
            try {
                List<Shape> in = new ArrayList<>();
                for (String f : from) in.add(model.outputShapeOf(f));
                Layer mapped = toLayer(className, cfg, in.get(0), first);
                if (mapped == null) return from.get(0); // InputLayer, no-op Reshape: the same array
                if (cfg.has("trainable") && cfg.get("trainable").isJsonPrimitive()) mapped.setTrainable(cfg.get("trainable").getAsBoolean());
                model.add(mapped, name, from.toArray(new String[0]));
                Shape out = model.outputShape();
                if (volume(out) > MAX_LAYER_VALUES) {
                    throw new IllegalArgumentException("its output " + out.toKeras() + " is too large (over " + MAX_LAYER_VALUES + " values per example)");
                }
                nesting.put(name, path);
                return name;
            } catch (IllegalArgumentException | IllegalStateException | ClassCastException | UnsupportedOperationException e) {
                throw new IllegalArgumentException("layer " + name + " (" + className + "): " + e.getMessage(), e);
            }
        }
    }

    /**
     * The layer names of an entry's one inbound node: Keras 2 writes {@code [[["conv2d", 0, 0, {}], ...]]}, Keras 3
     * {@code [{"args": [...keras tensors with "keras_history": ["conv2d", 0, 0]...], "kwargs": {}}]}.
     */
    static List<String> inbound(JsonObject entry, String name) {
        JsonElement nodes = entry.get("inbound_nodes");
        if (nodes == null || !nodes.isJsonArray() || nodes.getAsJsonArray().isEmpty()) return List.of();
        if (nodes.getAsJsonArray().size() > 1) {
            throw new IllegalArgumentException("layer " + name + " is applied " + nodes.getAsJsonArray().size()
                    + " times (a shared layer); ConvScope applies each layer once");
        }
        JsonElement node = nodes.getAsJsonArray().get(0);
        List<String> names = new ArrayList<>();
        if (node.isJsonArray()) {
            for (JsonElement t : node.getAsJsonArray()) names.add(t.getAsJsonArray().get(0).getAsString());
        } else if (node.isJsonObject()) {
            kerasHistory(node.getAsJsonObject().get("args"), names);
        }
        return names;
    }

    /** Collects the producing layer of every Keras 3 tensor in {@code e} (nested lists of args). */
    private static void kerasHistory(JsonElement e, List<String> names) {
        if (e == null) return;
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) kerasHistory(x, names);
        } else if (e.isJsonObject() && "__keras_tensor__".equals(string(e.getAsJsonObject(), "class_name", null))) {
            JsonObject cfg = e.getAsJsonObject().getAsJsonObject("config");
            names.add(cfg.getAsJsonArray("keras_history").get(0).getAsString());
        }
    }

    /** The layer names of {@code input_layers} or {@code output_layers}: {@code [["in", 0, 0], ...]} or Keras 3's single {@code ["in", 0, 0]}. */
    private static List<String> endpoints(JsonObject config, String key) {
        JsonElement e = config.get(key);
        if (e == null || !e.isJsonArray()) throw new IllegalArgumentException("the Functional config has no " + key);
        JsonArray a = e.getAsJsonArray();
        List<String> names = new ArrayList<>();
        if (!a.isEmpty() && a.get(0).isJsonPrimitive()) {
            names.add(a.get(0).getAsString());
        } else {
            for (JsonElement x : a) names.add(x.getAsJsonArray().get(0).getAsString());
        }
        return names;
    }

    /** From the InputLayer, else the first layer's {@code batch_input_shape}, else the model's build config. */
    private static Shape inputShape(JsonObject config, JsonArray layers) {
        JsonObject first = layers.get(0).getAsJsonObject();
        JsonObject firstCfg = first.has("config") && first.get("config").isJsonObject() ? first.getAsJsonObject("config") : new JsonObject();
        JsonArray dims = null;
        for (String key : List.of("batch_input_shape", "batch_shape")) {
            if (dims == null && firstCfg.has(key) && firstCfg.get(key).isJsonArray()) dims = firstCfg.getAsJsonArray(key);
        }
        if (dims == null && config.has("build_config") && config.get("build_config").isJsonObject()) {
            JsonObject build = config.getAsJsonObject("build_config");
            if (build.has("input_shape") && build.get("input_shape").isJsonArray()) dims = build.getAsJsonArray("input_shape");
        }
        if (dims == null) throw new IllegalArgumentException("the model config gives no input shape (no InputLayer or batch_input_shape)");
        if (dims.size() < 2 || dims.size() > 4) throw new IllegalArgumentException("the input shape " + dims + " is not (H, W, C), (H, W) or (features)");
        int[] shape = new int[dims.size() - 1]; // without the batch axis
        for (int i = 1; i < dims.size(); i++) {
            JsonElement d = dims.get(i);
            if (d.isJsonNull()) throw new IllegalArgumentException("the input shape " + dims + " has a free size; ConvScope needs fixed sizes");
            shape[i - 1] = positive(d, "input size");
        }
        Shape s = shape.length == 2 ? Shape.of(shape[0], shape[1], 1) : Shape.of(shape);
        if (volume(s) > MAX_INPUT_VALUES) throw new IllegalArgumentException("the input shape " + dims + " is too large");
        return s;
    }

    /** The ConvScope layer for one Keras layer, or null for a layer that changes nothing here. */
    private static Layer toLayer(String className, JsonObject c, Shape in, boolean first) {
        if (className == null) throw new IllegalArgumentException("a layer without class_name");
        if (c.has("data_format") && !c.get("data_format").isJsonNull() && !"channels_last".equals(string(c, "data_format", null))) {
            throw new IllegalArgumentException("data_format='" + string(c, "data_format", null)
                    + "' is not supported; ConvScope computes channels_last");
        }
        return switch (className) {
            case "InputLayer" -> {
                if (!first) throw new IllegalArgumentException("an InputLayer may only come first");
                yield null;
            }
            case "Conv2D" -> {
                if (c.has("groups") && integer(c, "groups", 1) != 1) throw new IllegalArgumentException("groups > 1 is not supported");
                int[] k = pair(c, "kernel_size", null);
                int[] s = pair(c, "strides", new int[] {1, 1});
                int[] d = pair(c, "dilation_rate", new int[] {1, 1});
                yield new Conv2D(integer(c, "filters", -1), k[0], k[1], s[0], s[1], padding(c), d[0], d[1],
                        activation(c), bool(c, "use_bias", true));
            }
            case "MaxPooling2D", "AveragePooling2D" -> {
                int[] pool = pair(c, "pool_size", new int[] {2, 2});
                int[] s = pair(c, "strides", pool);
                yield className.equals("MaxPooling2D") ? new MaxPooling2D(pool[0], pool[1], s[0], s[1], padding(c))
                        : new AveragePooling2D(pool[0], pool[1], s[0], s[1], padding(c));
            }
            case "Dense" -> new Dense(integer(c, "units", -1), activation(c), bool(c, "use_bias", true));
            case "Flatten" -> new Flatten();
            case "Dropout" -> {
                if (c.has("noise_shape") && !c.get("noise_shape").isJsonNull()) throw new IllegalArgumentException("noise_shape is not supported");
                yield new Dropout((float) number(c, "rate", 0.5));
            }
            case "BatchNormalization" -> {
                if (!bool(c, "center", true) || !bool(c, "scale", true)) {
                    throw new IllegalArgumentException("center=False or scale=False is not supported");
                }
                if (c.has("axis")) {
                    JsonElement axis = c.get("axis");
                    int a = axis.isJsonArray() && axis.getAsJsonArray().size() == 1 ? axis.getAsJsonArray().get(0).getAsInt() : axis.getAsInt();
                    if (a != -1 && a != in.rank()) throw new IllegalArgumentException("axis=" + a + " is not supported; ConvScope normalises the last axis");
                }
                yield new BatchNormalization((float) number(c, "momentum", 0.99), (float) number(c, "epsilon", 1e-3));
            }
            case "Activation" -> new ActivationLayer(activation(c));
            case "ReLU" -> {
                if (c.has("max_value") && !c.get("max_value").isJsonNull()) throw new IllegalArgumentException("max_value is not supported");
                if (number(c, "threshold", 0) != 0) throw new IllegalArgumentException("threshold ≠ 0 is not supported");
                double slope = number(c, "negative_slope", 0);
                yield slope == 0 ? ActivationLayer.relu() : new LeakyReLU((float) slope);
            }
            case "LeakyReLU" -> new LeakyReLU((float) number(c, c.has("negative_slope") ? "negative_slope" : "alpha", 0.3));
            case "Softmax" -> {
                JsonElement axis = c.get("axis");
                int a = axis == null || axis.isJsonNull() ? -1
                        : axis.isJsonArray() && axis.getAsJsonArray().size() == 1 ? axis.getAsJsonArray().get(0).getAsInt() : axis.getAsInt();
                if (a != -1 && a != in.rank()) throw new IllegalArgumentException("axis=" + a + " is not supported; ConvScope's softmax is over the last axis");
                yield ActivationLayer.softmax();
            }
            case "Rescaling" -> new Rescaling((float) number(c, "scale", 1), (float) number(c, "offset", 0));
            case "Reshape" -> reshape(c, in);
            case "Add" -> new Add();
            case "Concatenate" -> {
                int a = c.has("axis") ? c.get("axis").getAsInt() : -1;
                if (a != -1 && a != in.rank()) throw new IllegalArgumentException("axis=" + a + " is not supported; ConvScope concatenates the channels (the last axis)");
                yield new Concatenate();
            }
            case "GlobalAveragePooling2D", "GlobalMaxPooling2D" -> {
                if (bool(c, "keepdims", false)) throw new IllegalArgumentException("keepdims=True is not supported");
                yield className.equals("GlobalAveragePooling2D") ? new GlobalAveragePooling2D() : new GlobalMaxPooling2D();
            }
            case "ZeroPadding2D" -> zeroPadding(c);
            case "DepthwiseConv2D", "SeparableConv2D" -> {
                int[] k = pair(c, "kernel_size", null);
                int[] s = pair(c, "strides", new int[] {1, 1});
                int[] d = pair(c, "dilation_rate", new int[] {1, 1});
                int m = integer(c, "depth_multiplier", 1);
                yield className.equals("DepthwiseConv2D")
                        ? new DepthwiseConv2D(k[0], k[1], s[0], s[1], padding(c), d[0], d[1], m, activation(c), bool(c, "use_bias", true))
                        : new SeparableConv2D(integer(c, "filters", -1), k[0], k[1], s[0], s[1], padding(c), d[0], d[1], m, activation(c), bool(c, "use_bias", true));
            }
            default -> throw new IllegalArgumentException(className + " is not supported; ConvScope supports: " + String.join(", ", SUPPORTED));
        };
    }

    /** Keras' {@code padding}: {@code 1}, {@code [1, 2]} or {@code [[t, b], [l, r]]}, zeros allowed. */
    private static Layer zeroPadding(JsonObject c) {
        JsonElement p = c.get("padding");
        if (p == null || p.isJsonNull()) return new ZeroPadding2D(1);
        int[] t = new int[4];
        if (p.isJsonPrimitive()) {
            java.util.Arrays.fill(t, p.getAsInt());
        } else if (p.getAsJsonArray().size() == 2 && p.getAsJsonArray().get(0).isJsonArray()) {
            for (int i = 0; i < 4; i++) t[i] = p.getAsJsonArray().get(i / 2).getAsJsonArray().get(i % 2).getAsInt();
        } else if (p.getAsJsonArray().size() == 2) {
            t[0] = t[1] = p.getAsJsonArray().get(0).getAsInt();
            t[2] = t[3] = p.getAsJsonArray().get(1).getAsInt();
        } else {
            throw new IllegalArgumentException("'padding' must be a size, two sizes or two pairs, got " + p);
        }
        return new ZeroPadding2D(t[0], t[1], t[2], t[3]);
    }

    /** A Reshape is kept out when it leaves the array as ConvScope already holds it. */
    private static Layer reshape(JsonObject c, Shape in) {
        JsonArray target = c.has("target_shape") && c.get("target_shape").isJsonArray() ? c.getAsJsonArray("target_shape") : null;
        if (target == null) throw new IllegalArgumentException("missing 'target_shape'");
        int[] t = new int[target.size()];
        for (int i = 0; i < t.length; i++) t[i] = target.get(i).getAsInt(); // −1 (inferred) never equals a size
        Shape wanted = t.length == 2 ? Shape.of(t[0], t[1], 1) : Shape.of(t);
        if (!wanted.equals(in)) {
            throw new IllegalArgumentException("Reshape to " + target + " changes the shape " + in.toKeras()
                    + "; ConvScope supports only a Reshape that adds the channel axis to its (H, W) input");
        }
        return null;
    }

    private static Activation activation(JsonObject c) {
        JsonElement a = c.get("activation");
        if (a == null || a.isJsonNull()) return Activation.LINEAR;
        if (!a.isJsonPrimitive()) throw new IllegalArgumentException("a custom activation object is not supported");
        String name = a.getAsString();
        if (!ACTIVATIONS.contains(name)) {
            throw new IllegalArgumentException("activation '" + name + "' is not supported; ConvScope has: linear, relu, leaky_relu, elu, selu, sigmoid, tanh, softmax");
        }
        return Activation.fromKeras(name);
    }

    private static Padding padding(JsonObject c) {
        String p = string(c, "padding", "valid").toLowerCase(java.util.Locale.ROOT);
        if (!p.equals("valid") && !p.equals("same")) throw new IllegalArgumentException("padding='" + p + "' is not supported (valid, same)");
        return Padding.fromKeras(p);
    }

    private static int[] pair(JsonObject c, String key, int[] fallback) {
        JsonElement e = c.get(key);
        if (e == null || e.isJsonNull()) {
            if (fallback == null) throw new IllegalArgumentException("missing '" + key + "'");
            return fallback;
        }
        if (e.isJsonPrimitive()) {
            int v = positive(e, key);
            return new int[] {v, v};
        }
        JsonArray a = e.getAsJsonArray();
        if (a.size() != 2) throw new IllegalArgumentException("'" + key + "' must hold two sizes, got " + a);
        return new int[] {positive(a.get(0), key), positive(a.get(1), key)};
    }

    private static int integer(JsonObject c, String key, int fallback) {
        JsonElement e = c.get(key);
        if (e == null || e.isJsonNull()) {
            if (fallback < 0) throw new IllegalArgumentException("missing '" + key + "'");
            return fallback;
        }
        return positive(e, key);
    }

    /** A whole number in 1..2³¹−1, else a message naming the key. */
    private static int positive(JsonElement e, String key) {
        double v = e.getAsDouble();
        if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) throw new IllegalArgumentException("'" + key + "' must be a positive integer, got " + e);
        return (int) v;
    }

    private static double number(JsonObject c, String key, double fallback) {
        JsonElement e = c.get(key);
        if (e == null || e.isJsonNull()) return fallback;
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) throw new IllegalArgumentException("'" + key + "' must be a number, got " + e);
        return e.getAsDouble();
    }

    private static boolean bool(JsonObject c, String key, boolean fallback) {
        JsonElement e = c.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsBoolean();
    }

    static String string(JsonObject o, String key, String fallback) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? fallback : e.getAsString();
    }

    private static JsonObject object(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonObject()) throw new IllegalArgumentException("the model config has no '" + key + "' object");
        return e.getAsJsonObject();
    }

    static long volume(Shape s) {
        long v = 1;
        for (int d : s.dims()) v *= d;
        return v;
    }

    /** The shapes Keras stores for a layer's weights, in its order, for input {@code in}; empty when it has none. */
    static List<int[]> weightShapes(Layer layer, Shape in) {
        List<int[]> shapes = new ArrayList<>();
        if (layer instanceof Conv2D c) {
            shapes.add(new int[] {c.kernelH(), c.kernelW(), in.last(), c.filters()});
            if (c.useBias()) shapes.add(new int[] {c.filters()});
        } else if (layer instanceof Dense d) {
            shapes.add(new int[] {in.dim(0), d.units()});
            if (d.useBias()) shapes.add(new int[] {d.units()});
        } else if (layer instanceof DepthwiseConv2D d) {
            shapes.add(new int[] {d.kernelH(), d.kernelW(), in.last(), d.depthMultiplier()});
            if (d.useBias()) shapes.add(new int[] {in.last() * d.depthMultiplier()});
        } else if (layer instanceof SeparableConv2D s) {
            DepthwiseConv2D d = s.depthwise();
            shapes.add(new int[] {d.kernelH(), d.kernelW(), in.last(), d.depthMultiplier()});
            shapes.add(new int[] {1, 1, in.last() * d.depthMultiplier(), s.filters()});
            if (s.useBias()) shapes.add(new int[] {s.filters()});
        } else if (layer instanceof BatchNormalization) {
            for (int i = 0; i < 4; i++) shapes.add(new int[] {in.last()}); // gamma, beta, moving mean, moving variance
        }
        return shapes;
    }
}
