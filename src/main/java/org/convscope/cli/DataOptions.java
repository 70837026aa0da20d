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
        if (download && known != null && locator.find(known).isEmpty()) {
            Path target = DatasetLocator.userCache().resolve(known.id());
            out.println("Downloading " + known.title() + " into " + target);
            new Downloader().download(known, target, new DownloadPrinter(out, terminal));
        }
        return Datasets.open(name, locator);
    }

    /** Prints a download's progress: a live bar on a terminal, else a line per file. */
    private static final class DownloadPrinter implements Downloader.Listener {
        private final PrintWriter out;
        private final boolean terminal;
        private long lastPrint;

        DownloadPrinter(PrintWriter out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public void progress(Downloader.Progress p) {
            boolean done = p.totalBytes() > 0 && p.bytes() == p.totalBytes();
            String line = String.format("%s %s %.1f/%s MB", p.file(), ProgressBar.bar(p.percent() / 100, 30),
                    p.bytes() / 1e6, p.totalBytes() > 0 ? String.format("%.1f", p.totalBytes() / 1e6) : "?");
            if (terminal) {
                long now = System.nanoTime();
                if (!done && now - lastPrint < 100_000_000L) return;
                lastPrint = now;
                out.print("\r" + line + (done ? "\n" : ""));
                out.flush();
            } else if (done) {
                out.println(line);
            }
        }
    }
}
