package org.convscope.cli;

import org.convscope.engine.Model;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Tensor;
import org.convscope.engine.export.ExportModels;
import org.convscope.engine.keras.InputRange;
import org.convscope.engine.keras.KerasFiles;
import org.convscope.engine.onnx.proto.OnnxProto.ModelProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void exportsThePretrainedModelInTheFormatOfTheExtension() throws Exception {
        Path keras = dir.resolve("digits.keras"), h5 = dir.resolve("digits.h5"), onnx = dir.resolve("digits.onnx");
        for (Path p : new Path[] {keras, h5, onnx}) assertEquals(0, run("export", "--model", "mnist-cnn", "--out", p.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("wrote " + keras + " (Keras 3): mnist_cnn, 7 layers, 166,986 parameters"), text);
        assertTrue(text.contains("in the notebook: model = keras.models.load_model(\"digits.keras\")"), text);
        assertTrue(text.contains("input (None, 28, 28, 1), pixel values 0-1 (images divided by 255)"), text);
        Model original = ModelIO.load(Path.of("assets", "models", "mnist-cnn.convscope"));
        Tensor x = ExportModels.input(original, 2, 3);
        assertTrue(ExportModels.maxDifference(original.forward(x, false), KerasFiles.read(keras, InputRange.ZERO_TO_ONE).forward(x, false)) <= 1e-6f);
        assertTrue(ExportModels.maxDifference(original.forward(x, false), KerasFiles.read(h5, InputRange.ZERO_TO_ONE).forward(x, false)) <= 1e-6f);
        try (InputStream in = Files.newInputStream(onnx)) {
            assertEquals(13, ModelProto.parseFrom(in).getOpsetImport(0).getVersion());
        }
        assertEquals("", err.toString());
    }

    @Test
    void aModelOf255PixelsSaysItTakesRawPixels() throws Exception {
        Path h5 = dir.resolve("raw.h5");
        assertEquals(0, run("export", "--model", "src/test/resources/org/convscope/engine/keras/cnn.h5", "--out", h5.toString()), err.toString());
        assertTrue(out.toString().contains("pixel values 0-255 as the images come (a leading Rescaling layer scales them)"), out.toString());
    }

    @Test
    void anUnknownExtensionIsRefusedInOneLineAndNothingIsWritten() {
        assertEquals(1, run("export", "--model", "seed-001", "--out", dir.resolve("net.pt").toString()));
        assertEquals("error: net.pt: the file name must end in .keras, .h5, .onnx (the format is chosen by it)", err.toString().strip());
        assertFalse(Files.exists(dir.resolve("net.pt")));
    }

    @Test
    void aMissingFolderIsSaidPlainly() {
        assertEquals(1, run("export", "--model", "seed-001", "--out", dir.resolve("no/such/net.keras").toString()));
        assertTrue(err.toString().startsWith("error: " + dir.resolve("no/such/net.keras") + ": no such folder"), err.toString());
    }

    @Test
    void aGraphPresetIsExportedInEveryFormatAsAFunctionalModel() throws Exception {
        Path keras = dir.resolve("res.keras"), h5 = dir.resolve("res.h5"), onnx = dir.resolve("res.onnx");
        for (Path p : new Path[] {keras, h5, onnx}) {
            assertEquals(0, run("export", "--model", "resnet-small", "--seed", "3", "--out", p.toString()), err.toString());
        }
        String text = out.toString();
        assertTrue(text.contains("wrote " + keras + " (Keras 3): model, a graph (Keras' Functional model), 30 layers, 78,426 parameters"), text);
        assertTrue(text.contains("in the notebook: model = keras.models.load_model(\"res.h5\")"), text);
        Model original = org.convscope.engine.Presets.create("resnet-small").build(3); // the preset as --seed 3 makes it
        Tensor x = ExportModels.input(original, 2, 3);
        for (Path p : new Path[] {keras, h5}) {
            Model back = KerasFiles.read(p, InputRange.ZERO_TO_ONE);
            assertFalse(back.isSequential(), p.toString());
            assertTrue(ExportModels.maxDifference(original.forward(x, false), back.forward(x, false)) <= 1e-6f, p.toString());
        }
        try (InputStream in = Files.newInputStream(onnx)) {
            assertTrue(ModelProto.parseFrom(in).getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("Add")));
        }
        assertEquals("", err.toString());
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temporary file is left behind");
        }
    }
}
