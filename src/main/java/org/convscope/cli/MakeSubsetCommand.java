package org.convscope.cli;

import org.convscope.data.Dataset;
import org.convscope.data.Subsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "make-subset", mixinStandardHelpOptions = true,
        description = {"Cut a stratified subset (equal numbers of each class, chosen by a seeded shuffle) from a dataset",
                "and write it as gzipped IDX files. This made the bundled assets/data/mnist-subset/."})
final class MakeSubsetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--train", defaultValue = "6000", paramLabel = "N", description = "Training images, a multiple of the classes (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--test", defaultValue = "1000", paramLabel = "N", description = "Test images, a multiple of the classes (default: ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the four .gz IDX files.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        Dataset d = data.load(w, ProgressBar.isTerminal());
        Dataset subset = Subsets.stratified(d, train, test, seed);
        Subsets.writeIdx(subset, out);
        w.printf("Wrote %d training and %d test images of %s (seed %d) to %s%n", train, test, d.name(), seed, out);
        return 0;
    }
}
