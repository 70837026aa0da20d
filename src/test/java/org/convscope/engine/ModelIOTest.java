package org.convscope.engine;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelIOTest {
    @TempDir
    Path dir;

    /** A model with every layer type and non-default options, trained a little so BN statistics moved. */
    private static Model richModel() {
        Model m = new Model(Shape.of(8, 8, 1))
                .add(new Conv2D(4, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.LEAKY_RELU, true)
                        .withInitializers(Initializer.HE_NORMAL, Initializer.ZEROS)
                        .withKernelRegularizer(new Regularizer(0.001f, 0.01f)))
                .add(new BatchNormalization(0.9f, 1e-3f))
                .add(new MaxPooling2D(2, Padding.VALID))
                .add(new Conv2D(4, 2, 2, 1, 1, Padding.VALID, 2, 2, Activation.ELU, false))
                .add(new AveragePooling2D(2, 2, 1, 1, Padding.SAME))
                .add(new Dropout(0.25f))
                .add(new Flatten())
                .add(new Dense(6, Activation.TANH))
                .add(new Dense(3, Activation.LINEAR))
                .add(new ActivationLayer(Activation.SOFTMAX))
                .build(3);
        m.compile(new Adam(0.01f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        TestModels.Data d = TestModels.patterns(30, 3);
        m.fit(d.x(), d.y(), FitOptions.of(1, 10, 3), TrainingListener.NONE);
        m.setName("patterns_net").setClassNames(List.of("horizontal", "vertical", "square"));
        m.metadata().put("dataset", "patterns");
        m.metadata().put("test_accuracy", "0.97");
        m.layers().get(7).setTrainable(false);
        return m;
    }

    @Test
    void frozenBaseAndTrainableHeadSaveAndLoadWithTheirFlagsAndCounts() throws IOException {
        Model m = Presets.create("seed-001").build(5);
        Transfer.freeze(m, 5); // conv2d, pool, conv2d_1, pool, flatten: 320 + 18,496 parameters
        Path file = dir.resolve("transfer.convscope");
        ModelIO.save(m, file);
        Model loaded = ModelIO.load(file);
        assertEquals(List.of(false, false, false, false, false, true, true),
                loaded.layers().stream().map(Layer::isTrainable).toList());
        assertEquals(166_986, loaded.summary().totalParams());
        assertEquals(166_986 - 320 - 18_496, loaded.summary().trainableParams());
        assertEquals(320 + 18_496, loaded.summary().nonTrainableParams());
        assertTrue(loaded.summary().toString().lines().anyMatch("Non-trainable params: 18,816"::equals));
    }

    @Test
    void saveThenLoadGivesTheSameModel() throws IOException {
        Model model = richModel();
        Path file = dir.resolve("net.convscope");
        ModelIO.save(model, file);
        Model loaded = ModelIO.load(file);

        Tensor x = TestModels.patterns(12, 9).x();
        assertArrayEquals(model.predict(x).data, loaded.predict(x).data, "bit-identical predictions");
        assertEquals(model.summary(), loaded.summary());
        assertEquals(ModelIO.configJson(model), ModelIO.configJson(loaded));
        assertEquals("patterns_net", loaded.name());
        assertEquals(model.layers().stream().map(Layer::name).toList(), loaded.layers().stream().map(Layer::name).toList());
        assertEquals(List.of("horizontal", "vertical", "square"), loaded.classNames());
        assertEquals(Map.of("dataset", "patterns", "test_accuracy", "0.97"), loaded.metadata());
        assertEquals(model.layers().stream().map(Layer::isTrainable).toList(), loaded.layers().stream().map(Layer::isTrainable).toList());
        assertFalse(loaded.layers().get(7).isTrainable());
        assertArrayEquals(TestModels.values(model.params()), TestModels.values(loaded.params()), "every param, BN statistics too");
    }

    @Test
    void keepsTheKerasLayersAndTheInputScale() throws IOException {
        Model model = new Model(Shape.of(4, 4, 1))
                .add(new Rescaling(1 / 255f, -0.5f))
                .add(new Conv2D(2, 3, Activation.LINEAR))
                .add(ActivationLayer.relu())
                .add(new LeakyReLU(0.1f))
                .add(new Flatten())
                .add(new Dense(3, Activation.LINEAR))
                .add(ActivationLayer.softmax())
                .build(5)
                .setInputScale(255);
        Path file = dir.resolve("keras-layers.convscope");
        ModelIO.save(model, file);
        Model loaded = ModelIO.load(file);
        assertEquals(List.of("Rescaling", "Conv2D", "ReLU", "LeakyReLU", "Flatten", "Dense", "Softmax"),
                loaded.layers().stream().map(Layer::className).toList());
        assertEquals(255f, loaded.inputScale());
        assertEquals(ModelIO.configJson(model), ModelIO.configJson(loaded));
        Tensor x = GradientCheck.uniform(3, 0, 1, 2, 4, 4, 1);
        assertArrayEquals(model.predict(x).data, loaded.predict(x).data);
    }

    @Test
    void aModelMadeInConvScopeHasInputScaleOneAndWritesNone() {
        Model model = new Model(Shape.of(4)).add(new Dense(2, Activation.SOFTMAX)).build(1);
        assertEquals(1f, model.inputScale());
        assertFalse(ModelIO.configJson(model).contains("input_scale"), "config files of earlier versions stay as they were");
    }

    @Test
    void saveLeavesOnlyTheModelFileAndReplacesAnOldOne() throws IOException {
        Path file = dir.resolve("net.convscope");
        Files.writeString(file, "an older file");
        ModelIO.save(Presets.create("seed-004").build(1), file);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
        assertEquals("sequential", ModelIO.load(file).name());
    }

    @Test
    void failedSaveLeavesNoTemporaryFile() throws IOException {
        Path occupied = Files.createDirectories(dir.resolve("net.convscope"));
        Files.writeString(occupied.resolve("keep.txt"), "a directory where the file should go");
        assertThrows(IOException.class, () -> ModelIO.save(Presets.create("seed-004").build(1), occupied));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(occupied), files.toList());
        }
    }

    @Test
    void copyIsIndependentAndPredictsTheSame() {
        Model model = richModel();
        Model copy = model.copy();
        Tensor x = TestModels.patterns(6, 9).x();
        assertArrayEquals(model.predict(x).data, copy.predict(x).data);
        assertNotSame(model.params().get(0).value.data, copy.params().get(0).value.data);
        copy.params().get(0).value.data[0] += 1;
        assertFalse(Arrays.equals(TestModels.values(model.params()), TestModels.values(copy.params())));
    }

    // ---- damaged files ---------------------------------------------------------------------------

    /** The entries of a model zip, in order. */
    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) entries.put(e.getName(), zip.readAllBytes());
        }
        return entries;
    }

    private static Path writeZip(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /** A saved seed-004 model with its model.json edited by {@code edit}. */
    private Path withJson(Consumer<JsonObject> edit) throws IOException {
        Path good = dir.resolve("good.convscope");
        ModelIO.save(Presets.create("seed-004").build(1), good);
        Map<String, byte[]> entries = entries(good);
        JsonObject json = JsonParser.parseString(new String(entries.get("model.json"), StandardCharsets.UTF_8)).getAsJsonObject();
        edit.accept(json);
        entries.put("model.json", json.toString().getBytes(StandardCharsets.UTF_8));
        return writeZip(dir.resolve("bad.convscope"), entries);
    }

    private Path withWeights(java.util.function.UnaryOperator<byte[]> edit) throws IOException {
        Path good = dir.resolve("good.convscope");
        ModelIO.save(Presets.create("seed-004").build(1), good);
        Map<String, byte[]> entries = entries(good);
        entries.put("weights.bin", edit.apply(entries.get("weights.bin")));
        return writeZip(dir.resolve("bad.convscope"), entries);
    }

    /** Loading fails with a one-line message naming the file and containing {@code phrase}. */
    private static void assertRefused(Path file, String phrase) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.load(file));
        String message = e.getMessage();
        assertTrue(message.contains(file.toString()), "names the file: " + message);
        assertTrue(message.contains(phrase), "says '" + phrase + "': " + message);
        assertFalse(message.contains("\n"), "one line: " + message);
        assertFalse(message.contains("Exception"), "no exception class names: " + message);
    }

    @Test
    void truncatedZipIsRefused() throws IOException {
        Path good = dir.resolve("good.convscope");
        ModelIO.save(Presets.create("seed-001").build(1), good);
        byte[] bytes = Files.readAllBytes(good);
        Path bad = Files.write(dir.resolve("cut.convscope"), Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(bad, "damaged");
    }

    @Test
    void randomBytesAreRefused() throws IOException {
        byte[] noise = new byte[4096];
        new java.util.Random(1).nextBytes(noise);
        assertRefused(Files.write(dir.resolve("noise.convscope"), noise), "not a ConvScope model file");
    }

    @Test
    void missingFileIsRefused() {
        assertRefused(dir.resolve("nowhere.convscope"), "no such model file");
    }

    @Test
    void missingWeightsAreRefused() throws IOException {
        Path good = dir.resolve("good.convscope");
        ModelIO.save(Presets.create("seed-004").build(1), good);
        Map<String, byte[]> entries = entries(good);
        entries.remove("weights.bin");
        assertRefused(writeZip(dir.resolve("bad.convscope"), entries), "weights.bin missing");
    }

    @Test
    void tooFewWeightsAreRefused() throws IOException {
        assertRefused(withWeights(w -> Arrays.copyOf(w, w.length - 40)), "weights.bin holds 37048 values but the model needs 37058");
    }

    @Test
    void nanWeightsAreRefused() throws IOException {
        assertRefused(withWeights(w -> {
            ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putFloat(4 * 100, Float.NaN);
            return w;
        }), "weights of conv2d/kernel contain NaN"); // value 100 of 3·3·3·6
    }

    @Test
    void wrongFormatIsRefused() throws IOException {
        assertRefused(withJson(j -> j.addProperty("format", "keras-model")), "not a ConvScope model (format is keras-model)");
    }

    @Test
    void newerVersionIsRefused() throws IOException {
        assertRefused(withJson(j -> j.addProperty("version", ModelIO.VERSION + 1)), "written by a newer ConvScope");
    }

    @Test
    void unknownLayerTypeIsRefused() throws IOException {
        assertRefused(withJson(j -> j.getAsJsonArray("layers").get(2).getAsJsonObject().addProperty("class_name", "Conv3D")),
                "unknown layer type 'Conv3D'");
    }

    @Test
    void impossibleLayerIsRefused() throws IOException {
        Path bad = withJson(j -> {
            // the second convolution (valid padding) sees the 32×32 output of the first ('same')
            var config = j.getAsJsonArray("layers").get(2).getAsJsonObject().getAsJsonObject("config");
            var kernel = new com.google.gson.JsonArray();
            kernel.add(40);
            kernel.add(40);
            config.add("kernel_size", kernel);
        });
        assertRefused(bad, "layer 3 (conv2d_1): Conv2D kernel 40×40 is larger than its 32×32 input");
    }

    @Test
    void mismatchedWeightListIsRefused() throws IOException {
        assertRefused(withJson(j -> j.getAsJsonArray("weights").remove(0)), "the weights listed in model.json do not match its layers");
    }

    @Test
    void malformedJsonIsRefused() throws IOException {
        Path good = dir.resolve("good.convscope");
        ModelIO.save(Presets.create("seed-004").build(1), good);
        Map<String, byte[]> entries = entries(good);
        entries.put("model.json", "{\"format\": \"convscope-model\", ".getBytes(StandardCharsets.UTF_8));
        assertRefused(writeZip(dir.resolve("bad.convscope"), entries), "model.json is not valid JSON");
    }

    @Test
    void wrongJsonTypeIsRefused() throws IOException {
        assertRefused(withJson(j -> j.addProperty("layers", "all of them")), "model.json is malformed");
    }

    @Test
    void missingVersionIsRefusedWithAClearMessage() throws IOException {
        assertRefused(withJson(j -> j.remove("version")), "model.json has no 'version'");
    }

    @Test
    void brokenConfigTextIsRefused() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelIO.readConfig("{\"format\": \"convscope-model\", \"version\": 1, \"input_shape\": [8, 8, 1], "
                        + "\"layers\": [{\"class_name\": \"Dense\", \"config\": {\"units\": 3}}]}", "net.json", 0));
        assertTrue(e.getMessage().startsWith("net.json: layer 1 (Dense): Dense needs a 1-D input"), e.getMessage());
    }
}
