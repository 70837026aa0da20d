package org.convscope.engine.keras;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.convscope.engine.Model;
import org.convscope.engine.Param;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            weights.putAttribute("layer_names", specs.stream().map(KerasLayerSpec::name).toArray(String[]::new));
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
        Map<String, Object> root = new LinkedHashMap<>(KerasLayerSpec.wrap(Dialect.KERAS_3, "keras", "Sequential",
                sequentialConfig(model, specs, Dialect.KERAS_3)));
        Map<String, Object> build = new LinkedHashMap<>();
        build.put("input_shape", batchShape(model));
        root.put("build_config", build);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("keras_version", Dialect.KERAS_3.version);
        metadata.put("date_saved", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
        Path weights = Files.createTempFile(file.toAbsolutePath().getParent(), ".weights-", ".h5");
        try {
            try (WritableHdfFile h5 = HdfFile.write(weights)) {
                WritableGroup layers = h5.putGroup("layers");
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

    /** {@code {"class_name": "Sequential", "config": {...}}} as the dialect's Keras writes it. */
    static String modelConfig(Model model, List<KerasLayerSpec> specs, Dialect dialect) {
        return JSON.toJson(KerasLayerSpec.wrap(dialect, "keras", "Sequential", sequentialConfig(model, specs, dialect)));
    }

    /**
     * A Sequential's config: its name and layer list, opened by an InputLayer as each Keras writes it (Keras 2
     * names it after the first layer, {@code conv2d_input}, and repeats the shape on the first layer).
     */
    private static Map<String, Object> sequentialConfig(Model model, List<KerasLayerSpec> specs, Dialect dialect) {
        List<Object> batch = batchShape(model);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put(dialect == Dialect.KERAS_2 ? "batch_input_shape" : "batch_shape", batch);
        input.put("dtype", "float32");
        input.put("sparse", false);
        if (dialect == Dialect.KERAS_2) input.put("ragged", false);
        input.put("name", dialect == Dialect.KERAS_2 ? specs.get(0).name() + "_input" : "input_layer");
        List<Object> layers = new ArrayList<>();
        layers.add(KerasLayerSpec.wrap(dialect, "keras.layers", "InputLayer", input));
        for (int i = 0; i < specs.size(); i++) layers.add(specs.get(i).config(dialect, i == 0 ? batch : null));
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("name", model.name());
        if (dialect == Dialect.KERAS_3) {
            cfg.put("trainable", true);
            cfg.put("dtype", KerasLayerSpec.dtype(dialect));
        }
        cfg.put("layers", layers);
        return cfg;
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
