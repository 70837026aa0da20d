package org.convscope.engine.keras;

import org.convscope.engine.Layer;
import org.convscope.engine.LayerConfig;
import org.convscope.engine.Layers;
import org.convscope.engine.Model;
import org.convscope.engine.ZeroPadding2D;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Python a notebook needs to build, compile and fit the same network in Keras, written as the
 * TensorFlow tutorials write it ({@code models.Sequential()}, one {@code model.add(layers....)} per
 * layer; a graph in the Functional API, {@code x = layers.Conv2D(...)(inputs)}, one variable per layer
 * named as the layer, {@code layers.Add()([a, b])} where branches join). Only arguments that differ from Keras' defaults are written, as a person would; the
 * layer names ConvScope gives are the ones Keras gives, so both print the same {@code summary()}.
 */
public final class KerasCode {
    /** Metadata keys under which an imported model keeps its file's compile settings. */
    public static final String OPTIMIZER_KEY = "keras.optimizer";
    public static final String LEARNING_RATE_KEY = "keras.learning_rate";
    public static final String LOSS_KEY = "keras.loss";

    private KerasCode() {
    }

    /**
     * How the model is compiled and fitted: optimizer by Keras' name ({@code adam}, {@code sgd} with
     * momentum 0.9 as ConvScope trains it, {@code rmsprop}), learning rate, loss, batch size, epochs,
     * and the validation split (0: validate on the test set, as the tutorials do).
     */
    public record Training(String optimizer, float learningRate, String loss, int batchSize, int epochs, double validationSplit) {
        /** The tutorial's choices: Adam 0.001, sparse categorical cross-entropy, batch 128, 5 epochs. */
        public static Training defaults() {
            return new Training("adam", 1e-3f, "sparse_categorical_crossentropy", 128, 5, 0);
        }

        /** The defaults with the optimizer, learning rate and loss a Keras file recorded, where it did. */
        public static Training of(Model model) {
            Training d = defaults();
            Map<String, String> meta = model.metadata();
            String optimizer = meta.getOrDefault(OPTIMIZER_KEY, d.optimizer);
            float lr = meta.containsKey(LEARNING_RATE_KEY) ? Float.parseFloat(meta.get(LEARNING_RATE_KEY))
                    : meta.containsKey(OPTIMIZER_KEY) ? defaultLearningRate(optimizer) : d.learningRate;
            return new Training(optimizer, lr, meta.getOrDefault(LOSS_KEY, d.loss), d.batchSize, d.epochs, d.validationSplit);
        }
    }

    /** The whole cell: imports, the model, compile and fit. */
    public static String of(Model model, Training training) {
        StringBuilder sb = new StringBuilder();
        List<String> modules = new ArrayList<>(List.of("layers", "models"));
        String optimizer = optimizer(training);
        if (optimizer.startsWith("optimizers.")) modules.add("optimizers");
        List<String> lines = layerLines(model);
        if (lines.stream().anyMatch(l -> l.contains("regularizers."))) modules.add("regularizers");
        sb.append("from tensorflow.keras import ").append(String.join(", ", modules)).append("\n\n");
        if (model.inputScale() != 1 && !KerasFiles.inputRangeIsKnown(model)) {
            sb.append("# This model takes pixel values 0–").append(Math.round(model.inputScale())).append(": do not divide the images by 255.\n");
        }
        if (model.isSequential()) {
            sb.append("model = models.Sequential(").append(model.name().equals("sequential") ? "" : "name=" + quote(model.name())).append(")\n");
            for (String line : lines) sb.append("model.add(").append(line).append(")\n");
        } else {
            functional(sb, model, lines);
        }
        sb.append('\n');
        sb.append("model.compile(optimizer=").append(optimizer).append(",\n");
        sb.append("              loss=").append(quote(training.loss())).append(",\n");
        sb.append("              metrics=['accuracy'])\n\n");
        sb.append("history = model.fit(x_train, y_train, epochs=").append(training.epochs());
        if (training.batchSize() != 32) sb.append(", batch_size=").append(training.batchSize());
        sb.append(",\n                    ");
        if (training.validationSplit() > 0) sb.append("validation_split=").append(fmt((float) training.validationSplit())).append(")\n");
        else sb.append("validation_data=(x_test, y_test))\n");
        sb.append('\n').append(loadCell(model));
        return sb.toString();
    }

    /** {@code inputs = layers.Input(...)}, then each layer called on its inputs' variables, then {@code models.Model}. */
    private static void functional(StringBuilder sb, Model model, List<String> lines) {
        Map<String, String> variables = new HashMap<>();
        variables.put(model.inputName(), "inputs");
        sb.append("inputs = layers.Input(shape=").append(tuple(model.inputShape().dims()))
                .append(model.inputName().equals("input_1") ? "" : ", name=" + quote(model.inputName())).append(")\n");
        String last = "inputs";
        for (int i = 0; i < lines.size(); i++) {
            Layer layer = model.layers().get(i);
            List<String> from = model.inputsOf(layer.name()).stream().map(variables::get).toList();
            last = variable(layer.name(), variables);
            sb.append(last).append(" = ").append(lines.get(i))
                    .append(from.size() == 1 ? "(" + from.get(0) + ")" : "([" + String.join(", ", from) + "])").append('\n');
        }
        sb.append("model = models.Model(inputs, ").append(last)
                .append(model.name().equals("model") ? "" : ", name=" + quote(model.name())).append(")\n");
    }

    /** A Python name for a layer's output: its own name where that is an identifier, made one otherwise; kept in variables. */
    private static String variable(String layerName, Map<String, String> variables) {
        String v = layerName.replaceAll("\\W", "_");
        if (v.isEmpty() || Character.isDigit(v.charAt(0)) || v.equals("inputs") || v.equals("model")) v = "x_" + v;
        String unique = v;
        for (int k = 2; variables.containsValue(unique); k++) unique = v + "_" + k;
        variables.put(layerName, unique);
        return unique;
    }

    /**
     * The last cell: the same model with ConvScope's weights, from the file File → Export model… (or
     * {@code convscope export}) writes under the name {@link #exportFileName} suggests.
     */
    static String loadCell(Model model) {
        return "# the model with ConvScope's weights, exported by File → Export model… (or convscope export)\n"
                + "from tensorflow import keras\n"
                + "model = keras.models.load_model(" + quote(exportFileName(model)) + ")\n";
    }

    /** The file name an export of {@code model} is offered under: its name (letters, digits, '-', '_' kept) + {@code .keras}. */
    public static String exportFileName(Model model) {
        String name = model.name().replaceAll("[^A-Za-z0-9_-]", "_");
        return (name.isEmpty() ? "model" : name) + ".keras";
    }

    private static String optimizer(Training t) {
        String name = t.optimizer().toLowerCase(Locale.ROOT);
        boolean defaultRate = t.learningRate() == defaultLearningRate(name);
        return switch (name) {
            case "sgd" -> "optimizers.SGD(learning_rate=" + fmt(t.learningRate()) + ", momentum=0.9)";
            case "adam" -> defaultRate ? "'adam'" : "optimizers.Adam(learning_rate=" + fmt(t.learningRate()) + ")";
            case "rmsprop" -> defaultRate ? "'rmsprop'" : "optimizers.RMSprop(learning_rate=" + fmt(t.learningRate()) + ")";
            default -> quote(name);
        };
    }

    private static float defaultLearningRate(String optimizer) {
        return optimizer.equals("sgd") ? 0.01f : 1e-3f;
    }

    /** One {@code layers.X(...)} per layer, the first with the input shape. */
    private static List<String> layerLines(Model model) {
        List<String> lines = new ArrayList<>();
        Map<String, Integer> autoNamed = new HashMap<>();
        for (Layer layer : model.layers()) {
            List<String> args = args(layer, layer.config());
            if (lines.isEmpty() && model.isSequential()) args.add("input_shape=" + tuple(model.inputShape().dims()));
            // Keras numbers the names it gives per class (dense, dense_1, ...); a name given by hand takes no number
            String base = Layers.snakeCase(layer.className());
            int k = autoNamed.getOrDefault(base, 0);
            if (layer.name().equals(k == 0 ? base : base + "_" + k)) autoNamed.put(base, k + 1);
            else args.add("name=" + quote(layer.name()));
            if (!layer.isTrainable()) args.add("trainable=False");
            lines.add("layers." + layer.className() + "(" + String.join(", ", args) + ")");
        }
        return lines;
    }

    /** The layer's arguments that differ from Keras' defaults, positional ones first. */
    private static List<String> args(Layer layer, LayerConfig c) {
        List<String> a = new ArrayList<>();
        switch (layer.className()) {
            case "Conv2D" -> {
                a.add(Integer.toString(c.getInt("filters")));
                a.add(tuple(c.getPair("kernel_size", null)));
                int[] s = c.getPair("strides", new int[] {1, 1});
                if (s[0] != 1 || s[1] != 1) a.add("strides=" + tuple(s));
                if (!c.getString("padding", "valid").equals("valid")) a.add("padding=" + quote(c.getString("padding", "valid")));
                int[] d = c.getPair("dilation_rate", new int[] {1, 1});
                if (d[0] != 1 || d[1] != 1) a.add("dilation_rate=" + tuple(d));
                kernelArgs(c, a);
            }
            case "MaxPooling2D", "AveragePooling2D" -> {
                int[] pool = c.getPair("pool_size", null);
                a.add(tuple(pool));
                int[] s = c.getPair("strides", pool);
                if (s[0] != pool[0] || s[1] != pool[1]) a.add("strides=" + tuple(s));
                if (!c.getString("padding", "valid").equals("valid")) a.add("padding=" + quote(c.getString("padding", "valid")));
            }
            case "Dense" -> {
                a.add(Integer.toString(c.getInt("units")));
                kernelArgs(c, a);
            }
            case "DepthwiseConv2D", "SeparableConv2D" -> {
                if (layer.className().equals("SeparableConv2D")) a.add(Integer.toString(c.getInt("filters")));
                a.add(tuple(c.getPair("kernel_size", null)));
                int[] s = c.getPair("strides", new int[] {1, 1});
                if (s[0] != 1 || s[1] != 1) a.add("strides=" + tuple(s));
                if (!c.getString("padding", "valid").equals("valid")) a.add("padding=" + quote(c.getString("padding", "valid")));
                if (c.getInt("depth_multiplier", 1) != 1) a.add("depth_multiplier=" + c.getInt("depth_multiplier", 1));
                int[] d = c.getPair("dilation_rate", new int[] {1, 1});
                if (d[0] != 1 || d[1] != 1) a.add("dilation_rate=" + tuple(d));
                String activation = c.getString("activation", "linear");
                if (!activation.equals("linear")) a.add("activation=" + quote(activation));
                if (!c.getBoolean("use_bias", true)) a.add("use_bias=False");
                for (String key : List.of("depthwise_initializer", "pointwise_initializer")) {
                    String init = c.getString(key, "glorot_uniform");
                    if (!init.equals("glorot_uniform")) a.add(key + "=" + quote(init));
                }
            }
            case "ZeroPadding2D" -> {
                ZeroPadding2D z = (ZeroPadding2D) layer;
                if (z.top() == z.bottom() && z.left() == z.right()) {
                    if (z.top() != z.left()) a.add("(" + z.top() + ", " + z.left() + ")");
                    else if (z.top() != 1) a.add(Integer.toString(z.top()));
                } else {
                    a.add("((" + z.top() + ", " + z.bottom() + "), (" + z.left() + ", " + z.right() + "))");
                }
            }
            case "Dropout" -> a.add(fmt(c.getFloat("rate", 0.5f)));
            case "BatchNormalization" -> {
                if (c.getFloat("momentum", 0.99f) != 0.99f) a.add("momentum=" + fmt(c.getFloat("momentum", 0.99f)));
                if (c.getFloat("epsilon", 1e-3f) != 1e-3f) a.add("epsilon=" + fmt(c.getFloat("epsilon", 1e-3f)));
            }
            case "Activation" -> a.add(quote(c.getString("activation", "linear")));
            case "LeakyReLU" -> {
                if (c.getFloat("alpha", 0.3f) != 0.3f) a.add("alpha=" + fmt(c.getFloat("alpha", 0.3f)));
            }
            case "Rescaling" -> {
                float scale = c.getFloat("scale", 1f);
                a.add(scale == 1f / 255 ? "1./255" : scale == 1f / 127.5f ? "1./127.5" : fmt(scale));
                if (c.getFloat("offset", 0f) != 0f) a.add("offset=" + fmt(c.getFloat("offset", 0f)));
            }
            default -> { } // Flatten, ReLU, Softmax, Add, Concatenate (channels), global pooling: no arguments
        }
        return a;
    }

    /** activation, use_bias, initializers and kernel penalty of Conv2D and Dense, when not Keras' defaults. */
    private static void kernelArgs(LayerConfig c, List<String> a) {
        String activation = c.getString("activation", "linear");
        if (!activation.equals("linear")) a.add("activation=" + quote(activation));
        if (!c.getBoolean("use_bias", true)) a.add("use_bias=False");
        String ki = c.getString("kernel_initializer", "glorot_uniform");
        if (!ki.equals("glorot_uniform")) a.add("kernel_initializer=" + quote(ki));
        String bi = c.getString("bias_initializer", "zeros");
        if (!bi.equals("zeros")) a.add("bias_initializer=" + quote(bi));
        LayerConfig reg = c.getMap("kernel_regularizer");
        if (reg != null) {
            float l1 = reg.getFloat("l1", 0), l2 = reg.getFloat("l2", 0);
            a.add("kernel_regularizer=" + (l1 == 0 ? "regularizers.l2(" + fmt(l2) + ")"
                    : l2 == 0 ? "regularizers.l1(" + fmt(l1) + ")" : "regularizers.l1_l2(l1=" + fmt(l1) + ", l2=" + fmt(l2) + ")"));
        }
    }

    private static String tuple(int[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(v[i]);
        return sb.append(v.length == 1 ? ",)" : ")").toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A float as Python reads it back: 0.001, 0.5, 255.0 (shortest decimal, never an exponent). */
    static String fmt(float v) {
        String s = new BigDecimal(Float.toString(v)).stripTrailingZeros().toPlainString();
        return s.contains(".") ? s : s + ".0";
    }
}
