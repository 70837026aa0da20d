package org.convscope.data;

import org.convscope.engine.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Loads datasets by name: full MNIST and Fashion-MNIST from the files {@link DatasetLocator} finds,
 * and the small MNIST subset bundled in the assets ({@code data/mnist-subset/}), the default when
 * full MNIST is absent; also the small bundled Fashion-MNIST sample ({@code data/fashion-subset/}).
 */
public final class Datasets {
    /** The bundled subset's folder in the assets. */
    public static final String BUNDLED_FOLDER = "data/mnist-subset/";
    /** The bundled Fashion-MNIST sample's folder in the assets (for the transfer-learning lesson). */
    public static final String FASHION_SUBSET_FOLDER = "data/fashion-subset/";
    public static final String BUNDLED = "bundled";
    /** CIFAR-10's name on the command line ({@link Cifar10}). */
    public static final String CIFAR10 = "cifar10";
    /** The names {@link #open} accepts. */
    public static final List<String> NAMES = List.of(BUNDLED, "mnist", "fashion", CIFAR10);

    private Datasets() {
    }

    /** The dataset a command-line name stands for; null for {@code bundled}. */
    public static KnownDataset known(String name) throws DatasetException {
        if (isCifar10(name)) throw new DatasetException("CIFAR-10 is an archive, not IDX files: see Cifar10");
        return switch (name.toLowerCase(Locale.ROOT)) {
            case BUNDLED -> null;
            case "mnist" -> KnownDataset.MNIST;
            case "fashion", "fashion-mnist" -> KnownDataset.FASHION_MNIST;
            default -> throw new DatasetException("unknown dataset '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
    }

    /**
     * Opens {@code bundled}, {@code mnist} or {@code fashion} (also {@code fashion-mnist}).
     * @throws DatasetException when the name is unknown, the files are not on this machine, or a file is bad
     */
    public static Dataset open(String name, DatasetLocator locator) throws IOException {
        if (isCifar10(name)) {
            Path dir = Cifar10.find(locator).orElseThrow(() -> new DatasetException(Cifar10.TITLE + " is not on this machine (looked in "
                    + String.join(", ", locator.candidates(Cifar10.ID).stream().map(Path::toString).toList())
                    + " for " + Cifar10.ARCHIVE + " or its batch files); download it with --download"));
            return Cifar10.load(dir);
        }
        KnownDataset known = known(name);
        if (known == null) return bundled(Assets.DEFAULT);
        Path dir = locator.find(known).orElseThrow(() -> notFound(known, locator));
        return load(known, dir);
    }

    private static DatasetException notFound(KnownDataset known, DatasetLocator locator) {
        return new DatasetException(known.title() + " is not on this machine (looked in "
                + String.join(", ", locator.candidates(known).stream().map(Path::toString).toList())
                + "); download it with --download, or run scripts/fetch-datasets.sh");
    }

    /** {@code cifar10} or {@code cifar-10}, in any case. */
    public static boolean isCifar10(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals(CIFAR10) || n.equals(Cifar10.ID);
    }

    /** Full MNIST when found, else the bundled subset: the app's default training data. */
    public static Dataset mnistOrBundled(DatasetLocator locator) throws IOException {
        var dir = locator.find(KnownDataset.MNIST);
        return dir.isPresent() ? load(KnownDataset.MNIST, dir.get()) : bundled(Assets.DEFAULT);
    }

    /** Reads the four IDX files of {@code known} from {@code dir} (each raw or gzipped) and checks them together. */
    public static Dataset load(KnownDataset known, Path dir) throws IOException {
        Tensor[] t = new Tensor[4];
        for (int i = 0; i < 4; i++) {
            KnownDataset.IdxFile f = known.files().get(i);
            Path file = DatasetLocator.file(dir, f).orElseThrow(() -> new DatasetException(dir.resolve(f.name()) + ": no such file"));
            t[i] = i % 2 == 0 ? Idx.readImages(file) : Idx.readLabels(file);
        }
        return checked(known.title(), t, known.classNames(), dir.toString());
    }

    /** The MNIST subset shipped in the assets (folder or classpath). */
    public static Dataset bundled(Assets assets) throws IOException {
        return bundled(assets, BUNDLED_FOLDER, KnownDataset.MNIST, "MNIST subset (bundled)");
    }

    /** The small Fashion-MNIST sample shipped in the assets: 1,000 training and 500 test images, 10 % of each class. */
    public static Dataset fashionSubset(Assets assets) throws IOException {
        return bundled(assets, FASHION_SUBSET_FOLDER, KnownDataset.FASHION_MNIST, "Fashion-MNIST sample (bundled)");
    }

    private static Dataset bundled(Assets assets, String folder, KnownDataset known, String name) throws IOException {
        Tensor[] t = new Tensor[4];
        for (int i = 0; i < 4; i++) {
            String path = folder + known.files().get(i).gzName();
            try (InputStream in = assets.open(path)) {
                if (in == null) throw new DatasetException("the bundled dataset is missing (looked in " + assets.describe(path) + ")");
                t[i] = i % 2 == 0 ? Idx.readImages(in, assets.source(path)) : Idx.readLabels(in, assets.source(path));
            }
        }
        return checked(name, t, known.classNames(), assets.describe(folder));
    }

    /** train images, train labels, test images, test labels must agree in counts, image size and label range. */
    private static Dataset checked(String name, Tensor[] t, List<String> classNames, String where) throws DatasetException {
        String[] parts = {"training", "test"};
        for (int s = 0; s < 2; s++) {
            Tensor images = t[2 * s], labels = t[2 * s + 1];
            if (images.batch() != labels.size()) {
                throw new DatasetException(where + ": the " + parts[s] + " set has " + images.batch() + " images but "
                        + labels.size() + " labels");
            }
            for (float label : labels.data) {
                if (label >= classNames.size()) {
                    throw new DatasetException(where + ": a " + parts[s] + " label is " + (int) label + " but " + name
                            + " has only " + classNames.size() + " classes");
                }
            }
        }
        if (!t[0].exampleShape().equals(t[2].exampleShape())) {
            throw new DatasetException(where + ": training images are " + t[0].exampleShape() + " but test images "
                    + t[2].exampleShape());
        }
        return new Dataset(name, t[0], t[1], t[2], t[3], classNames);
    }
}
