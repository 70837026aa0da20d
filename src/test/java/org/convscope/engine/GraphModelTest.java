package org.convscope.engine;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Models as graphs: residual and branching connections, their gradients, their files. */
class GraphModelTest {
    @TempDir
    Path dir;

    /**
     * input (6, 6, 2) → conv_a → conv_b → add(conv_b, conv_a) → concatenate(add, input) → global average → dense.
     * conv_a's output and the input each feed two layers, so their gradients are sums of two.
     */
    static Model residual() {
        return new Model(Shape.of(6, 6, 2))
                .add(new Conv2D(3, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.TANH, true), "conv_a", "input_1")
                .add(new Conv2D(3, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.TANH, true), "conv_b", "conv_a")
                .add(new Add(), "add", "conv_b", "conv_a")
                .add(new Concatenate(), "concatenate", "add", "input_1")
                .add(new GlobalAveragePooling2D())
                .add(new Dense(3, Activation.SOFTMAX));
    }

    @Test
    void aGraphKnowsItsInputsAndIsNotSequential() {
        Model m = residual();
        assertFalse(m.isSequential());
        assertEquals(List.of("conv_b", "conv_a"), m.inputsOf("add"));
        assertEquals(List.of("add", "input_1"), m.inputsOf("concatenate"));
        assertEquals(List.of("concatenate"), m.inputsOf("global_average_pooling2d"));
        assertEquals(Shape.of(6, 6, 5), m.layers().get(3).outputShape(List.of(Shape.of(6, 6, 3), Shape.of(6, 6, 2))));
        assertEquals(Shape.of(3), m.outputShape());
        assertEquals("model", m.name());
        assertTrue(Presets.create("seed-001").isSequential());
        assertEquals("sequential", Presets.create("seed-001").name());
    }

    @Test
    void residualGradientsEqualCentralDifferences() {
        Model m = residual().build(3);
        Tensor x = GradientCheck.gaussian(4, 3, 6, 6, 2);
        Tensor y = new Tensor(new float[] {0, 2, 1}, 3);
        m.compile(new GradientCapture(), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        m.trainStep(x, y);
        DoubleSupplier loss = () -> Loss.SPARSE_CATEGORICAL_CROSSENTROPY.value(m.forward(x, false), y);
        GradientCheck check = new GradientCheck();
        List<Param> params = m.trainableParams();
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            check.compareAll(p.name + "#" + i, p.grad.data.clone(), p.value.data, loss, 30, i);
        }
        check.assertPassed("residual model");
    }

    /** A frozen first convolution gets no gradient, and the layers above still get theirs. */
    @Test
    void aFrozenLayerOfAGraphLearnsNothingAndTheRestStillDoes() {
        Model m = residual().build(3);
        m.layers().get(0).setTrainable(false);
        Tensor x = GradientCheck.gaussian(4, 3, 6, 6, 2);
        Tensor y = new Tensor(new float[] {0, 2, 1}, 3);
        float[] before = m.params().get(0).value.data.clone();
        m.compile(new Adam(0.01f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        float[] convB = m.layers().get(1).params().get(0).value.data.clone();
        m.trainStep(x, y);
        assertArrayEquals(before, m.params().get(0).value.data);
        assertFalse(java.util.Arrays.equals(convB, m.layers().get(1).params().get(0).value.data));
    }

    @Test
    void predictOnEveryCoreEqualsForwardForAGraph() {
        Model m = residual().build(5);
        for (int n : new int[] {1, 8, 9, 37}) {
            Tensor x = GradientCheck.gaussian(n, n, 6, 6, 2);
            assertArrayEquals(m.forward(x, false).data, m.predict(x).data, 1e-6f, n + " inputs");
        }
        Model copy = m.copy();
        Tensor x = GradientCheck.gaussian(7, 5, 6, 6, 2);
        assertArrayEquals(m.predict(x).data, copy.predict(x).data);
        assertEquals(m.inputsOf("add"), copy.inputsOf("add"));
    }

    @Test
    void aGraphTrainsItsLossFalls() {
        TestModels.Data d = TestModels.patterns(60, 1);
        Model m = new Model(Shape.of(8, 8, 1))
                .add(new Conv2D(4, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.RELU, true))
                .add(new Conv2D(4, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.RELU, true))
                .add(new Add(), "add", "conv2d_1", "conv2d")
                .add(new GlobalMaxPooling2D())
                .add(new Dense(3, Activation.SOFTMAX))
                .build(2);
        m.compile(new Adam(0.02f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        History h = m.fit(d.x(), d.y(), FitOptions.of(15, 10, 1), TrainingListener.NONE);
        assertTrue(h.epochs().get(14).loss() < 0.7 * h.epochs().get(0).loss(), h.epochs().get(0).loss() + " → " + h.epochs().get(14).loss());
    }

    @Test
    void aGraphRoundTripsThroughItsFileAsVersion2() throws IOException {
        Model m = residual().setName("res").build(7);
        m.layers().get(1).setTrainable(false);
        Path file = dir.resolve("res.convscope");
        ModelIO.save(m, file);
        JsonObject json = JsonParser.parseString(new String(entries(file).get("model.json"), StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals(2, json.get("version").getAsInt());
        assertEquals("input_1", json.get("input_name").getAsString());
        Model loaded = ModelIO.load(file);
        Tensor x = GradientCheck.gaussian(9, 4, 6, 6, 2);
        assertArrayEquals(m.predict(x).data, loaded.predict(x).data);
        assertEquals(m.summary(), loaded.summary());
        for (Layer l : m.layers()) assertEquals(m.inputsOf(l.name()), loaded.inputsOf(l.name()));
        assertFalse(loaded.layers().get(1).isTrainable());
        assertEquals("res", loaded.name());
    }

    /** The shipped pretrained model, written by the stack-only ConvScope, saves back to the same bytes. */
    @Test
    void aStackFileIsUnchangedVersion1ByteForByte() throws IOException {
        Path original = Path.of("assets", "models", "mnist-cnn.convscope");
        Model m = ModelIO.load(original);
        assertTrue(m.isSequential());
        Path again = dir.resolve("again.convscope");
        ModelIO.save(m, again);
        Map<String, byte[]> before = entries(original), after = entries(again);
        assertEquals(before.keySet(), after.keySet());
        assertEquals(new String(before.get("model.json"), StandardCharsets.UTF_8), new String(after.get("model.json"), StandardCharsets.UTF_8));
        assertArrayEquals(before.get("weights.bin"), after.get("weights.bin"));
        assertTrue(new String(after.get("model.json"), StandardCharsets.UTF_8).contains("\"version\": 1,"));
    }

    @Test
    void unknownVersionsAreRefusedWithAClearMessage() throws IOException {
        Path file = dir.resolve("res.convscope");
        ModelIO.save(residual().build(1), file);
        String json = new String(entries(file).get("model.json"), StandardCharsets.UTF_8);
        for (String version : new String[] {"3", "0"}) {
            String edited = json.replace("\"version\": 2", "\"version\": " + version);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.readConfig(edited, "net.json", 1));
            assertTrue(e.getMessage().contains("version " + version), e.getMessage());
        }
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelIO.readConfig(json.replace("\"conv_a\"\n      ]", "\"conv_x\"\n      ]"), "net.json", 1));
        assertTrue(e.getMessage().contains("conv_x"), e.getMessage());
    }

    @Test
    void wrongConnectionsAreRefusedWithTheirReason() {
        Model m = new Model(Shape.of(6, 6, 2)).add(new Conv2D(3, 3, Activation.RELU), "c");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> m.add(new Add(), "add", "c", "nope"));
        assertTrue(unknown.getMessage().contains("'nope'"), unknown.getMessage());
        IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class, () -> m.add(new Add(), "add", "c", "input_1"));
        assertTrue(shapes.getMessage().contains("4×4×3 and 6×6×2"), shapes.getMessage());
        Model dangling = new Model(Shape.of(6, 6, 2)).add(new Conv2D(3, 3, Activation.RELU), "c")
                .add(new Flatten(), "f", "input_1");
        IllegalArgumentException lost = assertThrows(IllegalArgumentException.class, () -> dangling.build(1));
        assertTrue(lost.getMessage().contains("layer c feeds no other layer"), lost.getMessage());
    }

    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) entries.put(e.getName(), zip.readAllBytes());
        }
        return entries;
    }
}
