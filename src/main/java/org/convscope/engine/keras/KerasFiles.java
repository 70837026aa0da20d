package org.convscope.engine.keras;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.convscope.engine.Layer;
import org.convscope.engine.ModelFormatException;
import org.convscope.engine.Param;
import org.convscope.engine.Rescaling;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Opens the model files Keras writes, as a {@link Model} with the file's weights:
 * <ul>
 *   <li>HDF5 {@code .h5} (Keras 2, and Keras 3's legacy format): root attributes {@code model_config}
 *       (JSON), {@code training_config}, {@code keras_version}; weights under
 *       {@code model_weights/<layer>/}, named by the layer group's {@code weight_names} attribute and
 *       matched to the layers that have weights in order, as Keras loads them;</li>
 *   <li>{@code .keras} (Keras 3): a zip of {@code config.json}, {@code metadata.json} and
 *       {@code model.weights.h5}, whose weights sit at {@code layers/<layer>/vars/0, 1, ...}
 *       ({@code _layer_checkpoint_dependencies/<layer>/vars/...} from Keras 2.13–2.15).</li>
 * </ul>
 * Kernels keep their layout: Keras' Conv2D kernel (KH, KW, C_in, F) and Dense kernel (F_in, units) are
 * ConvScope's own; batch normalization's four vectors come as gamma, beta, moving mean, moving variance.
 * <p>
 * A file from outside is read defensively: its size, the config's size, the input and every layer's
 * output size and the number of weights are bounded, every weight's declared shape is checked against
 * the config before any value is read, only the fixed paths above are followed (never a link, never a
 * walk over the file), and whatever the HDF5 reader trips over becomes a {@link ModelFormatException}
 * naming the file, never a half-built model.
 */
public final class KerasFiles {
    /** Largest file opened (the tutorial CNNs are a few MB; VGG16 is 530 MB and far beyond ConvScope). */
    static final long MAX_FILE_BYTES = 512L << 20;
    /** Largest model config (JSON) read. */
    static final long MAX_CONFIG_BYTES = 16L << 20;
    /** Most weights (floats) a model may have. */
    static final long MAX_WEIGHTS = org.convscope.engine.ModelLimits.MAX_WEIGHTS;
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private KerasFiles() {
    }

    /** Whether {@code file}'s name says it is a Keras file ({@code .h5}, {@code .hdf5}, {@code .keras}). */
    public static boolean isKerasFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".keras");
    }

    /**
     * Reads a Keras Sequential or Functional model with its weights, built and ready for inference. A model whose
     * first layer is {@link Rescaling} takes 0–255 pixels (input scale 255); for any other, the
     * caller says what it was trained on with {@code range} (see {@link #inputRangeIsKnown}).
     * @throws ModelFormatException naming the file and what is wrong or unsupported in it
     */
    public static Model read(Path file, InputRange range) throws ModelFormatException {
        String source = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] head;
        try {
            if (!Files.isRegularFile(file)) throw new ModelFormatException(file + ": no such model file");
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) throw new ModelFormatException(source + ": the file is " + size / (1 << 20)
                    + " MB; ConvScope opens Keras files up to " + MAX_FILE_BYTES / (1 << 20) + " MB");
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(8);
            }
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException(source + ": cannot be read (" + e.getMessage() + ")", e);
        }
        Model model;
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K') {
            model = readKeras(file, source);
        } else if (Arrays.equals(head, HDF5_SIGNATURE)) {
            // read from memory, not a file channel: a size the file declares beyond its end then fails at
            // once, where jhdf's file reads would first allocate (and zero) a buffer of that size
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new ModelFormatException(source + ": cannot be read (" + e.getMessage() + ")", e);
            }
            model = guarded(source, () -> {
                try (HdfFile h5 = HdfFile.fromBytes(bytes)) {
                    return readH5(h5, source);
                }
            });
        } else {
            throw new ModelFormatException(source + ": not a Keras model file (neither HDF5 .h5 nor a .keras zip)");
        }
        model.setInputScale(inputRangeIsKnown(model) ? InputRange.ZERO_TO_255.scale : range.scale);
        return model;
    }

    /** True when the model says itself which pixel values it takes: it opens with a {@link Rescaling} layer (then 0–255). */
    public static boolean inputRangeIsKnown(Model model) {
        return !model.layers().isEmpty() && model.layers().get(0) instanceof Rescaling;
    }

    // ---- .h5 ------------------------------------------------------------------------------------

    private static Model readH5(HdfFile h5, String source) throws ModelFormatException {
        String configJson = stringAttribute(h5, "model_config", source);
        if (configJson == null) {
            throw new ModelFormatException(source + ": the file holds weights only, no model config (saved with save_weights?); "
                    + "save the whole model in Keras with model.save(...)");
        }
        KerasConfig.Read read = planModel(parseJson(configJson, source, "model_config"), source);
        Model model = read.model();
        Group weights = group(child(h5, "model_weights", source), source);
        List<String> stored = new ArrayList<>(); // layers (and sub-models) whose group holds weights, in the file's order
        List<Dataset> all = new ArrayList<>();   // their weights in that order, a sub-model's for all its layers in turn
        for (String name : stringsAttribute(weights, "layer_names", source)) {
            Group g = group(child(weights, name, source), source);
            List<String> names = stringsAttribute(g, "weight_names", source);
            if (!names.isEmpty()) stored.add(name);
            for (String weightName : names) all.add(dataset(g, weightName, source));
        }
        List<Layer> withWeights = layersWithWeights(model);
        int needed = 0;
        for (Layer l : withWeights) needed += l.params().size();
        if (all.size() != needed) {
            throw new ModelFormatException(source + ": the file holds " + all.size() + " weight arrays (in " + stored
                    + ") but its config's " + withWeights.size() + " layers with weights need " + needed);
        }
        // Keras saves the layers' weights in the config's order, which is the order ConvScope adds them in
        List<List<Dataset>> datasets = new ArrayList<>();
        int next = 0;
        for (Layer l : withWeights) {
            datasets.add(all.subList(next, next + l.params().size()));
            next += l.params().size();
        }
        setWeights(model, withWeights, datasets, source);
        String training = stringAttribute(h5, "training_config", source);
        if (training != null) recordCompile(model, parseJson(training, source, "training_config"), "optimizer_config");
        String version = stringAttribute(h5, "keras_version", source);
        model.metadata().put("source", "Keras " + (version == null ? "" : version + " ") + "file " + source);
        return model;
    }

    // ---- .keras ---------------------------------------------------------------------------------

    private static Model readKeras(Path file, String source) throws ModelFormatException {
        byte[] config, weights, metadata;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            config = member(zip, "config.json", MAX_CONFIG_BYTES, source);
            metadata = member(zip, "metadata.json", MAX_CONFIG_BYTES, source);
            weights = member(zip, "model.weights.h5", MAX_FILE_BYTES, source);
        } catch (ZipException e) {
            throw new ModelFormatException(source + ": not a .keras file or it is damaged (" + e.getMessage() + ")", e);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException(source + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (config == null) throw new ModelFormatException(source + ": not a .keras model file (no config.json inside)");
        if (weights == null) throw new ModelFormatException(source + ": the file holds no weights (model.weights.h5 missing)");
        JsonObject root = parseJson(new String(config, StandardCharsets.UTF_8), source, "config.json");
        KerasConfig.Read read = planModel(root, source);
        Model model = read.model();
        guarded(source, () -> {
            try (HdfFile h5 = HdfFile.fromBytes(weights)) {
                List<Layer> withWeights = layersWithWeights(model);
                List<List<Dataset>> datasets = new ArrayList<>();
                // Keras 3 writes layers/<layer>/vars; Keras 2.13–2.15, the first to write .keras, _layer_checkpoint_dependencies/...
                Group layers = group(child(h5, h5.getChild("layers") == null && h5.getChild("_layer_checkpoint_dependencies") != null
                        ? "_layer_checkpoint_dependencies" : "layers", source), source);
                for (Layer l : withWeights) {
                    Group at = layers; // a flattened sub-model's layer sits at layers/<sub-model>/layers/<layer>
                    for (String sub : read.nesting().get(l.name())) at = group(child(group(child(at, sub, source), source), layers.getName(), source), source);
                    Group vars = group(child(group(child(at, l.name(), source), source), "vars", source), source);
                    List<Dataset> ds = new ArrayList<>();
                    for (int i = 0; i < l.params().size(); i++) ds.add(dataset(vars, Integer.toString(i), source));
                    datasets.add(ds);
                }
                setWeights(model, withWeights, datasets, source);
            }
            return model;
        });
        if (root.has("compile_config") && root.get("compile_config").isJsonObject()) {
            recordCompile(model, root.getAsJsonObject("compile_config"), "optimizer");
        }
        String version = null;
        if (metadata != null) version = KerasConfig.string(parseJson(new String(metadata, StandardCharsets.UTF_8), source, "metadata.json"), "keras_version", null);
        model.metadata().put("source", "Keras " + (version == null ? "" : version + " ") + "file " + source);
        return model;
    }

    /** A zip member's bytes, or null when absent; refused when it is (or turns out) larger than {@code limit}. */
    private static byte[] member(ZipFile zip, String name, long limit, String source) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) return null;
        if (e.getSize() > limit) throw new ModelFormatException(source + ": " + name + " declares " + e.getSize() + " bytes, more than ConvScope reads (" + limit + ")");
        try (InputStream in = zip.getInputStream(e)) {
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length > limit) throw new ModelFormatException(source + ": " + name + " unpacks to more than " + limit + " bytes");
            return bytes;
        }
    }

    // ---- shared ---------------------------------------------------------------------------------

    /** The model of a config, unbuilt, after checking its size bounds; built by {@link #setWeights}. */
    private static KerasConfig.Read planModel(JsonObject root, String source) throws ModelFormatException {
        KerasConfig.Read read;
        try {
            read = KerasConfig.read(root);
        } catch (RuntimeException e) {
            throw new ModelFormatException(source + ": " + e.getMessage(), e);
        }
        Model model = read.model();
        long total = 0;
        for (Layer l : model.layers()) {
            for (int[] s : KerasConfig.weightShapes(l, model.inputShapesOf(l.name()).get(0))) total += KerasConfig.volume(Shape.of(s));
        }
        if (total > MAX_WEIGHTS) throw new ModelFormatException(source + ": the model has " + total + " weights; ConvScope opens models up to " + MAX_WEIGHTS);
        try {
            model.build(0);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + ": " + e.getMessage(), e);
        }
        return read;
    }

    private static List<Layer> layersWithWeights(Model model) {
        List<Layer> ls = new ArrayList<>();
        for (Layer l : model.layers()) if (!l.params().isEmpty()) ls.add(l);
        return ls;
    }

    /** Checks every dataset's shape against its layer's param before reading any, then copies the values. */
    private static void setWeights(Model model, List<Layer> layers, List<List<Dataset>> datasets, String source) throws ModelFormatException {
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            List<Param> params = l.params();
            List<Dataset> ds = datasets.get(i);
            if (ds.size() != params.size()) {
                throw new ModelFormatException(source + ": layer " + l.name() + " (" + l.className() + ") has " + ds.size()
                        + " weight arrays in the file but needs " + params.size() + " (" + names(params) + ")");
            }
            for (int j = 0; j < ds.size(); j++) {
                int[] found = ds.get(j).getDimensions();
                int[] wanted = params.get(j).value.shape();
                if (!Arrays.equals(found, wanted)) {
                    throw new ModelFormatException(source + ": weight " + l.name() + "/" + params.get(j).name + " has shape "
                            + Arrays.toString(found) + " in the file but the config needs " + Arrays.toString(wanted));
                }
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            for (int j = 0; j < datasets.get(i).size(); j++) {
                Param p = layers.get(i).params().get(j);
                Object data = datasets.get(i).get(j).getDataFlat();
                float[] dst = p.value.data;
                if (data instanceof float[] f) System.arraycopy(f, 0, dst, 0, dst.length);
                else if (data instanceof double[] d) for (int k = 0; k < dst.length; k++) dst[k] = (float) d[k];
                else throw new ModelFormatException(source + ": weight " + layers.get(i).name() + "/" + p.name + " is not floating point");
                if (!p.value.isFinite()) throw new ModelFormatException(source + ": weight " + layers.get(i).name() + "/" + p.name + " holds NaN or infinity");
            }
        }
    }

    private static String names(List<Param> params) {
        List<String> ns = new ArrayList<>();
        for (Param p : params) ns.add(p.name);
        return String.join(", ", ns);
    }

    /**
     * Keeps optimizer, learning rate and loss (for "Show as Keras code"), when the file has them as plain
     * values: {@code compile} is Keras 2's training_config (optimizer under {@code optimizer_config}) or
     * Keras 3's compile_config (under {@code optimizer}).
     */
    private static void recordCompile(Model model, JsonObject compile, String optimizerKey) {
        JsonElement loss = compile.get("loss");
        if (loss != null && loss.isJsonPrimitive()) model.metadata().put(KerasCode.LOSS_KEY, loss.getAsString());
        JsonElement opt = compile.get(optimizerKey);
        if (opt != null && opt.isJsonPrimitive()) {
            model.metadata().put(KerasCode.OPTIMIZER_KEY, opt.getAsString().toLowerCase(Locale.ROOT));
        } else if (opt != null && opt.isJsonObject()) {
            String cls = KerasConfig.string(opt.getAsJsonObject(), "class_name", null);
            if (cls != null) model.metadata().put(KerasCode.OPTIMIZER_KEY, cls.toLowerCase(Locale.ROOT));
            JsonElement cfg = opt.getAsJsonObject().get("config");
            if (cfg != null && cfg.isJsonObject()) {
                JsonElement lr = cfg.getAsJsonObject().get("learning_rate");
                if (lr != null && lr.isJsonPrimitive() && lr.getAsJsonPrimitive().isNumber()) {
                    model.metadata().put(KerasCode.LEARNING_RATE_KEY, Float.toString(lr.getAsFloat()));
                }
            }
        }
    }

    private static JsonObject parseJson(String json, String source, String what) throws ModelFormatException {
        if (json.length() > MAX_CONFIG_BYTES) throw new ModelFormatException(source + ": " + what + " is larger than " + MAX_CONFIG_BYTES + " bytes");
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) throw new ModelFormatException(source + ": " + what + " is not a JSON object");
            return e.getAsJsonObject();
        } catch (JsonParseException | StackOverflowError e) { // deep nesting overflows Gson's recursion
            throw new ModelFormatException(source + ": " + what + " is not valid JSON", e);
        }
    }

    /** A child by name, refusing links (Keras writes none; a link may lead in a circle). */
    private static Node child(Group g, String name, String source) throws ModelFormatException {
        Node n = g.getChild(name);
        if (n == null) throw new ModelFormatException(source + ": the file has no " + g.getPath() + name);
        if (n.isLink()) throw new ModelFormatException(source + ": " + g.getPath() + name + " is a link; Keras files have none");
        return n;
    }

    private static Group group(Node n, String source) throws ModelFormatException {
        if (!(n instanceof Group g)) throw new ModelFormatException(source + ": " + n.getPath() + " is not a group");
        return g;
    }

    /** A dataset at a relative path of at most a few plain segments ({@code conv2d/kernel:0}). */
    private static Dataset dataset(Group g, String path, String source) throws ModelFormatException {
        String[] parts = path.split("/");
        if (parts.length > 8 || path.length() > 512) throw new ModelFormatException(source + ": weight name '" + path + "' is not one Keras writes");
        Node n = g;
        for (String part : parts) {
            if (part.isEmpty()) continue;
            n = child(group(n, source), part, source);
        }
        if (!(n instanceof Dataset d)) throw new ModelFormatException(source + ": " + n.getPath() + " is not a dataset");
        return d;
    }

    /** A string attribute (Keras writes JSON configs as string attributes), or null when absent. */
    private static String stringAttribute(Node n, String name, String source) throws ModelFormatException {
        Object data = attributeData(n, name, source);
        if (data == null) return null;
        if (data instanceof String s) return s;
        if (data instanceof String[] a && a.length == 1) return a[0];
        throw new ModelFormatException(source + ": attribute " + name + " is not a string");
    }

    /** A list-of-names attribute such as {@code layer_names}; empty when absent or empty (h5py stores [] as float64). */
    private static List<String> stringsAttribute(Node n, String name, String source) throws ModelFormatException {
        Object data = attributeData(n, name, source);
        if (data == null) return List.of();
        if (data instanceof String s) return List.of(s);
        if (data instanceof String[] a) return List.of(a);
        if (data.getClass().isArray() && java.lang.reflect.Array.getLength(data) == 0) return List.of();
        throw new ModelFormatException(source + ": attribute " + name + " of " + n.getPath() + " is not a list of names");
    }

    private static Object attributeData(Node n, String name, String source) throws ModelFormatException {
        Attribute a = n.getAttribute(name);
        if (a == null) return null;
        if (a.getSize() > 100_000 || a.getSizeInBytes() > MAX_CONFIG_BYTES) {
            throw new ModelFormatException(source + ": attribute " + name + " of " + n.getPath() + " is too large");
        }
        return a.getData();
    }

    private interface H5Read<T> {
        T run() throws ModelFormatException;
    }

    /**
     * Runs HDF5 reading with every failure the reader may meet in a broken or hostile file (its own
     * exceptions, buffer underflows, deep recursion, a declared size too large to allocate) turned into a
     * message. Catching {@link OutOfMemoryError} here is safe: it can only come from one failed allocation
     * of a size the file declares, and nothing is kept from the attempt.
     */
    private static <T> T guarded(String source, H5Read<T> read) throws ModelFormatException {
        try {
            return read.run();
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new ModelFormatException(source + ": not a Keras model file or it is damaged (" + reason(e) + ")", e);
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
