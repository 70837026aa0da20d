package org.convscope.cli;

import org.convscope.app.transfer.TransferComparison;
import org.convscope.app.transfer.TransferComparison.Way;
import org.convscope.data.Assets;
import org.convscope.data.Dataset;
import org.convscope.data.Datasets;
import org.convscope.data.ImageFolder;
import org.convscope.engine.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = {"Transfer learning, digits → clothes: the pretrained digit network's convolutional base gets a new head",
                "and learns a small sample of the bundled Fashion-MNIST set three ways — from scratch, feature extraction",
                "(base frozen) and fine-tuning (base trained too) — printing each way's test accuracy after every epoch."})
final class TransferCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "mnist-cnn", paramLabel = "FILE|NAME",
            description = "The pretrained model whose base is reused (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--images", defaultValue = "500", paramLabel = "N",
            description = "Training images of the sample, a multiple of 10, at most 1000 (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "N", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", paramLabel = "RATE",
            description = "Adam's learning rate, the same for the three ways (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--data", paramLabel = "DIR",
            description = "A folder of pictures (one sub-folder per class) to learn instead of the Fashion-MNIST sample; "
                    + "all its training pictures are used, fitted to the pretrained model's input.")
    Path folder;

    @Option(names = "--seeds", defaultValue = "1", split = ",", paramLabel = "N[,N...]",
            description = "Seeds to run (sample, head weights, batch order), e.g. 1,2,3 (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        Model pretrained = ModelArg.open(model, 0);
        Dataset data = folder == null ? Datasets.fashionSubset(Assets.DEFAULT)
                : ImageFolder.load(folder, pretrained.inputShape(), 1, null).dataset();
        int sampleSize = folder == null ? images : data.trainImages().batch();
        double[][] finals = new double[seeds.size()][Way.values().length];
        for (int s = 0; s < seeds.size(); s++) {
            var settings = new TransferComparison.Settings(sampleSize, epochs, batchSize, learningRate, seeds.get(s));
            TransferComparison c = new TransferComparison(pretrained, data, settings);
            w.printf(Locale.ROOT, "Seed %d: %d training images, %d test images of %s; base = first %d layers of %s%n",
                    seeds.get(s), c.sample().trainImages().batch(), c.sample().testImages().batch(), data.name(),
                    c.baseLayers(), model);
            w.printf("%-6s %14s %20s %13s%n", "epoch", Way.FROM_SCRATCH.label, Way.FEATURE_EXTRACTION.label, Way.FINE_TUNING.label);
            double[] row = new double[Way.values().length];
            int[] filled = {0};
            int si = s;
            c.run(p -> {
                row[p.way().ordinal()] = p.testAccuracy();
                if (++filled[0] % row.length == 0) {
                    w.printf(Locale.ROOT, "%-6d %13.1f%% %19.1f%% %12.1f%%%n", p.epoch(), 100 * row[0], 100 * row[1], 100 * row[2]);
                    w.flush();
                    finals[si] = row.clone();
                }
            }, () -> false);
        }
        w.printf(Locale.ROOT, "%nTest accuracy after %d epochs (%d images):%n", epochs, sampleSize);
        double[] mean = new double[Way.values().length];
        for (int s = 0; s < seeds.size(); s++) {
            w.printf(Locale.ROOT, "seed %-4d %s%n", seeds.get(s), line(finals[s]));
            for (int k = 0; k < mean.length; k++) mean[k] += finals[s][k] / seeds.size();
        }
        if (seeds.size() > 1) w.printf(Locale.ROOT, "mean      %s%n", line(mean));
        return 0;
    }

    private static String line(double[] accuracies) {
        StringBuilder sb = new StringBuilder();
        for (Way way : Way.values()) {
            sb.append(String.format(Locale.ROOT, "%s %.1f%%   ", way.label.toLowerCase(Locale.ROOT), 100 * accuracies[way.ordinal()]));
        }
        return sb.toString().strip();
    }
}
