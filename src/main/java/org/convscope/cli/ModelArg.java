package org.convscope.cli;

import org.convscope.data.Dataset;
import org.convscope.data.Pretrained;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Presets;
import org.convscope.engine.Sequential;
import org.convscope.engine.Shape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves a {@code --model NAME|FILE} argument: a preset name (a fresh model), a pretrained model's
 * name ({@code mnist-cnn}, {@code fashion-cnn}: from the assets folder or the jar), a config file
 * (.json) or a model file.
 */
final class ModelArg {
    private ModelArg() {
    }

    static Sequential open(String arg, long seed) throws IOException {
        if (Presets.NAMES.contains(arg)) return Presets.create(arg).build(seed);
        if (Pretrained.isName(arg)) return Pretrained.load(arg);
        Path file = Path.of(arg);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no model preset, pretrained model or file named '" + arg + "' (presets: "
                    + String.join(", ", Presets.NAMES) + "; pretrained: " + String.join(", ", Pretrained.NAMES) + ")");
        }
        if (arg.endsWith(".json")) return ModelIO.readConfig(file, seed);
        return ModelIO.load(file);
    }

    /** Refuses a model whose input or number of outputs does not fit the dataset, saying both shapes. */
    static void requireFits(Sequential model, Dataset data) {
        Shape images = data.trainImages().exampleShape();
        if (!model.inputShape().equals(images)) {
            throw new IllegalArgumentException("the model takes inputs of shape " + model.inputShape().toKeras() + " but "
                    + data.name() + " images are " + images.toKeras());
        }
        Shape out = model.outputShape();
        if (out.rank() != 1 || out.dim(0) != data.classNames().size()) {
            throw new IllegalArgumentException("the model has outputs of shape " + out.toKeras() + " but " + data.name()
                    + " has " + data.classNames().size() + " classes");
        }
    }
}
