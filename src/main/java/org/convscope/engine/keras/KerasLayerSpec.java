package org.convscope.engine.keras;

import org.convscope.engine.Layer;
import org.convscope.engine.LayerConfig;
import org.convscope.engine.Model;
import org.convscope.engine.Param;
import org.convscope.engine.Rescaling;
import org.convscope.engine.Shape;
import org.convscope.engine.export.ExportException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One layer as Keras saves it: its class, name, trainable flag, the arguments of its config, and its
 * weights in Keras' order with Keras' names ({@code kernel}, {@code bias}, {@code gamma}, ...). The
 * arguments are kept in a neutral form and spelled out by {@link #config} for Keras 2 (the legacy
 * {@code .h5}) or Keras 3 ({@code .keras}), which differ in how they write initializers, regularizers,
 * dtypes, LeakyReLU's slope and BatchNormalization's axis.
 * <p>
 * The ONNX export reads the same description, so its model is the Keras model.
 * <p>
 * {@link #config} describes the layer itself; where its inputs come from ({@code inbound}) is written by
 * the container around it: a Sequential lists the specs in order, a Functional model adds Keras'
 * {@code inbound_nodes} to each (see {@link KerasExport}).
 *
 * @param input the layer's (first) input shape without the batch axis
 * @param output the layer's output shape without the batch axis
 * @param inbound the specs (or the model's input, {@link Model#inputName()}) it takes its inputs from, in order
 */
public record KerasLayerSpec(String className, String name, boolean trainable, Shape input, Shape output,
                      List<String> inbound, Map<String, Object> args, List<Param> weights) {

    /** Which Keras writes the file: their config spellings differ. */
    enum Dialect {
        KERAS_2("2.10.0"), KERAS_3("3.3.3");

        /** The {@code keras_version} written: the release whose layout the file follows. */
        final String version;

        Dialect(String version) {
            this.version = version;
        }
    }

    /** An initializer by Keras' short name ({@code glorot_uniform}). */
    public record Init(String kerasName) {
    }

    /** Keras' {@code L1L2} regularizer. */
    public record L1L2(Object l1, Object l2) {
    }

    /** Layers whose config ConvScope can write, by ConvScope's class name (which is Keras'). */
    static final List<String> SUPPORTED = List.of("Conv2D", "MaxPooling2D", "AveragePooling2D", "Dense", "Flatten",
            "Dropout", "BatchNormalization", "Activation", "ReLU", "LeakyReLU", "Softmax", "Rescaling", "Add", "Concatenate",
            "GlobalAveragePooling2D", "GlobalMaxPooling2D", "ZeroPadding2D", "DepthwiseConv2D", "SeparableConv2D");

    /**
     * The model's layers as Keras would save them, in the model's order (a topological one), each with the
     * specs it takes its inputs from. When the model's input scale is not 1, or its first layer is a
     * {@link Rescaling} (which ConvScope's importer reads as "this model takes 0–255 pixels"), the Keras model
     * takes 0–255 pixels as the notebook has them: a leading {@code Rescaling(inputScale/255)} on the input
     * turns them into what ConvScope's layers get, {@code inputScale·x} for ConvScope's 0–1 pixels x, and
     * every layer that read the input reads it instead. It is left out when the first layer already is that
     * Rescaling's job (a Rescaling with input scale 255). The ONNX export is built from the same list, so
     * both files take the same input.
     * @param format the file format, for the message
     * @throws ExportException naming the first layer that has no equivalent in the format
     */
    public static List<KerasLayerSpec> of(Model model, String format) throws ExportException {
        List<KerasLayerSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        names.add(model.inputName());
        for (Layer l : model.layers()) names.add(l.name());
        List<Layer> layers = model.layers();
        boolean startsWithRescaling = !layers.isEmpty() && layers.get(0) instanceof Rescaling;
        float scale = model.inputScale();
        String input = model.inputName(); // what the layers that read the model's input read in the Keras model
        if (takesRawPixels(model) && !(startsWithRescaling && scale == 255)) {
            String name = "rescaling";
            for (int i = 1; names.contains(name); i++) name = "rescaling_" + i;
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("scale", scale / 255f);
            args.put("offset", 0f);
            specs.add(new KerasLayerSpec("Rescaling", name, true, model.inputShape(), model.inputShape(), List.of(input), args, List.of()));
            input = name;
        }
        for (Layer l : layers) {
            List<String> inbound = new ArrayList<>();
            for (String from : model.inputsOf(l.name())) inbound.add(from.equals(model.inputName()) ? input : from);
            specs.add(of(l, model.inputShapesOf(l.name()).get(0), model.outputShapeOf(l.name()), inbound, format));
        }
        return specs;
    }

    /**
     * Whether the exported model takes 0–255 pixels (as they come from an image) rather than ConvScope's
     * 0–1: when the model scales its input ({@code inputScale ≠ 1}) or starts with a {@link Rescaling}.
     */
    public static boolean takesRawPixels(Model model) {
        return model.inputScale() != 1 || !model.layers().isEmpty() && model.layers().get(0) instanceof Rescaling;
    }

    /** One ConvScope layer over (first) input {@code in}, giving {@code out}, fed by {@code inbound}. */
    static KerasLayerSpec of(Layer layer, Shape in, Shape out, List<String> inbound, String format) throws ExportException {
        String cls = layer.className();
        if (!SUPPORTED.contains(cls)) {
            throw new ExportException("layer " + layer.name() + " (" + cls + ") has no " + format + " equivalent that ConvScope can write; "
                    + "it writes: " + String.join(", ", SUPPORTED));
        }
        LayerConfig c = layer.config();
        Map<String, Object> a = new LinkedHashMap<>();
        switch (cls) {
            case "Conv2D" -> {
                a.put("filters", c.getInt("filters"));
                a.put("kernel_size", c.asMap().get("kernel_size"));
                a.put("strides", c.asMap().get("strides"));
                a.put("padding", c.getString("padding", "valid"));
                a.put("data_format", "channels_last");
                a.put("dilation_rate", c.asMap().get("dilation_rate"));
                a.put("groups", 1);
                putDenseArgs(a, c);
            }
            case "Dense" -> {
                a.put("units", c.getInt("units"));
                putDenseArgs(a, c);
            }
            case "MaxPooling2D", "AveragePooling2D" -> {
                a.put("pool_size", c.asMap().get("pool_size"));
                a.put("padding", c.getString("padding", "valid"));
                a.put("strides", c.asMap().get("strides"));
                a.put("data_format", "channels_last");
            }
            case "Flatten" -> a.put("data_format", "channels_last");
            case "Dropout" -> {
                a.put("rate", c.asMap().get("rate"));
                a.put("noise_shape", null);
                a.put("seed", null);
            }
            case "BatchNormalization" -> {
                a.put("axis", in.rank()); // the last axis, counted with the batch axis
                a.put("momentum", c.asMap().get("momentum"));
                a.put("epsilon", c.asMap().get("epsilon"));
                a.put("center", true);
                a.put("scale", true);
                a.put("beta_initializer", new Init("zeros"));
                a.put("gamma_initializer", new Init("ones"));
                a.put("moving_mean_initializer", new Init("zeros"));
                a.put("moving_variance_initializer", new Init("ones"));
                a.put("beta_regularizer", null);
                a.put("gamma_regularizer", null);
                a.put("beta_constraint", null);
                a.put("gamma_constraint", null);
            }
            case "Activation" -> a.put("activation", c.getString("activation", "linear"));
            case "ReLU" -> {
                a.put("max_value", null);
                a.put("negative_slope", 0f);
                a.put("threshold", 0f);
            }
            case "LeakyReLU" -> a.put("alpha", c.asMap().get("alpha"));
            case "Softmax" -> a.put("axis", -1);
            case "Rescaling" -> {
                a.put("scale", c.asMap().get("scale"));
                a.put("offset", c.asMap().get("offset"));
            }
            case "Add" -> { } // name, trainable and dtype only
            case "Concatenate" -> a.put("axis", -1); // the channels: the only axis ConvScope joins along
            case "GlobalAveragePooling2D", "GlobalMaxPooling2D" -> {
                a.put("data_format", "channels_last");
                a.put("keepdims", false);
            }
            case "ZeroPadding2D" -> {
                a.put("padding", c.asMap().get("padding")); // [[top, bottom], [left, right]]
                a.put("data_format", "channels_last");
            }
            // Only the arguments both Keras 2 and 3 accept: Keras 2.10 also writes groups (and, for SeparableConv2D,
            // Conv2D's kernel_* arguments), which Keras 3 refuses ("Unrecognized keyword arguments"); Keras 2 reads
            // them as their defaults when absent.
            case "DepthwiseConv2D", "SeparableConv2D" -> {
                boolean separable = cls.equals("SeparableConv2D");
                if (separable) a.put("filters", c.getInt("filters"));
                a.put("kernel_size", c.asMap().get("kernel_size"));
                a.put("strides", c.asMap().get("strides"));
                a.put("padding", c.getString("padding", "valid"));
                a.put("data_format", "channels_last");
                a.put("dilation_rate", c.asMap().get("dilation_rate"));
                a.put("depth_multiplier", c.getInt("depth_multiplier"));
                a.put("activation", c.getString("activation", "linear"));
                a.put("use_bias", c.getBoolean("use_bias", true));
                a.put("depthwise_initializer", new Init(c.getString("depthwise_initializer", "glorot_uniform")));
                if (separable) a.put("pointwise_initializer", new Init(c.getString("pointwise_initializer", "glorot_uniform")));
                a.put("bias_initializer", new Init("zeros"));
                a.put("depthwise_regularizer", null);
                if (separable) a.put("pointwise_regularizer", null);
                a.put("bias_regularizer", null);
                a.put("activity_regularizer", null);
                a.put("depthwise_constraint", null);
                if (separable) a.put("pointwise_constraint", null);
                a.put("bias_constraint", null);
            }
            default -> throw new IllegalStateException(cls);
        }
        return new KerasLayerSpec(cls, layer.name(), layer.isTrainable(), in, out, List.copyOf(inbound), a, layer.params());
    }

    private static void putDenseArgs(Map<String, Object> a, LayerConfig c) {
        a.put("activation", c.getString("activation", "linear"));
        a.put("use_bias", c.getBoolean("use_bias", true));
        a.put("kernel_initializer", new Init(c.getString("kernel_initializer", "glorot_uniform")));
        a.put("bias_initializer", new Init(c.getString("bias_initializer", "zeros")));
        LayerConfig reg = c.getMap("kernel_regularizer");
        a.put("kernel_regularizer", reg == null ? null : new L1L2(reg.asMap().get("l1"), reg.asMap().get("l2")));
        a.put("bias_regularizer", null);
        a.put("activity_regularizer", null);
        a.put("kernel_constraint", null);
        a.put("bias_constraint", null);
    }

    /**
     * The layer's {@code {"class_name": ..., "config": {...}}} as the dialect's Keras writes it into a
     * Sequential's layer list; {@code batchInputShape} (Keras 2 only: the first layer's) may be null.
     */
    Map<String, Object> config(Dialect dialect, List<Object> batchInputShape) {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("name", name);
        cfg.put("trainable", trainable);
        if (dialect == Dialect.KERAS_2 && batchInputShape != null) cfg.put("batch_input_shape", batchInputShape);
        cfg.put("dtype", dtype(dialect));
        for (Map.Entry<String, Object> e : args.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (className.equals("LeakyReLU") && key.equals("alpha") && dialect == Dialect.KERAS_3) key = "negative_slope"; // Keras 3 renamed it
            if (className.equals("BatchNormalization") && key.equals("axis") && dialect == Dialect.KERAS_2) v = List.of(v); // Keras 2 writes [3]
            cfg.put(key, spell(v, dialect));
        }
        if (className.equals("BatchNormalization") && dialect == Dialect.KERAS_3) cfg.put("synchronized", false);
        return wrap(dialect, "keras.layers", className, cfg);
    }

    /** Keras 2 writes the dtype's name, Keras 3 a DTypePolicy object. */
    static Object dtype(Dialect dialect) {
        if (dialect == Dialect.KERAS_2) return "float32";
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("name", "float32");
        return wrap(dialect, "keras", "DTypePolicy", policy);
    }

    /** Keras' serialized object: {@code class_name} and {@code config}, and in Keras 3 also its module and registered name. */
    static Map<String, Object> wrap(Dialect dialect, String module, String className, Map<String, Object> config) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (dialect == Dialect.KERAS_3) o.put("module", module);
        o.put("class_name", className);
        o.put("config", config);
        if (dialect == Dialect.KERAS_3) o.put("registered_name", null);
        return o;
    }

    private static Object spell(Object v, Dialect dialect) {
        if (v instanceof Init init) {
            Map<String, Object> cfg = new LinkedHashMap<>();
            if (init.kerasName().contains("uniform") || init.kerasName().contains("normal")) cfg.put("seed", null);
            return wrap(dialect, "keras.initializers", camelCase(init.kerasName()), cfg);
        }
        if (v instanceof L1L2 r) {
            Map<String, Object> cfg = new LinkedHashMap<>();
            cfg.put("l1", r.l1());
            cfg.put("l2", r.l2());
            return wrap(dialect, "keras.regularizers", "L1L2", cfg);
        }
        return v;
    }

    /** {@code glorot_uniform → GlorotUniform}: Keras' class for an initializer's short name. */
    static String camelCase(String snake) {
        StringBuilder sb = new StringBuilder();
        for (String part : snake.split("_")) {
            if (!part.isEmpty()) sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }
}
