package org.convscope.cli;

import org.convscope.engine.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print a model's layers, output shapes and parameter counts, as Keras' summary() does.")
final class SummaryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME|FILE",
            description = "A preset (seed-000, seed-001, seed-002, seed-004, lenet5), a config .json or a model file.")
    String model;

    @Override
    public Integer call() throws Exception {
        Sequential m = ModelArg.open(model, 0);
        spec.commandLine().getOut().print(m.summary());
        return 0;
    }
}
