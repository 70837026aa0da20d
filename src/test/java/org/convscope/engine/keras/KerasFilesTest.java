package org.convscope.engine.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.convscope.engine.BatchNormalization;
import org.convscope.engine.ModelFormatException;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Presets;
import org.convscope.engine.Rescaling;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The files under test/resources/org/convscope/engine/keras/ are written by
 * scripts/make-keras-fixtures.py in Keras' two layouts, with every layer's output for a small input
 * batch computed there by an independent numpy forward pass (expected.json).
 */
class KerasFilesTest {
    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(KerasFilesTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject expected(String model) throws IOException {
        return JsonParser.parseString(Files.readString(fixture("expected.json"))).getAsJsonObject().getAsJsonObject(model);
    }

    private static float[] floats(JsonArray a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) f[i] = a.get(i).getAsFloat();
        return f;
    }

    private static int[] ints(JsonArray a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).getAsInt();
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn.h5", "cnn.keras", "cnn_keras3.h5", "cnn_keras215.keras",
            "dilated.h5", "dilated.keras", "dilated_keras3.h5", "dilated_keras215.keras",
            "residual.h5", "residual.keras", "residual_keras3.h5", "residual_keras215.keras", "nested.h5", "nested.keras"})
    void everyLayerOutputMatchesTheNumpyReference(String file) throws IOException {
        Model m = KerasFiles.read(fixture(file), InputRange.ZERO_TO_ONE);
        JsonObject e = expected(file.replaceAll("(_keras3|_keras215)?\\..*", ""));
        float scale = e.get("input_range_scale").getAsFloat();
        assertEquals(scale, m.inputScale(), "cnn opens with Rescaling, so it takes 0–255 pixels; the others keep the caller's 0–1");
        // ConvScope feeds 0–1 images; the model multiplies them back to what Keras was given
        float[] raw = floats(e.getAsJsonArray("input"));
        float[] unit = new float[raw.length];
        for (int i = 0; i < raw.length; i++) unit[i] = raw[i] / scale;
        int[] inShape = ints(e.getAsJsonArray("input_shape"));
        if (inShape.length == 3) inShape = new int[] {inShape[0], inShape[1], inShape[2], 1}; // (N, H, W) read as (N, H, W, 1)
        List<Tensor> outs = m.forwardAll(new Tensor(unit, inShape));
        JsonArray layers = e.getAsJsonArray("outputs");
        assertEquals(layers.size(), outs.size(), "one output per imported layer");
        for (int l = 0; l < outs.size(); l++) {
            JsonObject o = layers.get(l).getAsJsonObject();
            Tensor got = outs.get(l);
            String name = m.layers().get(l).name();
            assertEquals(Arrays.toString(ints(o.getAsJsonArray("shape"))), Arrays.toString(got.shape()), name);
            float[] want = floats(o.getAsJsonArray("values"));
            for (int i = 0; i < want.length; i++) {
                if (Math.abs(got.data[i] - want[i]) > 1e-4f * (1 + Math.abs(want[i]))) {
                    fail(file + ": layer " + name + " value " + i + " is " + got.data[i] + ", numpy says " + want[i]);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn", "dilated", "residual"})
    void everyLayoutGivesTheSameModel(String model) throws IOException {
        Model h5 = KerasFiles.read(fixture(model + ".h5"), InputRange.ZERO_TO_ONE);
        for (String other : List.of(model + ".keras", model + "_keras3.h5", model + "_keras215.keras")) {
            Model m = KerasFiles.read(fixture(other), InputRange.ZERO_TO_ONE);
            assertEquals(h5.summary().toString(), m.summary().toString(), other);
            for (int i = 0; i < h5.layers().size(); i++) {
                assertEquals(h5.layers().get(i).config().asMap(), m.layers().get(i).config().asMap(), other + " layer " + i);
            }
            assertArrayEquals(weights(h5), weights(m), other + ": the same weights");
        }
    }

    @Test
    void keepsKerasNamesAndOptions() throws IOException {
        Model m = KerasFiles.read(fixture("cnn.h5"), InputRange.ZERO_TO_ONE);
        assertEquals(List.of("rescaling", "conv2d", "batch_normalization", "max_pooling2d", "conv2d_1", "average_pooling2d",
                "flatten", "dropout", "dense", "leaky_re_lu", "dense_1", "softmax"), m.layers().stream().map(l -> l.name()).toList());
        assertEquals(List.of("Rescaling", "Conv2D", "BatchNormalization", "MaxPooling2D", "Conv2D", "AveragePooling2D",
                "Flatten", "Dropout", "Dense", "LeakyReLU", "Dense", "Softmax"), m.layers().stream().map(l -> l.className()).toList());
        BatchNormalization bn = assertInstanceOf(BatchNormalization.class, m.layers().get(2));
        assertEquals(Map.of("momentum", 0.9f, "epsilon", 0.01f), bn.config().asMap());
        Rescaling r = assertInstanceOf(Rescaling.class, m.layers().get(0));
        assertEquals(1 / 255f, r.scale(), 1e-9f);
        assertEquals(-0.5f, r.offset());
        assertTrue(KerasFiles.inputRangeIsKnown(m));
    }

    @Test
    void recordsTheFilesCompileSettings() throws IOException {
        Map<String, String> h5 = KerasFiles.read(fixture("cnn.h5"), InputRange.ZERO_TO_ONE).metadata();
        assertEquals("adam", h5.get(KerasCode.OPTIMIZER_KEY));
        assertEquals("0.002", h5.get(KerasCode.LEARNING_RATE_KEY));
        assertEquals("sparse_categorical_crossentropy", h5.get(KerasCode.LOSS_KEY));
        assertEquals("Keras 2.10.0 file cnn.h5", h5.get("source"));
        Map<String, String> keras = KerasFiles.read(fixture("cnn.keras"), InputRange.ZERO_TO_ONE).metadata();
        assertEquals("rmsprop", keras.get(KerasCode.OPTIMIZER_KEY));
        assertEquals("5.0E-4", keras.get(KerasCode.LEARNING_RATE_KEY));
        assertEquals("Keras 3.3.3 file cnn.keras", keras.get("source"));
    }

    @Test
    void theChosenInputRangeIsKeptAndSavedWithTheModel() throws IOException {
        Model m = KerasFiles.read(fixture("dilated.keras"), InputRange.ZERO_TO_255);
        assertFalse(KerasFiles.inputRangeIsKnown(m));
        assertEquals(255f, m.inputScale());
        Path saved = dir.resolve("dilated.convscope");
        ModelIO.save(m, saved);
        Model back = ModelIO.load(saved);
        assertEquals(255f, back.inputScale());
        Tensor x = new Tensor(new float[64], 1, 8, 8, 1);
        for (int i = 0; i < 64; i++) x.data[i] = (i % 9) / 9f;
        float[] a = m.forward(x, false).data, b = back.forward(x, false).data;
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i]);
    }

    @Test
    void aModelBuiltBothWaysPrintsTheSameSummaryAndCode() throws IOException {
        Model imported = KerasFiles.read(fixture("seed_001.h5"), InputRange.ZERO_TO_ONE);
        Model preset = Presets.create("seed-001").setName(imported.name()); // the fixture script names models after their file
        assertEquals(preset.summary().toString(), imported.summary().toString());
        assertEquals(KerasCode.of(preset, KerasCode.Training.defaults()), KerasCode.of(imported, KerasCode.Training.defaults()));
    }

    // ---- refusals: one problem per file, one clear message -------------------------------------

    /** A Functional model becomes a graph with Keras' connections; sub-models are flattened, their layers keep their names. */
    @Test
    void aFunctionalModelKeepsItsConnectionsAndNestedModelsAreFlattened() throws IOException {
        Model residual = KerasFiles.read(fixture("residual.keras"), InputRange.ZERO_TO_ONE);
        assertFalse(residual.isSequential());
        assertEquals(List.of("separable_conv2d", "conv2d"), residual.inputsOf("add"));
        assertEquals(List.of("add", "input_1"), residual.inputsOf("concatenate"));
        Model nested = KerasFiles.read(fixture("nested.h5"), InputRange.ZERO_TO_ONE);
        assertEquals(List.of("conv2d_a", "conv2d_b", "batch_normalization_b", "add_n", "flatten_h", "dense_h"),
                nested.layers().stream().map(l -> l.name()).toList());
        assertEquals(List.of("batch_normalization_b", "conv2d_a"), nested.inputsOf("add_n"));
        assertEquals(List.of("add_n"), nested.inputsOf("flatten_h"));
        assertTrue(nested.summary().toString().contains("Connected to"));
        assertArrayEquals(weights(nested), weights(KerasFiles.read(fixture("nested.keras"), InputRange.ZERO_TO_ONE)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "two_inputs.h5       | two_inputs.h5: the model has 2 inputs [input_1, input_9]; ConvScope models take one",
            "truncated.h5        | truncated.h5: not a Keras model file or it is damaged",
            "random.h5           | random.h5: not a Keras model file (neither HDF5 .h5 nor a .keras zip)",
            "huge_heap.h5        | huge_heap.h5: not a Keras model file or it is damaged",
            "no_config.keras     | no_config.keras: not a .keras model file (no config.json inside)",
            "bomb.keras          | bomb.keras: config.json declares 17825792 bytes, more than ConvScope reads (16777216)",
            "shape_mismatch.h5   | shape_mismatch.h5: weight dense/kernel has shape [13, 6] in the file but the config needs [12, 6]",
            "link_cycle.h5       | link_cycle.h5: /model_weights/dense/dense is a link; Keras files have none",
            "conv2d_transpose.h5 | conv2d_transpose.h5: layer conv2d (Conv2DTranspose): Conv2DTranspose is not supported; ConvScope supports: InputLayer, Conv2D,",
            "weights_only.h5     | weights_only.h5: the file holds weights only, no model config (saved with save_weights?)",
    })
    void refusesABrokenOrUnsupportedFileWithOneMessage(String file, String message) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasFiles.read(fixture(file), InputRange.ZERO_TO_ONE));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void refusesAFileLargerThanItOpensWithoutReadingIt() throws IOException {
        Path big = dir.resolve("huge.h5");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(KerasFiles.MAX_FILE_BYTES + 1); // sparse: takes no disk space
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasFiles.read(big, InputRange.ZERO_TO_ONE));
        assertEquals("huge.h5: the file is 512 MB; ConvScope opens Keras files up to 512 MB", e.getMessage());
    }

    @Test
    void refusesAConfigDeclaringMoreWeightsThanItOpensBeforeAllocatingThem() throws IOException {
        Path file = withConfig("huge_dense.keras", layers -> layers.get(9).getAsJsonObject().getAsJsonObject("config").addProperty("units", 5_000_000));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasFiles.read(file, InputRange.ZERO_TO_ONE));
        // dense: 12·5,000,000 + 5,000,000; dense_1: 5,000,000·3 + 3; conv2d 3·3·2·4 + 4, BN 4·4, conv2d_1 2·2·4·3
        assertEquals("huge_dense.keras: the model has 80000143 weights; ConvScope opens models up to 67108864", e.getMessage());
    }

    @Test
    void refusesALayerWhoseWeightsAreMissing() throws IOException {
        Path file = withConfig("renamed.keras", layers -> layers.get(2).getAsJsonObject().getAsJsonObject("config").addProperty("name", "my_conv"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasFiles.read(file, InputRange.ZERO_TO_ONE));
        assertEquals("renamed.keras: the file has no /layers/my_conv", e.getMessage());
    }

    @Test
    void refusesAMissingFile() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasFiles.read(dir.resolve("none.h5"), InputRange.ZERO_TO_ONE));
        assertTrue(e.getMessage().endsWith("none.h5: no such model file"), e.getMessage());
    }

    /** Every param's values, in the saved order. */
    private static float[] weights(Model m) {
        int n = 0;
        for (var p : m.params()) n += p.size();
        float[] all = new float[n];
        int at = 0;
        for (var p : m.params()) {
            System.arraycopy(p.value.data, 0, all, at, p.size());
            at += p.size();
        }
        return all;
    }

    /** cnn.keras with its config.json's layer list changed by {@code edit}. */
    private Path withConfig(String name, Consumer<JsonArray> edit) throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(fixture("cnn.keras")); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) members.put(e.getName(), zip.readAllBytes());
        }
        JsonObject config = JsonParser.parseString(new String(members.get("config.json"), StandardCharsets.UTF_8)).getAsJsonObject();
        edit.accept(config.getAsJsonObject("config").getAsJsonArray("layers"));
        members.put("config.json", config.toString().getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                zip.putNextEntry(new ZipEntry(m.getKey()));
                zip.write(m.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }
}
