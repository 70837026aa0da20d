package org.convscope.cli;

import org.convscope.data.Dataset;
import org.convscope.data.DatasetLocator;
import org.convscope.data.Datasets;
import org.convscope.data.Downloader;
import org.convscope.data.KnownDataset;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code --data NAME [--data-dir DIR] [--download]}, shared by the commands that read a dataset. */
final class DataOptions {

    @Option(names = "--data", defaultValue = "bundled", paramLabel = "bundled|mnist|fashion",
            description = "The dataset: the bundled MNIST subset (default), full MNIST or Fashion-MNIST.")
    String name;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Look for the IDX files here first (DIR or DIR/<name>/), before ~/.convscope/datasets/ and /usr/share/datasets/.")
    Path dir;

    @Option(names = "--download",
            description = "Download the dataset into ~/.convscope/datasets/ (HTTPS, SHA-256 checked) when it is not on this machine.")
    boolean download;

    /** Loads the dataset, downloading it first when asked and needed; progress goes to {@code out}. */
    Dataset load(PrintWriter out, boolean terminal) throws IOException {
        KnownDataset known = Datasets.known(name);
        DatasetLocator locator = new DatasetLocator(dir);
        if (download && known != null) downloadIfMissing(known, locator, out, terminal);
        return Datasets.open(name, locator);
    }

    /** Downloads {@code known} into the user cache unless {@code locator} finds it on this machine. */
    static void downloadIfMissing(KnownDataset known, DatasetLocator locator, PrintWriter out, boolean terminal)
            throws IOException {
        if (locator.find(known).isPresent()) return;
        Path target = DatasetLocator.userCache().resolve(known.id());
        out.println("Downloading " + known.title() + " into " + target);
        new Downloader().download(known, target, new DownloadPrinter(out, terminal));
    }
}
