package org.convscope.cli;

import org.convscope.engine.Model;
import org.convscope.engine.keras.KerasCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Print a model's layers, output shapes and parameter counts, as Keras' summary() does,",
                "or (--as keras-code) the Keras code that builds, compiles and fits the same model in a notebook."})
final class SummaryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME|FILE",
            description = "A preset (seed-000, seed-001, seed-002, seed-004, lenet5), a config .json, a model file (.convscope) "
                    + "or a Keras model (.h5, .keras).")
    String model;

    @Mixin
    InputRangeOption inputRange;

    @Option(names = "--as", defaultValue = "text", paramLabel = "text|keras-code",
            description = "text: the summary table (default); keras-code: Python code for the same model "
                    + "(Adam, sparse categorical cross-entropy, batch 128, 5 epochs, or the optimizer and loss a Keras file recorded).")
    String as;

    @Option(names = "--keras", defaultValue = "2", paramLabel = "2|3",
            description = "Which Keras' summary() layout the table copies: 2 (tf.keras 2.x, default) or 3 (Keras 3's boxed table).")
    String kerasVersion;

    @Override
    public Integer call() throws Exception {
        if (!as.equals("text") && !as.equals("keras-code")) {
            throw new IllegalArgumentException("--as must be text or keras-code, got '" + as + "'");
        }
        if (!kerasVersion.equals("2") && !kerasVersion.equals("3")) {
            throw new IllegalArgumentException("--keras must be 2 or 3, got '" + kerasVersion + "'");
        }
        Model m = ModelArg.open(model, 0, inputRange.range(), null);
        String table = kerasVersion.equals("3") ? m.summary().keras3() : m.summary().keras2();
        spec.commandLine().getOut().print(as.equals("text") ? table : KerasCode.of(m, KerasCode.Training.of(m)));
        return 0;
    }
}
