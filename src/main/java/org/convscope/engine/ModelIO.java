package org.convscope.engine;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Model files ({@code *.convscope}): a zip holding
 * <ul>
 *   <li>{@code model.json}: {@code {"format": "convscope-model", "version": 1, "name", "input_shape",
 *       "input_scale" (only when not 1: see {@link Model#inputScale()}), "preprocessing" (only when set:
 *       see {@link Model#preprocessing()}), "class_names", "metadata",
 *       "layers": [{"class_name", "name", "trainable", "config"}], "weights": [{"layer", "param", "shape"}]}},
 *       layer configs as Keras writes them. That is version 1, a stack of layers; a graph is version 2,
 *       which adds {@code "input_name"} and to every layer {@code "inbound": [names of its input layers]};</li>
 *   <li>{@code weights.bin}: the params of {@code "weights"}, in that order, as little-endian float32.</li>
 * </ul>
 * A config file ({@code *.json}, as in {@code samples/models/}) is the same {@code model.json}
 * without weights. Saving is atomic; loading checks everything before a model is returned.
 */
public final class ModelIO {
    public static final String FORMAT = "convscope-model";
    /** The version of a plain stack's file, unchanged since the first release (so old ConvScopes read it). */
    public static final int STACK_VERSION = 1;
    /** The version of a graph's file: {@code "input_name"} and every layer's {@code "inbound"} names. */
    public static final int GRAPH_VERSION = 2;
    /** The newest version this ConvScope reads. */
    public static final int VERSION = GRAPH_VERSION;
    /** Largest model.json read: the configs are a few kB, a VGG-sized one with its manifest well under 1 MB. */
    private static final int MAX_JSON_BYTES = 16 << 20;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

    private ModelIO() {
    }

    /** Writes architecture and weights to {@code file}, via a temporary file and a move. */
    public static void save(Model model, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
                zip.putNextEntry(new ZipEntry("model.json"));
                zip.write(GSON.toJson(toJson(model)).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("weights.bin"));
                zip.write(weightsOf(model));
                zip.closeEntry();
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static Model load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new ModelFormatException(file + ": no such model file");
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        }
    }

    /** Reads a model zip from a stream; {@code source} names it in error messages. */
    public static Model load(InputStream in, String source) throws IOException {
        String json = null;
        byte[] weights = null;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("model.json")) json = new String(entry(zip, MAX_JSON_BYTES, source), StandardCharsets.UTF_8);
                else if (e.getName().equals("weights.bin")) weights = entry(zip, 4 * ModelLimits.MAX_WEIGHTS, source);
            }
        } catch (ZipException | java.io.EOFException | IllegalArgumentException e) { // IAE: an entry name that is not UTF-8
            throw new ModelFormatException(source + ": not a ConvScope model file or it is damaged (" + e.getMessage() + ")", e);
        }
        if (json == null) throw new ModelFormatException(source + ": not a ConvScope model file (no model.json inside)");
        if (weights == null) throw new ModelFormatException(source + ": the file holds no weights (weights.bin missing)");
        return fromJson(parse(json, source), source, weights);
    }

    /** An entry's bytes, refusing one that unpacks to more than {@code max} (a zip bomb). */
    private static byte[] entry(ZipInputStream zip, long max, String source) throws IOException {
        byte[] bytes = zip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (bytes.length > max) throw new ModelFormatException(source + ": an entry of the model file unpacks to more than " + max + " bytes");
        return bytes;
    }

    /** Reads an architecture (config file without weights) and builds it with {@code seed}. */
    public static Model readConfig(Path file, long seed) throws IOException {
        if (!Files.isRegularFile(file)) throw new ModelFormatException(file + ": no such config file");
        return fromJson(parse(Files.readString(file), file.toString()), file.toString(), null).build(seed);
    }

    /** Reads an architecture from JSON text and builds it with {@code seed}. */
    public static Model readConfig(String json, String source, long seed) throws ModelFormatException {
        return fromJson(parse(json, source), source, null).build(seed);
    }

    /** The architecture as a config file (no weights). */
    public static void writeConfig(Model model, Path file) throws IOException {
        JsonObject o = toJson(model);
        o.remove("weights");
        Files.writeString(file, GSON.toJson(o) + "\n");
    }

    public static String configJson(Model model) {
        JsonObject o = toJson(model);
        o.remove("weights");
        return GSON.toJson(o) + "\n";
    }

    private static JsonObject parse(String json, String source) throws ModelFormatException {
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) throw new ModelFormatException(source + ": model.json is not a JSON object");
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new ModelFormatException(source + ": model.json is not valid JSON (" + reason(e) + ")", e);
        }
    }

    static JsonObject toJson(Model model) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        boolean graph = !model.isSequential();
        o.addProperty("version", graph ? GRAPH_VERSION : STACK_VERSION);
        o.addProperty("name", model.name());
        o.add("input_shape", GSON.toJsonTree(model.inputShape().dims()));
        if (graph) o.addProperty("input_name", model.inputName());
        if (model.inputScale() != 1) o.addProperty("input_scale", model.inputScale());
        if (model.preprocessing() != null) o.addProperty("preprocessing", model.preprocessing());
        o.add("class_names", GSON.toJsonTree(model.classNames()));
        o.add("metadata", GSON.toJsonTree(model.metadata()));
        JsonArray layers = new JsonArray();
        JsonArray weights = new JsonArray();
        for (Layer l : model.layers()) {
            JsonObject lo = new JsonObject();
            lo.addProperty("class_name", l.className());
            lo.addProperty("name", l.name());
            lo.addProperty("trainable", l.isTrainable());
            lo.add("config", GSON.toJsonTree(l.config().asMap()));
            if (graph) lo.add("inbound", GSON.toJsonTree(model.inputsOf(l.name())));
            layers.add(lo);
            for (Param p : l.params()) {
                JsonObject w = new JsonObject();
                w.addProperty("layer", l.name());
                w.addProperty("param", p.name);
                w.add("shape", GSON.toJsonTree(p.value.shape()));
                weights.add(w);
            }
        }
        o.add("layers", layers);
        o.add("weights", weights);
        return o;
    }

    static byte[] weightsOf(Model model) {
        int n = 0;
        for (Param p : model.params()) n += p.size();
        ByteBuffer buf = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (Param p : model.params()) {
            for (float v : p.value.data) buf.putFloat(v);
        }
        return buf.array();
    }

    /** Builds the model described by {@code o}; with {@code weights} non-null, loads them too. */
    static Model fromJson(JsonObject o, String source, byte[] weights) throws ModelFormatException {
        try {
            String format = o.has("format") ? o.get("format").getAsString() : null;
            if (!FORMAT.equals(format)) throw new ModelFormatException(source + ": not a ConvScope model (format is " + format + ")");
            int version = required(o, "version", source).getAsInt();
            if (version > VERSION) {
                throw new ModelFormatException(source + ": written by a newer ConvScope (file version " + version
                        + ", this one reads up to " + VERSION + ")");
            }
            if (version < STACK_VERSION) {
                throw new ModelFormatException(source + ": unknown file version " + version + " (this ConvScope reads versions "
                        + STACK_VERSION + " to " + VERSION + ")");
            }
            boolean graph = version == GRAPH_VERSION;
            int[] dims = GSON.fromJson(required(o, "input_shape", source), int[].class);
            Model model = new Model(Shape.of(dims));
            if (graph) model.setInputName(required(o, "input_name", source).getAsString());
            if (o.has("name")) model.setName(o.get("name").getAsString());
            if (o.has("input_scale")) model.setInputScale(o.get("input_scale").getAsFloat());
            if (o.has("preprocessing") && !o.get("preprocessing").isJsonNull()) model.setPreprocessing(o.get("preprocessing").getAsString());
            if (o.has("class_names") && !o.get("class_names").isJsonNull()) {
                model.setClassNames(GSON.fromJson(o.get("class_names"), new TypeToken<List<String>>() { }.getType()));
            }
            if (o.has("metadata") && o.get("metadata").isJsonObject()) {
                Map<String, String> meta = GSON.fromJson(o.get("metadata"), new TypeToken<Map<String, String>>() { }.getType());
                model.metadata().putAll(meta);
            }
            for (JsonElement le : required(o, "layers", source).getAsJsonArray()) {
                JsonObject lo = le.getAsJsonObject();
                String className = required(lo, "class_name", source).getAsString();
                String layerName = lo.has("name") ? lo.get("name").getAsString() : null;
                Map<String, Object> cfg = lo.has("config") && lo.get("config").isJsonObject()
                        ? GSON.fromJson(lo.get("config"), new TypeToken<Map<String, Object>>() { }.getType()) : Map.of();
                Layer layer;
                try {
                    layer = Layers.fromConfig(className, new LayerConfig(new java.util.LinkedHashMap<>(cfg)));
                    if (lo.has("trainable")) layer.setTrainable(lo.get("trainable").getAsBoolean());
                    if (graph) {
                        String[] inbound = GSON.fromJson(required(lo, "inbound", source), String[].class);
                        model.add(layer, layerName, inbound);
                    } else {
                        model.add(layer, layerName);
                    }
                } catch (IllegalArgumentException e) {
                    throw new ModelFormatException(source + ": layer " + (model.layers().size() + 1) + " ("
                            + (layerName == null ? className : layerName) + "): " + e.getMessage(), e);
                }
            }
            if (model.layers().isEmpty()) throw new ModelFormatException(source + ": the model has no layers");
            try {
                ModelLimits.check(model);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source + ": " + e.getMessage(), e);
            }
            try {
                model.build(0);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source + ": " + e.getMessage(), e);
            }
            if (weights != null) {
                checkManifest(model, o.getAsJsonArray("weights"), source);
                readWeights(model, weights, source);
            }
            return model;
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException e) { // missing keys, wrong JSON types
            throw new ModelFormatException(source + ": model.json is malformed (" + reason(e) + ")", e);
        }
    }

    private static JsonElement required(JsonObject o, String key, String source) throws ModelFormatException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) throw new ModelFormatException(source + ": model.json has no '" + key + "'");
        return e;
    }

    /** The innermost cause's message, which says what is wrong (Gson wraps it in its own exceptions). */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** The file's list of weights must name the model's params, with their shapes, in order. */
    private static void checkManifest(Model model, JsonArray manifest, String source) throws ModelFormatException {
        List<String> expected = new ArrayList<>();
        for (Layer l : model.layers()) {
            for (Param p : l.params()) expected.add(l.name() + "/" + p.name + java.util.Arrays.toString(p.value.shape()));
        }
        List<String> found = new ArrayList<>();
        if (manifest != null) {
            for (JsonElement e : manifest) {
                JsonObject w = e.getAsJsonObject();
                found.add(w.get("layer").getAsString() + "/" + w.get("param").getAsString()
                        + java.util.Arrays.toString(GSON.fromJson(w.get("shape"), int[].class)));
            }
        }
        if (!expected.equals(found)) {
            throw new ModelFormatException(source + ": the weights listed in model.json do not match its layers (expected "
                    + expected + ", found " + found + ")");
        }
    }

    private static void readWeights(Model model, byte[] weights, String source) throws ModelFormatException {
        long expected = 0;
        for (Param p : model.params()) expected += p.size();
        if (weights.length != expected * 4) {
            throw new ModelFormatException(source + ": weights.bin holds " + weights.length / 4 + " values but the model needs "
                    + expected + " (truncated or from another model)");
        }
        ByteBuffer buf = ByteBuffer.wrap(weights).order(ByteOrder.LITTLE_ENDIAN);
        for (Layer l : model.layers()) {
            for (Param p : l.params()) {
                for (int i = 0; i < p.size(); i++) p.value.data[i] = buf.getFloat();
                if (!p.value.isFinite()) {
                    throw new ModelFormatException(source + ": weights of " + l.name() + "/" + p.name + " contain NaN or infinity");
                }
            }
        }
    }
}
