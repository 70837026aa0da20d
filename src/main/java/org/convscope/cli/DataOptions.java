package org.convscope.cli;

import org.convscope.data.Cifar10;
import org.convscope.data.Dataset;
import org.convscope.data.DatasetException;
import org.convscope.data.DatasetLocator;
import org.convscope.data.Datasets;
import org.convscope.data.Downloader;
import org.convscope.data.ImageFolder;
import org.convscope.data.KnownDataset;
import org.convscope.engine.Shape;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code --data NAME [--data-dir DIR] [--download]}, shared by the commands that read a dataset. */
final class DataOptions {

    @Option(names = "--data", defaultValue = "bundled", paramLabel = "bundled|mnist|fashion|cifar10|DIR",
            description = "The dataset: the bundled MNIST subset (default), full MNIST, Fashion-MNIST, CIFAR-10, or a folder of "
                    + "pictures with one sub-folder per class (optionally inside train/ and test/), fitted to the model's input.")
    String name;

    @Option(names = "--split-seed", defaultValue = "1", paramLabel = "N",
            description = "For a picture folder without train/ and test/: the seed of the 20 %% per class kept for testing "
                    + "(default: ${DEFAULT-VALUE}; give train and evaluate the same).")
    long splitSeed;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Look for the IDX files here first (DIR or DIR/<name>/), before ~/.convscope/datasets/ and /usr/share/datasets/.")
    Path dir;

    @Option(names = "--download",
            description = "Download the dataset into ~/.convscope/datasets/ (HTTPS, SHA-256 checked) when it is not on this machine.")
    boolean download;

    /** Loads the dataset, downloading it first when asked and needed; progress goes to {@code out}. */
    Dataset load(PrintWriter out, boolean terminal) throws IOException {
        if (isFolder()) throw new DatasetException("a picture folder needs a model to fit its pictures to; this command takes "
                + String.join(", ", Datasets.NAMES));
        return loadNamed(out, terminal);
    }

    /** As {@link #load(PrintWriter, boolean)}; a picture folder is fitted to {@code input} (H, W, C). */
    Dataset load(PrintWriter out, boolean terminal, Shape input) throws IOException {
        if (!isFolder()) return loadNamed(out, terminal);
        Path folder = Path.of(name);
        out.println("Reading " + folder + ": " + ImageFolder.describe(input));
        out.flush();
        long start = System.nanoTime();
        ImageFolder.Loaded loaded = ImageFolder.load(folder, input, splitSeed, (done, total) -> {
            if (terminal) synchronized (out) {
                out.print("\r" + ProgressBar.bar((double) done / total, 30) + " " + done + "/" + total);
                out.flush();
            }
        });
        if (terminal) out.println();
        Dataset d = loaded.dataset();
        long values = (long) d.trainImages().size() + d.testImages().size();
        out.printf(Locale.ROOT, "Read %d pictures in %.1f s (%.1f MB of tensors)%n", d.trainImages().batch() + d.testImages().batch(),
                (System.nanoTime() - start) / 1e9, values * Float.BYTES / 1e6);
        List<ImageFolder.Skipped> skipped = loaded.report().skipped();
        if (!skipped.isEmpty()) {
            out.println("Skipped " + skipped.size() + " file" + (skipped.size() == 1 ? "" : "s") + " (datasets --verify "
                    + folder + " lists them all), e.g. " + skipped.get(0).file() + ": " + skipped.get(0).reason());
        }
        return loaded.dataset();
    }

    /** True when {@code --data} names a folder rather than a known dataset. */
    boolean isFolder() {
        return !isNamed() && Files.isDirectory(Path.of(name));
    }

    private boolean isNamed() {
        return Datasets.NAMES.contains(name.toLowerCase(Locale.ROOT)) || name.equalsIgnoreCase("fashion-mnist")
                || Datasets.isCifar10(name);
    }

    private Dataset loadNamed(PrintWriter out, boolean terminal) throws IOException {
        if (!isNamed()) {
            throw new DatasetException("'" + name + "' is neither a known dataset (" + String.join(", ", Datasets.NAMES)
                    + ") nor a folder of pictures");
        }
        DatasetLocator locator = new DatasetLocator(dir);
        if (Datasets.isCifar10(name)) {
            if (download) downloadCifar10IfMissing(locator, out, terminal);
            return Datasets.open(name, locator);
        }
        KnownDataset known = Datasets.known(name);
        if (download && known != null) downloadIfMissing(known, locator, out, terminal);
        return Datasets.open(name, locator);
    }

    /** Downloads the CIFAR-10 archive into the user cache unless {@code locator} finds it on this machine. */
    static void downloadCifar10IfMissing(DatasetLocator locator, PrintWriter out, boolean terminal) throws IOException {
        if (Cifar10.find(locator).isPresent()) return;
        Path target = DatasetLocator.userCache().resolve(Cifar10.ID);
        out.println("Downloading " + Cifar10.TITLE + " (163 MB) into " + target);
        Cifar10.download(target, new DownloadPrinter(out, terminal));
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
