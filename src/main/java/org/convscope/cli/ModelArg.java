package org.convscope.cli;

import org.convscope.engine.ModelIO;
import org.convscope.engine.Presets;
import org.convscope.engine.Sequential;

import java.io.IOException;
import java.nio.file.Path;

/** Resolves a {@code --model NAME|FILE} argument: a preset name, a config file (.json) or a model file. */
final class ModelArg {
    private ModelArg() {
    }

    static Sequential open(String arg, long seed) throws IOException {
        if (Presets.NAMES.contains(arg)) return Presets.create(arg).build(seed);
        Path file = Path.of(arg);
        if (!java.nio.file.Files.exists(file)) {
            throw new IllegalArgumentException("no model preset or file named '" + arg + "' (presets: "
                    + String.join(", ", Presets.NAMES) + ")");
        }
        if (arg.endsWith(".json")) return ModelIO.readConfig(file, seed);
        return ModelIO.load(file);
    }
}
