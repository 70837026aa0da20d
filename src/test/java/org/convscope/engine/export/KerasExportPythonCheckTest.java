package org.convscope.engine.export;

import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/check_keras_export.py reads each exported file with h5py alone and computes the forward pass in
 * numpy from the stored arrays: the files make sense without ConvScope.
 */
class KerasExportPythonCheckTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void python() throws Exception {
        PythonChecks.require("h5py", "numpy");
    }

    @ParameterizedTest
    @MethodSource("org.convscope.engine.export.ExportModels#names")
    void numpyForwardPassFromTheStoredArraysEqualsConvScopes(String name) throws Exception {
        Model m = ExportModels.model(name);
        Tensor x = ExportModels.input(m, 3, 9); // ConvScope's 0–1 pixels
        Path input = dir.resolve("input.npy"), expected = dir.resolve("expected.npy");
        // the Keras model takes what the notebook feeds: 0–255 pixels when ConvScope scales its input (a leading Rescaling says so)
        PythonChecks.writeNpy(kerasInput(m, x), input);
        PythonChecks.writeNpy(m.forward(x, false), expected);
        for (String ext : List.of(".h5", ".keras")) {
            Path file = dir.resolve(name + ext);
            ModelExport.write(m, file);
            String out = PythonChecks.assertPasses("check_keras_export.py", file, input, expected);
            System.out.print(out); // the figures, in the test report
            assertTrue(out.contains("OK"), out);
        }
    }

    /**
     * The check's Functional forward pass agrees with another one: the fixture script's (make-keras-fixtures.py,
     * explicit loops) on its residual model, in Keras 2's and Keras 3's spelling of inbound_nodes.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"residual.h5", "residual_keras3.h5"})
    void theChecksFunctionalForwardPassAgreesWithTheFixtureScripts(String fixture) throws Exception {
        Path resources = Path.of("src", "test", "resources", "org", "convscope", "engine", "keras");
        com.google.gson.JsonObject e = com.google.gson.JsonParser.parseString(Files.readString(resources.resolve("expected.json")))
                .getAsJsonObject().getAsJsonObject("residual");
        var outputs = e.getAsJsonArray("outputs");
        Path input = dir.resolve("x.npy"), expected = dir.resolve("y.npy");
        PythonChecks.writeNpy(tensor(e.getAsJsonArray("input_shape"), e.getAsJsonArray("input")), input);
        var last = outputs.get(outputs.size() - 1).getAsJsonObject();
        PythonChecks.writeNpy(tensor(last.getAsJsonArray("shape"), last.getAsJsonArray("values")), expected);
        String out = PythonChecks.assertPasses("check_keras_export.py", resources.resolve(fixture), input, expected);
        assertTrue(out.contains("13 layers") && out.contains("OK"), out);
    }

    private static Tensor tensor(com.google.gson.JsonArray shape, com.google.gson.JsonArray values) {
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) dims[i] = shape.get(i).getAsInt();
        Tensor t = Tensor.zeros(dims);
        for (int i = 0; i < t.data.length; i++) t.data[i] = values.get(i).getAsFloat();
        return t;
    }

    /** x as the exported Keras model takes it: 0–255 when the model scales its input or starts with a Rescaling. */
    static Tensor kerasInput(Model m, Tensor x) {
        if (!org.convscope.engine.keras.KerasLayerSpec.takesRawPixels(m)) return x;
        Tensor t = x.copy(); // (N, H, W, C)
        for (int i = 0; i < t.data.length; i++) t.data[i] *= 255;
        return t;
    }

    @Test
    void theCheckFailsWhenTheOutputsDiffer() throws Exception {
        Model m = ExportModels.model("seed-001");
        Tensor x = ExportModels.input(m, 2, 1);
        Tensor wrong = m.forward(x, false).copy();
        wrong.data[3] += 1e-3f;
        Path file = dir.resolve("m.h5"), input = dir.resolve("x.npy"), expected = dir.resolve("y.npy");
        ModelExport.write(m, file);
        PythonChecks.writeNpy(x, input);
        PythonChecks.writeNpy(wrong, expected);
        PythonChecks.Result r = PythonChecks.script("check_keras_export.py", file, input, expected);
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("FAIL: the outputs differ by 0.001"), r.output());
        assertTrue(Files.exists(file));
    }
}
