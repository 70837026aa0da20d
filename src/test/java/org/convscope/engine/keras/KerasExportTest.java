package org.convscope.engine.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jhdf.HdfFile;
import org.convscope.engine.Activation;
import org.convscope.engine.Dense;
import org.convscope.engine.Layer;
import org.convscope.engine.LayerConfig;
import org.convscope.engine.Model;
import org.convscope.engine.Presets;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.convscope.engine.export.ExportException;
import org.convscope.engine.export.ExportModels;
import org.convscope.engine.export.ModelExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KerasExportTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("org.convscope.engine.export.ExportModels#names")
    void exportedH5AndKerasReadBackGiveTheSameOutputs(String name) throws IOException {
        Model m = ExportModels.model(name);
        Tensor x = ExportModels.input(m, 4, 5);
        Tensor expected = m.forward(x, false);
        for (String ext : List.of(".h5", ".keras")) {
            Path file = dir.resolve(name + ext);
            ModelExport.write(m, file);
            Model back = KerasFiles.read(file, InputRange.ZERO_TO_ONE);
            assertTrue(ExportModels.maxDifference(expected, back.forward(x, false)) <= 1e-6f, name + ext);
            // a model that scales its input takes 0–255 pixels in Keras (its leading Rescaling scales them), and reads back so
            assertEquals(KerasLayerSpec.takesRawPixels(m) ? 255 : 1, back.inputScale(), name + ext);
            List<String> names = m.layers().stream().map(Layer::name).toList();
            List<String> backNames = back.layers().stream().map(Layer::name).toList();
            assertEquals(names, backNames.subList(backNames.size() - names.size(), backNames.size()), name + ext);
            for (int i = 0; i < names.size(); i++) {
                Layer a = m.layers().get(i), b = back.layers().get(backNames.size() - names.size() + i);
                assertEquals(a.isTrainable(), b.isTrainable(), name + ext + " " + a.name());
                assertEquals(a.className(), b.className());
            }
        }
    }

    @Test
    void aModelTrainedOn255PixelsGetsALeadingRescalingSoTheKerasModelTakesRawPixels() throws IOException {
        Model m = ExportModels.everyLayer();
        Path file = dir.resolve("m.h5");
        ModelExport.write(m, file);
        JsonArray layers = modelConfig(file).getAsJsonObject("config").getAsJsonArray("layers");
        JsonObject rescaling = layers.get(1).getAsJsonObject();
        assertEquals("Rescaling", rescaling.get("class_name").getAsString());
        assertEquals(1.0, rescaling.getAsJsonObject("config").get("scale").getAsDouble()); // 255/255: raw pixels straight in
        assertEquals("rescaling_1_input", layers.get(0).getAsJsonObject().getAsJsonObject("config").get("name").getAsString());
        // a model of 0–1 pixels gets none
        Model plain = Presets.create("seed-001").build(1);
        ModelExport.write(plain, file);
        JsonArray plainLayers = modelConfig(file).getAsJsonObject("config").getAsJsonArray("layers");
        assertEquals("Conv2D", plainLayers.get(1).getAsJsonObject().get("class_name").getAsString());
        assertEquals(plain.layers().size() + 1, plainLayers.size());
    }

    @Test
    void frozenLayersAreWrittenTrainableFalseInBothFormats() throws IOException {
        Model m = ExportModels.everyLayer();
        Path h5 = dir.resolve("m.h5"), keras = dir.resolve("m.keras");
        ModelExport.write(m, h5);
        ModelExport.write(m, keras);
        for (JsonObject root : List.of(modelConfig(h5), kerasConfig(keras))) {
            JsonArray layers = root.getAsJsonObject("config").getAsJsonArray("layers");
            // InputLayer, the leading Rescaling, then the model's layers
            assertFalse(layers.get(2).getAsJsonObject().getAsJsonObject("config").get("trainable").getAsBoolean());
            assertFalse(layers.get(3).getAsJsonObject().getAsJsonObject("config").get("trainable").getAsBoolean());
            assertTrue(layers.get(4).getAsJsonObject().getAsJsonObject("config").get("trainable").getAsBoolean());
        }
    }

    @Test
    void kerasThreeSpellingDiffersWhereKerasThreeDoes() throws IOException {
        Model m = ExportModels.everyLayer();
        Path keras = dir.resolve("m.keras");
        ModelExport.write(m, keras);
        JsonObject root = kerasConfig(keras);
        assertEquals("keras", root.get("module").getAsString());
        assertEquals("[null,9,9,2]", root.getAsJsonObject("build_config").get("input_shape").toString());
        JsonArray layers = root.getAsJsonObject("config").getAsJsonArray("layers");
        assertEquals("[null,9,9,2]", layers.get(0).getAsJsonObject().getAsJsonObject("config").get("batch_shape").toString());
        JsonObject leaky = layers.get(4).getAsJsonObject().getAsJsonObject("config");
        assertEquals(0.1, leaky.get("negative_slope").getAsDouble(), 1e-7);
        assertEquals("DTypePolicy", leaky.getAsJsonObject("dtype").get("class_name").getAsString());
        JsonObject conv = layers.get(5).getAsJsonObject().getAsJsonObject("config");
        assertEquals("{\"module\":\"keras.regularizers\",\"class_name\":\"L1L2\",\"config\":{\"l1\":0.0,\"l2\":0.001},\"registered_name\":null}",
                conv.get("kernel_regularizer").toString());
        try (ZipFile zip = new ZipFile(keras.toFile())) {
            JsonObject meta = JsonParser.parseString(new String(zip.getInputStream(zip.getEntry("metadata.json")).readAllBytes(),
                    StandardCharsets.UTF_8)).getAsJsonObject();
            assertEquals("3.3.3", meta.get("keras_version").getAsString());
            Path weights = dir.resolve("w.h5");
            Files.write(weights, zip.getInputStream(zip.getEntry("model.weights.h5")).readAllBytes());
            try (HdfFile h5 = new HdfFile(weights)) {
                assertArrayEquals(new int[] {3, 3, 2, 4}, h5.getDatasetByPath("layers/conv2d/vars/0").getDimensions());
                assertNull(((io.jhdf.api.Group) h5.getByPath("layers/conv2d/vars")).getChild("1")); // use_bias=False
                assertEquals(4, ((io.jhdf.api.Group) h5.getByPath("layers/batch_normalization/vars")).getChildren().size());
                assertTrue(((io.jhdf.api.Group) h5.getByPath("vars")).getChildren().isEmpty());
            }
        }
    }

    /** The entries of a Functional config's layer list, by name. */
    static java.util.Map<String, JsonObject> layersByName(JsonObject root) {
        java.util.Map<String, JsonObject> byName = new java.util.LinkedHashMap<>();
        for (var e : root.getAsJsonObject("config").getAsJsonArray("layers")) byName.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject());
        return byName;
    }

    @Test
    void aGraphIsWrittenAsAFunctionalModelWithEachKerasSpellingOfItsInboundNodes() throws IOException {
        Model m = ExportModels.model("every-graph-layer");
        Path h5 = dir.resolve("g.h5"), keras = dir.resolve("g.keras");
        ModelExport.write(m, h5);
        ModelExport.write(m, keras);
        JsonObject two = modelConfig(h5), three = kerasConfig(keras);
        assertEquals("Functional", two.get("class_name").getAsString());
        assertEquals("Functional", three.get("class_name").getAsString());
        assertEquals("keras.src.models.functional", three.get("module").getAsString());
        assertEquals("Functional", three.get("registered_name").getAsString());
        assertFalse(three.has("build_config")); // a Functional model is built as it is made
        for (JsonObject root : List.of(two, three)) {
            assertEquals("[[\"input_1\",0,0]]", root.getAsJsonObject("config").get("input_layers").toString());
            assertEquals("[[\"dense\",0,0]]", root.getAsJsonObject("config").get("output_layers").toString());
            var layers = layersByName(root);
            assertEquals(List.of("input_1", "rescaling", "zero_padding2d", "conv2d"), layers.keySet().stream().limit(4).toList());
            assertEquals("[]", layers.get("input_1").get("inbound_nodes").toString());
            assertFalse(layers.get("separable_conv2d").getAsJsonObject("config").get("trainable").getAsBoolean());
            // arguments Keras 2 and 3 both accept: no groups, no Conv2D kernel_* for the separable convolution
            JsonObject separable = layers.get("separable_conv2d").getAsJsonObject("config");
            assertFalse(separable.has("groups") || separable.has("kernel_initializer"), separable.toString());
            assertEquals("[2,2]", separable.get("dilation_rate").toString());
            assertEquals(2, layers.get("depthwise_conv2d").getAsJsonObject("config").get("depth_multiplier").getAsInt());
            assertEquals("[[1,0],[0,1]]", layers.get("zero_padding2d").getAsJsonObject("config").get("padding").toString());
        }
        // Keras 2: [[[layer, 0, 0, {}], ...]]; the leading Rescaling feeds both layers that read the input
        var k2 = layersByName(two);
        assertEquals("[[[\"rescaling\",0,0,{}]]]", k2.get("conv2d_1").get("inbound_nodes").toString());
        assertEquals("[[[\"input_1\",0,0,{}]]]", k2.get("rescaling").get("inbound_nodes").toString());
        assertEquals("[[[\"add\",0,0,{}],[\"conv2d_1\",0,0,{}],[\"conv2d\",0,0,{}]]]", k2.get("concatenate").get("inbound_nodes").toString());
        assertFalse(k2.get("conv2d").getAsJsonObject("config").has("batch_input_shape"));
        // Keras 3: the call's arguments, a merge layer's tensors in one list, each naming its layer and shape
        var k3 = layersByName(three);
        JsonObject call = k3.get("zero_padding2d").getAsJsonArray("inbound_nodes").get(0).getAsJsonObject();
        assertEquals("{\"class_name\":\"__keras_tensor__\",\"config\":{\"shape\":[null,8,8,2],\"dtype\":\"float32\",\"keras_history\":[\"rescaling\",0,0]}}",
                call.getAsJsonArray("args").get(0).toString());
        assertEquals("{}", call.get("kwargs").toString());
        JsonArray add = k3.get("add").getAsJsonArray("inbound_nodes").get(0).getAsJsonObject().getAsJsonArray("args");
        assertEquals(1, add.size());
        assertEquals(List.of("separable_conv2d", "conv2d"), add.get(0).getAsJsonArray().asList().stream()
                .map(t -> t.getAsJsonObject().getAsJsonObject("config").getAsJsonArray("keras_history").get(0).getAsString()).toList());
        // weights under Keras' names: the InputLayer is one of a Functional model's layers
        try (HdfFile f = new HdfFile(h5)) {
            assertEquals("input_1", ((String[]) f.getByPath("model_weights").getAttribute("layer_names").getData())[0]);
            assertArrayEquals(new String[] {"separable_conv2d/depthwise_kernel:0", "separable_conv2d/pointwise_kernel:0", "separable_conv2d/bias:0"},
                    (String[]) f.getByPath("model_weights/separable_conv2d").getAttribute("weight_names").getData());
            assertArrayEquals(new int[] {3, 3, 4, 2}, f.getDatasetByPath("model_weights/depthwise_conv2d/depthwise_conv2d/depthwise_kernel:0").getDimensions());
            assertArrayEquals(new int[] {1, 1, 8, 4}, f.getDatasetByPath("model_weights/separable_conv2d/separable_conv2d/pointwise_kernel:0").getDimensions());
        }
        try (ZipFile zip = new ZipFile(keras.toFile())) {
            Path weights = dir.resolve("w.h5");
            Files.write(weights, zip.getInputStream(zip.getEntry("model.weights.h5")).readAllBytes());
            try (HdfFile f = new HdfFile(weights)) {
                assertTrue(((io.jhdf.api.Group) f.getByPath("layers/input_1/vars")).getChildren().isEmpty());
                assertArrayEquals(new int[] {3, 3, 8, 1}, f.getDatasetByPath("layers/separable_conv2d/vars/0").getDimensions());
                assertArrayEquals(new int[] {4}, f.getDatasetByPath("layers/separable_conv2d/vars/2").getDimensions());
                assertNull(((io.jhdf.api.Group) f.getByPath("layers/depthwise_conv2d_1/vars")).getChild("1")); // use_bias=False
            }
        }
    }

    @Test
    void aStackStaysASequentialModel() throws IOException {
        Model m = ExportModels.model("vgg-small");
        Path h5 = dir.resolve("v.h5"), keras = dir.resolve("v.keras");
        ModelExport.write(m, h5);
        ModelExport.write(m, keras);
        assertEquals("Sequential", modelConfig(h5).get("class_name").getAsString());
        assertEquals("Sequential", kerasConfig(keras).get("class_name").getAsString());
        assertFalse(modelConfig(h5).getAsJsonObject("config").getAsJsonArray("layers").get(1).getAsJsonObject().has("inbound_nodes"));
    }

    @Test
    void weightsAreStoredAsTheModelHoldsThemUnderKerasNames() throws IOException {
        Model m = ExportModels.model("seed-001");
        Path h5 = dir.resolve("m.h5");
        ModelExport.write(m, h5);
        try (HdfFile f = new HdfFile(h5)) {
            float[][][][] kernel = (float[][][][]) f.getDatasetByPath("model_weights/conv2d_1/conv2d_1/kernel:0").getData();
            Tensor k = m.layers().get(2).params().get(0).value; // (3, 3, 32, 64)
            assertEquals(k.data[((1 * 3 + 2) * 32 + 5) * 64 + 7], kernel[1][2][5][7]);
            assertArrayEquals(new String[] {"dense_1/kernel:0", "dense_1/bias:0"},
                    (String[]) f.getByPath("model_weights/dense_1").getAttribute("weight_names").getData());
        }
    }

    /** A layer the engine might grow (the graph work adds some) that Keras has no twin for here. */
    static final class Doubling extends Layer {
        @Override public String className() { return "Doubling"; }
        @Override public Shape outputShape(Shape in) { return in; }
        @Override public Tensor forward(Tensor x, boolean training) { return x; }
        @Override public Tensor backward(Tensor dOut) { return dOut; }
        @Override public LayerConfig config() { return new LayerConfig(); }
    }

    @Test
    void aLayerWithoutKerasEquivalentIsRefusedByNameAndNothingIsLeftBehind() throws IOException {
        Model m = new Model(Shape.of(4)).add(new Dense(3, Activation.RELU)).add(new Doubling(), "twice").build(1);
        Path existing = dir.resolve("old.h5");
        Files.writeString(existing, "the previous export");
        for (String name : List.of("old.h5", "new.keras")) {
            ExportException e = assertThrows(ExportException.class, () -> ModelExport.write(m, dir.resolve(name)));
            assertTrue(e.getMessage().contains("layer twice (Doubling) has no Keras equivalent"), e.getMessage());
        }
        assertEquals("the previous export", Files.readString(existing));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("old.h5"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void theExportedFileIsReadableByOthersAsAnyNewFileIs() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x"); // what the user's umask gives a new file
        Path file = dir.resolve("m.keras");
        ModelExport.write(Presets.create("seed-001").build(1), file);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
    }

    @Test
    void aConfigTooLargeForAnHdf5AttributeIsRefusedForH5ButGoesIntoKeras() throws IOException {
        Model m = new Model(Shape.of(4));
        for (int i = 0; i < 300; i++) m.add(new Dense(2, Activation.RELU)); // about 450 bytes of config each
        m.build(1);
        ExportException e = assertThrows(ExportException.class, () -> ModelExport.write(m, dir.resolve("deep.h5")));
        assertTrue(e.getMessage().contains("more than an HDF5 attribute written here holds (56000); export it as .keras"), e.getMessage());
        Path keras = dir.resolve("deep.keras");
        ModelExport.write(m, keras);
        Tensor x = ExportModels.input(m, 2, 1);
        assertTrue(ExportModels.maxDifference(m.forward(x, false), KerasFiles.read(keras, InputRange.ZERO_TO_ONE).forward(x, false)) <= 1e-6f);
        // just under the limit, the attribute is written whole and reads back
        Model under = new Model(Shape.of(4)).add(new Dense(2, Activation.RELU));
        while (KerasExport.modelConfig(under, KerasLayerSpec.of(under, "Keras"), KerasLayerSpec.Dialect.KERAS_2).length()
                < KerasExport.MAX_ATTRIBUTE_BYTES - 1_000) {
            under.add(new Dense(2, Activation.RELU));
        }
        under.build(1);
        Path h5 = dir.resolve("under.h5");
        ModelExport.write(under, h5);
        assertEquals(under.layers().size(), KerasFiles.read(h5, InputRange.ZERO_TO_ONE).layers().size());
    }

    @Test
    void anUnknownExtensionSaysWhichOnesChooseTheFormat() {
        Model m = Presets.create("seed-001").build(1);
        ExportException e = assertThrows(ExportException.class, () -> ModelExport.write(m, dir.resolve("net.pt")));
        assertEquals("net.pt: the file name must end in .keras, .h5, .onnx (the format is chosen by it)", e.getMessage());
    }

    static JsonObject modelConfig(Path h5) throws IOException {
        try (HdfFile f = new HdfFile(h5)) {
            return JsonParser.parseString((String) f.getAttribute("model_config").getData()).getAsJsonObject();
        }
    }

    static JsonObject kerasConfig(Path keras) throws IOException {
        try (ZipFile zip = new ZipFile(keras.toFile()); InputStream in = zip.getInputStream(zip.getEntry("config.json"))) {
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }
}
