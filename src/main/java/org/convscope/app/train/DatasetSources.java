package org.convscope.app.train;

import org.convscope.data.Assets;
import org.convscope.data.Cifar10;
import org.convscope.data.Dataset;
import org.convscope.data.DatasetException;
import org.convscope.data.DatasetLocator;
import org.convscope.data.Datasets;
import org.convscope.data.Downloader;
import org.convscope.data.KnownDataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;

/** The datasets the training view offers: the bundled MNIST subset (first, works offline), MNIST, Fashion-MNIST, CIFAR-10, a picture folder. */
public final class DatasetSources {
    private DatasetSources() {
    }

    public static List<DatasetSource> standard() {
        DatasetLocator locator = new DatasetLocator(null);
        return List.of(bundled(Assets.DEFAULT), new Known(KnownDataset.MNIST, locator), new Known(KnownDataset.FASHION_MNIST, locator),
                new Cifar(locator), new PictureFolderSource());
    }

    /** The MNIST subset shipped in the assets. */
    public static DatasetSource bundled(Assets assets) {
        return new DatasetSource() {
            @Override
            public String name() {
                return "MNIST subset (bundled)";
            }

            @Override
            public boolean isAvailable() {
                return true;
            }

            @Override
            public Dataset load() throws IOException {
                return Datasets.bundled(assets);
            }

            @Override
            public String toString() {
                return name();
            }
        };
    }

    /** A full dataset found by the locator, downloaded into the user cache, or read from a folder the user picks. */
    static final class Known implements DatasetSource {
        private final KnownDataset dataset;
        private final DatasetLocator locator;
        private volatile Path chosen; // a folder the user pointed at, tried first

        Known(KnownDataset dataset, DatasetLocator locator) {
            this.dataset = dataset;
            this.locator = locator;
        }

        @Override
        public String name() {
            return dataset.title();
        }

        @Override
        public boolean isAvailable() {
            return folder() != null;
        }

        private Path folder() {
            if (chosen != null) return chosen;
            return locator.find(dataset).orElse(null);
        }

        @Override
        public Dataset load() throws IOException {
            Path dir = folder();
            if (dir == null) throw new DatasetException(dataset.title() + " is not on this computer");
            return Datasets.load(dataset, dir);
        }

        @Override
        public boolean canDownload() {
            return true;
        }

        @Override
        public void download(DoubleConsumer progress) throws IOException {
            Path dir = DatasetLocator.userCache().resolve(dataset.id());
            new Downloader().download(dataset, dir, p -> {
                if (p.overallPercent() >= 0) progress.accept(p.overallPercent() / 100);
            });
            chosen = dir;
        }

        @Override
        public void useFolder(Path dir) throws IOException {
            if (!DatasetLocator.isComplete(dir, dataset)) {
                List<String> missing = dataset.files().stream().filter(f -> DatasetLocator.file(dir, f).isEmpty())
                        .map(KnownDataset.IdxFile::name).toList();
                throw new DatasetException(dir + " lacks " + String.join(", ", missing) + " (raw or .gz)");
            }
            chosen = dir;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /**
     * CIFAR-10 as MNIST is offered: found by the locator, or "Get it" downloads its archive into the user cache
     * (the downloader MNIST uses: SHA-256, resume, cancel), or read from a folder the user picks.
     */
    static final class Cifar implements DatasetSource {
        private final DatasetLocator locator;
        private volatile Path chosen; // a folder the user pointed at, tried first

        Cifar(DatasetLocator locator) {
            this.locator = locator;
        }

        @Override
        public String name() {
            return Cifar10.TITLE;
        }

        @Override
        public boolean isAvailable() {
            return folder() != null;
        }

        private Path folder() {
            return chosen != null ? chosen : Cifar10.find(locator).orElse(null);
        }

        @Override
        public Dataset load() throws IOException {
            Path dir = folder();
            if (dir == null) throw new DatasetException(Cifar10.TITLE + " is not on this computer");
            return Cifar10.load(dir);
        }

        @Override
        public boolean canDownload() {
            return true;
        }

        @Override
        public void download(DoubleConsumer progress) throws IOException {
            Path dir = DatasetLocator.userCache().resolve(Cifar10.ID);
            Cifar10.download(dir, p -> {
                if (p.overallPercent() >= 0) progress.accept(p.overallPercent() / 100);
            });
            chosen = dir;
        }

        @Override
        public void useFolder(Path dir) throws IOException {
            if (!Cifar10.isComplete(dir)) {
                throw new DatasetException(dir + " holds neither " + Cifar10.ARCHIVE + " nor the extracted batch files");
            }
            chosen = dir;
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
