package org.convscope.cli;

import org.convscope.engine.Model;
import org.convscope.engine.export.ModelExport;
import org.convscope.engine.keras.KerasLayerSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Save a model with its weights for a notebook or another tool, in the format the file name says:",
                "FILE.keras (Keras 3), FILE.h5 (Keras 2's HDF5, which Keras 3 reads too) or FILE.onnx (ONNX, opset 13).",
                "In Python: keras.models.load_model(\"FILE.keras\") gives the same predictions as ConvScope."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME|FILE",
            description = "A pretrained model (mnist-cnn, fashion-cnn), a model file (.convscope), a Keras model (.h5, .keras), "
                    + "a config .json or a preset (seed-000, seed-001, seed-002, seed-004, lenet5, vgg-small, resnet-small, inception-small; "
                    + "freshly initialised with --seed). A stack of layers is written as Keras' Sequential, a graph as a Functional model.")
    String model;

    @Option(names = "--out", required = true, paramLabel = "FILE.keras|FILE.h5|FILE.onnx", description = "Where to write; the extension chooses the format.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of a preset's initial weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    InputRangeOption inputRange;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        ModelExport.Format format = ModelExport.Format.of(out); // a wrong extension is refused before the model is read
        Model m = ModelArg.open(model, seed, inputRange.range(), spec.commandLine().getErr());
        ModelExport.write(m, out);
        w.println("wrote " + out + " (" + format.kind + "): " + m.name() + ", "
                + (m.isSequential() ? "" : "a graph (Keras' Functional model), ") + m.layers().size() + " layers, "
                + String.format(Locale.ROOT, "%,d", m.summary().totalParams()) + " parameters");
        w.println("input " + m.inputShape().toKeras() + ", pixel values " + (KerasLayerSpec.takesRawPixels(m)
                ? "0-255 as the images come (a leading Rescaling layer scales them)" : "0-1 (images divided by 255)"));
        if (format != ModelExport.Format.ONNX) w.println("in the notebook: model = keras.models.load_model(\"" + out.getFileName() + "\")");
        return 0;
    }
}
