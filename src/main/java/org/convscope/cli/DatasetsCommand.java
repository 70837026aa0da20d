package org.convscope.cli;

import org.convscope.data.Assets;
import org.convscope.data.Cifar10;
import org.convscope.data.Dataset;
import org.convscope.data.DatasetLocator;
import org.convscope.data.Datasets;
import org.convscope.data.Downloader;
import org.convscope.data.ImageFolder;
import org.convscope.data.KnownDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = {"Show which datasets are on this machine and where; optionally download them or verify their",
                "files against the known SHA-256 sums."})
final class DatasetsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Also look here first, as train and evaluate do.")
    Path dir;

    @Option(names = "--download", paramLabel = "mnist|fashion|cifar10", split = ",",
            description = "Download these datasets into ~/.convscope/datasets/ when they are not on this machine.")
    List<String> download = List.of();

    @Option(names = "--verify", arity = "0..1", fallbackValue = "", paramLabel = "DIR",
            description = "Check every file found against its SHA-256 (reads them all); with a folder of pictures, "
                    + "print its classes, pictures per class, sizes found and every file skipped and why.")
    String verify;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (verify != null && !verify.isEmpty()) return verifyFolder(Path.of(verify), out);
        DatasetLocator locator = new DatasetLocator(dir);
        for (String name : download) {
            if (Datasets.isCifar10(name)) {
                DataOptions.downloadCifar10IfMissing(locator, out, ProgressBar.isTerminal());
                continue;
            }
            KnownDataset known = Datasets.known(name);
            if (known != null) DataOptions.downloadIfMissing(known, locator, out, ProgressBar.isTerminal());
        }
        Dataset bundled = Datasets.bundled(Assets.DEFAULT);
        out.printf("%-8s %s: %d training + %d test images (%s)%n", Datasets.BUNDLED, bundled.name(),
                bundled.trainImages().batch(), bundled.testImages().batch(), Assets.DEFAULT.describe(Datasets.BUNDLED_FOLDER));
        boolean allGood = true;
        for (KnownDataset known : KnownDataset.values()) {
            String name = known == KnownDataset.MNIST ? "mnist" : "fashion";
            Optional<Path> found = locator.find(known);
            if (found.isEmpty()) {
                out.printf("%-8s %s: not found (looked in %s)%n", name, known.title(),
                        String.join(", ", locator.candidates(known).stream().map(Path::toString).toList()));
                continue;
            }
            out.printf("%-8s %s: %s%n", name, known.title(), found.get());
            if (verify == null) continue;
            for (KnownDataset.IdxFile f : known.files()) {
                Path file = DatasetLocator.file(found.get(), f).orElseThrow();
                String sha = Downloader.contentSha256(file);
                boolean ok = sha.equals(f.sha256());
                allGood &= ok;
                out.printf("         %s %s%n", ok ? "ok      " : "MISMATCH", file.getFileName()
                        + (ok ? "" : " (SHA-256 " + sha + ", expected " + f.sha256() + ")"));
            }
        }
        Optional<Path> cifar = Cifar10.find(locator);
        out.printf("%-8s %s: %s%n", Datasets.CIFAR10, Cifar10.TITLE, cifar.map(Path::toString).orElse("not found (looked in "
                + String.join(", ", locator.candidates(Cifar10.ID).stream().map(Path::toString).toList()) + ")"));
        if (verify != null && cifar.isPresent() && Files.isRegularFile(cifar.get().resolve(Cifar10.ARCHIVE))) {
            String sha = Downloader.sha256(cifar.get().resolve(Cifar10.ARCHIVE));
            boolean ok = sha.equals(Cifar10.ARCHIVE_SHA256);
            allGood &= ok;
            out.printf("         %s %s%n", ok ? "ok      " : "MISMATCH", Cifar10.ARCHIVE
                    + (ok ? "" : " (SHA-256 " + sha + ", expected " + Cifar10.ARCHIVE_SHA256 + ")"));
        }
        return allGood ? 0 : 1;
    }

    /** What {@code train --data DIR} would read from {@code dir}; exit code 1 when it cannot train on it. */
    private static int verifyFolder(Path dir, PrintWriter out) throws IOException {
        ImageFolder.Report r = ImageFolder.verify(dir, null);
        out.printf("%s: %d classes, %d pictures%s%n", dir, r.classNames().size(), r.images(),
                r.split() ? " (its own train/test split)" : " (20 % of each class kept for testing, seeded)");
        for (int k = 0; k < r.classNames().size(); k++) {
            out.printf("  %-20s %6d%s%n", r.classNames().get(k), r.trainCounts()[k],
                    r.split() ? String.format(" train %6d test", r.testCounts()[k]) : "");
        }
        out.println("Sizes found (width×height: pictures):");
        r.sizes().entrySet().stream().limit(20).forEach(e -> out.printf("  %-12s %6d%n", e.getKey(), e.getValue()));
        if (r.sizes().size() > 20) out.printf("  ... and %d other sizes%n", r.sizes().size() - 20);
        out.println("Skipped " + r.skipped().size() + " file" + (r.skipped().size() == 1 ? "" : "s") + (r.skipped().isEmpty() ? "" : ":"));
        for (ImageFolder.Skipped s : r.skipped()) out.println("  " + s.file() + ": " + s.reason());
        for (String p : r.problems()) out.println("problem: " + p);
        return r.problems().isEmpty() ? 0 : 1;
    }
}
