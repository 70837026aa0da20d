package org.convscope.engine.export;

import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/check_onnx_export.py runs onnx.checker.check_model (full check) on each exported model and
 * evaluates the graph (onnx's reference evaluator where the onnx package has one, else numpy operator by
 * operator) on the Keras model's input: it must equal ConvScope's outputs.
 */
class OnnxExportPythonCheckTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void python() throws Exception {
        PythonChecks.require("onnx", "numpy");
    }

    @ParameterizedTest
    @MethodSource("org.convscope.engine.export.ExportModels#names")
    void onnxCheckerPassesAndTheGraphComputesConvScopesOutputs(String name) throws Exception {
        Model m = ExportModels.model(name);
        Tensor x = ExportModels.input(m, 3, 9);
        Path file = dir.resolve(name + ".onnx"), input = dir.resolve("input.npy"), expected = dir.resolve("expected.npy");
        PythonChecks.writeNpy(KerasExportPythonCheckTest.kerasInput(m, x), input);
        PythonChecks.writeNpy(m.forward(x, false), expected);
        ModelExport.write(m, file);
        String out = PythonChecks.assertPasses("check_onnx_export.py", file, input, expected);
        System.out.print(out); // the figures, in the test report
        assertTrue(out.contains("onnx.checker passed") && out.contains("OK"), out);
    }

    @Test
    void theCheckFailsWhenTheOutputsDiffer() throws Exception {
        Model m = ExportModels.model("lenet5");
        Tensor x = ExportModels.input(m, 2, 1);
        Tensor wrong = m.forward(x, false).copy();
        wrong.data[0] -= 1e-3f;
        Path file = dir.resolve("m.onnx"), input = dir.resolve("x.npy"), expected = dir.resolve("y.npy");
        ModelExport.write(m, file);
        PythonChecks.writeNpy(x, input);
        PythonChecks.writeNpy(wrong, expected);
        PythonChecks.Result r = PythonChecks.script("check_onnx_export.py", file, input, expected);
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("FAIL: the outputs differ by 0.001"), r.output());
        assertTrue(Files.exists(file));
    }
}
