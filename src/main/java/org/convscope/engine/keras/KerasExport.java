package org.convscope.engine.keras;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.convscope.engine.Model;
import org.convscope.engine.Param;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.convscope.engine.export.ExportException;
import org.convscope.engine.keras.KerasLayerSpec.Dialect;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a model as Keras saves it, with its weights, so that {@code keras.models.load_model(path)} in
 * the notebook gives the same predictions:
 * <ul>
 *   <li>{@code .h5}, Keras 2's {@code model.save("net.h5")} (which Keras 3 still reads): root attributes
 *       {@code backend}, {@code keras_version} and {@code model_config} (JSON); {@code model_weights/} with
 *       {@code backend}, {@code keras_version} and {@code layer_names}; per layer a group with attribute
 *       {@code weight_names} ({@code conv2d/kernel:0}, ...) and the arrays at
 *       {@code model_weights/<layer>/<layer>/kernel:0}; and an empty {@code top_level_model_weights};</li>
 *   <li>{@code .keras}, Keras 3's zip of {@code config.json} (with {@code build_config}),
 *       {@code metadata.json} and {@code model.weights.h5}, whose arrays sit at
 *       {@code layers/<layer>/vars/0, 1, ...} beside the model's own (empty) {@code vars}.</li>
 * </ul>
 * A plain stack is written as Keras' {@code Sequential}, any other graph as a {@code Functional} model
 * (each layer with its {@code inbound_nodes}, in the spelling of the Keras that writes the format),
 * from the same layer specs ({@link KerasLayerSpec}) and the same weight writers.
 * The arrays keep Keras' layouts, which are ConvScope's: Conv2D kernels (KH, KW, C_in, F), Dense kernels
 * (F_in, units), float32. HDF5 is written with jhdf. Two things jhdf cannot write differ from Keras'
 * own files: an empty list attribute (Keras writes {@code weight_names = []} as an empty float64
 * array for a layer without weights; here the attribute is left out, which Keras' loader reads as the
 * same empty list) and jhdf's own root attribute {@code _jHDF} naming its version; a root dataset
 * {@code written_by} is added (see {@link #signRoot}). Keras reads neither. No optimizer state
 * or compile settings are written: the notebook compiles the loaded model before {@code fit}.
 * <p>
 * Callers write to a temporary file and rename it ({@link org.convscope.engine.export.ModelExport}).
 */
public final class KerasExport {
    private static final Gson JSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    /**
     * Largest {@code model_config} written into the .h5: jhdf 0.9.4 writes every attribute into its group's
     * object header, and past about 60 KB it writes a root header that cannot be read back (measured: a
     * 59,000-byte attribute reads back, a 62,000-byte one does not). Keras' own limit per attribute,
     * HDF5_OBJECT_HEADER_LIMIT, is 64,512 bytes. A config of this size is some 120 layers.
     */
    static final int MAX_ATTRIBUTE_BYTES = 56_000;

    private KerasExport() {
    }

    /**
     * Writes {@code model} (built) to {@code file} as Keras 2's legacy HDF5 {@code .h5}. Not modified.
     * @throws ExportException naming a layer with no Keras equivalent, or when the file cannot be written
     */
    public static void writeH5(Model model, Path file) throws IOException {
        List<KerasLayerSpec> specs = KerasLayerSpec.of(model, "Keras");
        String config = modelConfig(model, specs, Dialect.KERAS_2);
        int bytes = config.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_ATTRIBUTE_BYTES) {
            throw new ExportException("the model's config is " + bytes + " bytes, more than an HDF5 attribute written here holds ("
                    + MAX_ATTRIBUTE_BYTES + "); export it as .keras, which keeps the config in a file of its own");
        }
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putAttribute("backend", "tensorflow");
            h5.putAttribute("keras_version", Dialect.KERAS_2.version);
            h5.putAttribute("model_config", config);
            WritableGroup weights = h5.putGroup("model_weights");
            weights.putAttribute("backend", "tensorflow");
            weights.putAttribute("keras_version", Dialect.KERAS_2.version);
            List<String> layerNames = new ArrayList<>();
            if (!model.isSequential()) { // a Functional model's layers include its InputLayer (Keras 2's model.layers)
                layerNames.add(model.inputName());
                weights.putGroup(model.inputName()); // no weight_names: an empty list jhdf cannot write, read as empty
            }
            for (KerasLayerSpec s : specs) layerNames.add(s.name());
            weights.putAttribute("layer_names", layerNames.toArray(String[]::new));
            for (KerasLayerSpec s : specs) {
                WritableGroup g = weights.putGroup(s.name());
                if (s.weights().isEmpty()) continue; // weight_names = [] cannot be written by jhdf; absent reads as empty
                g.putAttribute("weight_names", s.weights().stream().map(p -> s.name() + "/" + p.name + ":0").toArray(String[]::new));
                WritableGroup arrays = g.putGroup(s.name());
                for (Param p : s.weights()) arrays.putDataset(p.name + ":0", nested(p.value));
            }
            weights.putGroup("top_level_model_weights");
            signRoot(h5);
        } catch (RuntimeException e) { // jhdf reports write failures unchecked
            throw new ExportException(file.getFileName() + ": could not be written (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes {@code model} (built) to {@code file} as Keras 3's {@code .keras} zip. Not modified.
     * @throws ExportException naming a layer with no Keras equivalent, or when the file cannot be written
     */
    public static void writeKeras(Model model, Path file) throws IOException {
        List<KerasLayerSpec> specs = KerasLayerSpec.of(model, "Keras");
        Map<String, Object> root = new LinkedHashMap<>(modelObject(model, specs, Dialect.KERAS_3));
        if (model.isSequential()) { // a Functional model is built as it is made; Keras 3 writes no build_config for it
            Map<String, Object> build = new LinkedHashMap<>();
            build.put("input_shape", batchShape(model));
            root.put("build_config", build);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("keras_version", Dialect.KERAS_3.version);
        metadata.put("date_saved", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
        Path weights = Files.createTempFile(file.toAbsolutePath().getParent(), ".weights-", ".h5");
        try {
            try (WritableHdfFile h5 = HdfFile.write(weights)) {
                WritableGroup layers = h5.putGroup("layers");
                if (!model.isSequential()) layers.putGroup(model.inputName()).putGroup("vars"); // Keras 3 saves its InputLayer's (empty) vars
                for (KerasLayerSpec s : specs) {
                    WritableGroup vars = layers.putGroup(s.name()).putGroup("vars");
                    for (int i = 0; i < s.weights().size(); i++) vars.putDataset(Integer.toString(i), nested(s.weights().get(i).value));
                }
                h5.putGroup("vars"); // the model's own variables: none, but Keras 3 opens the group
                signRoot(h5);
            } catch (RuntimeException e) {
                throw new ExportException(file.getFileName() + ": could not be written (" + e.getMessage() + ")", e);
            }
            try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
                entry(zip, "metadata.json", JSON.toJson(metadata).getBytes(StandardCharsets.UTF_8));
                entry(zip, "config.json", JSON.toJson(root).getBytes(StandardCharsets.UTF_8));
                entry(zip, "model.weights.h5", Files.readAllBytes(weights));
            }
        } finally {
            Files.deleteIfExists(weights);
        }
    }

    /**
     * Adds the root dataset {@code written_by}. It also keeps jhdf 0.9.4 from damaging the file: on closing,
     * jhdf appends its version string where its last streamed write ended, which overwrites the header of a
     * group written after the last dataset (an empty {@code vars} or a weightless layer's group, depending
     * on the order jhdf walks its children in). A root dataset that jhdf walks last (checked for the root
     * groups of both formats) ends the file with data, so the string lands past everything.
     */
    private static void signRoot(WritableHdfFile h5) {
        h5.putDataset("written_by", new String[] {"ConvScope"});
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** The model's config JSON (as {@link #modelObject}). */
    static String modelConfig(Model model, List<KerasLayerSpec> specs, Dialect dialect) {
        return JSON.toJson(modelObject(model, specs, dialect));
    }

    /**
     * {@code {"class_name": "Sequential" or "Functional", "config": {...}}} as the dialect's Keras writes it: a plain
     * stack as a Sequential (as Keras' {@code Sequential} saves it), any other graph as a Functional model.
     */
    static Map<String, Object> modelObject(Model model, List<KerasLayerSpec> specs, Dialect dialect) {
        if (model.isSequential()) return KerasLayerSpec.wrap(dialect, "keras", "Sequential", sequentialConfig(model, specs, dialect));
        // Functional is not one of Keras 3's public classes: it is saved under its module and registered name
        Map<String, Object> root = KerasLayerSpec.wrap(dialect, "keras.src.models.functional", "Functional", functionalConfig(model, specs, dialect));
        if (dialect == Dialect.KERAS_3) root.put("registered_name", "Functional");
        return root;
    }

    /**
     * A Sequential's config: its name and layer list, opened by an InputLayer as each Keras writes it (Keras 2
     * names it after the first layer, {@code conv2d_input}, and repeats the shape on the first layer).
     */
    private static Map<String, Object> sequentialConfig(Model model, List<KerasLayerSpec> specs, Dialect dialect) {
        List<Object> layers = new ArrayList<>();
        layers.add(inputLayer(model, dialect, dialect == Dialect.KERAS_2 ? specs.get(0).name() + "_input" : "input_layer"));
        for (int i = 0; i < specs.size(); i++) layers.add(specs.get(i).config(dialect, i == 0 ? batchShape(model) : null));
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("name", model.name());
        if (dialect == Dialect.KERAS_3) {
            cfg.put("trainable", true);
            cfg.put("dtype", KerasLayerSpec.dtype(dialect));
        }
        cfg.put("layers", layers);
        return cfg;
    }

    /**
     * A Functional model's config: every layer (the InputLayer, named as the model's input, first) with its
     * {@code name} and {@code inbound_nodes}, then {@code input_layers} and {@code output_layers} (the last layer).
     * Keras 2 writes a node as {@code [[["conv2d", 0, 0, {}], ...]]}; Keras 3 as the call's arguments,
     * {@code [{"args": [tensor], "kwargs": {}}]} with a merge layer's tensors in one list, each tensor a
     * {@code __keras_tensor__} naming the layer that made it ({@code keras_history}).
     */
    private static Map<String, Object> functionalConfig(Model model, List<KerasLayerSpec> specs, Dialect dialect) {
        Map<String, Shape> shapes = new HashMap<>(); // every tensor's shape, for Keras 3's tensors
        shapes.put(model.inputName(), model.inputShape());
        List<Object> layers = new ArrayList<>();
        Map<String, Object> input = inputLayer(model, dialect, model.inputName());
        input.put("name", model.inputName());
        input.put("inbound_nodes", List.of());
        layers.add(input);
        for (KerasLayerSpec s : specs) {
            Map<String, Object> layer = s.config(dialect, null);
            layer.put("name", s.name());
            List<Object> tensors = new ArrayList<>();
            for (String from : s.inbound()) tensors.add(dialect == Dialect.KERAS_2 ? List.of(from, 0, 0, Map.of()) : kerasTensor(from, shapes.get(from)));
            Object node;
            if (dialect == Dialect.KERAS_2) {
                node = tensors;
            } else {
                Map<String, Object> call = new LinkedHashMap<>();
                call.put("args", s.inbound().size() == 1 && !MERGE.contains(s.className()) ? tensors : List.of(tensors));
                call.put("kwargs", Map.of());
                node = call;
            }
            layer.put("inbound_nodes", List.of(node));
            layers.add(layer);
            shapes.put(s.name(), s.output());
        }
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("name", model.name());
        if (dialect == Dialect.KERAS_3) cfg.put("trainable", true);
        cfg.put("layers", layers);
        cfg.put("input_layers", List.of(List.of(model.inputName(), 0, 0)));
        cfg.put("output_layers", List.of(List.of(specs.get(specs.size() - 1).name(), 0, 0)));
        return cfg;
    }

    /** The layers Keras calls on a list of tensors ({@code Add()([a, b])}): their one argument is that list. */
    private static final Set<String> MERGE = Set.of("Add", "Concatenate");

    /** Keras 3's serialized KerasTensor of shape (None, shape...) made by layer {@code from}. */
    private static Map<String, Object> kerasTensor(String from, Shape shape) {
        Map<String, Object> cfg = new LinkedHashMap<>();
        List<Object> batch = new ArrayList<>();
        batch.add(null);
        for (int d : shape.dims()) batch.add(d);
        cfg.put("shape", batch);
        cfg.put("dtype", "float32");
        cfg.put("keras_history", List.of(from, 0, 0));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("class_name", "__keras_tensor__");
        t.put("config", cfg);
        return t;
    }

    /** The InputLayer {@code {"class_name": "InputLayer", "config": {...}}} of the model's input as the dialect writes it. */
    private static Map<String, Object> inputLayer(Model model, Dialect dialect, String name) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put(dialect == Dialect.KERAS_2 ? "batch_input_shape" : "batch_shape", batchShape(model));
        input.put("dtype", "float32");
        input.put("sparse", false);
        if (dialect == Dialect.KERAS_2) input.put("ragged", false);
        input.put("name", name);
        return new LinkedHashMap<>(KerasLayerSpec.wrap(dialect, "keras.layers", "InputLayer", input));
    }

    /** {@code [null, H, W, C]}: the input shape with Keras' free batch axis. */
    private static List<Object> batchShape(Model model) {
        List<Object> s = new ArrayList<>();
        s.add(null);
        for (int d : model.inputShape().dims()) s.add(d);
        return s;
    }

    /** The tensor as a nested float array of its shape (jhdf takes the dataset's shape from the array's). */
    static Object nested(Tensor t) {
        int[] shape = t.shape();
        if (shape.length == 1) return Arrays.copyOf(t.data, t.data.length);
        Object a = java.lang.reflect.Array.newInstance(float.class, shape);
        fill(a, t.data, 0, shape, 0);
        return a;
    }

    /** Copies data from offset into the nested array a at depth {@code depth}; returns the next offset. */
    private static int fill(Object a, float[] data, int offset, int[] shape, int depth) {
        if (depth == shape.length - 1) {
            float[] row = (float[]) a;
            System.arraycopy(data, offset, row, 0, row.length);
            return offset + row.length;
        }
        for (int i = 0; i < shape[depth]; i++) offset = fill(java.lang.reflect.Array.get(a, i), data, offset, shape, depth + 1);
        return offset;
    }
}
