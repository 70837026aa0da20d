package org.convscope.data;

import java.util.List;

/**
 * The datasets ConvScope knows by name: their IDX files, the SHA-256 of each file's uncompressed
 * content (computed from the original files; the same whether a copy is stored raw or gzipped, and
 * whatever gzip settings a mirror used), the HTTPS mirrors serving them gzipped, and class names.
 */
public enum KnownDataset {
    MNIST("mnist", "MNIST",
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            List.of("https://ossci-datasets.s3.amazonaws.com/mnist/",
                    "https://storage.googleapis.com/cvdf-datasets/mnist/"),
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    FASHION_MNIST("fashion-mnist", "Fashion-MNIST",
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
            List.of("https://storage.googleapis.com/tensorflow/tf-keras-datasets/",
                    "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/"),
            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    /** One IDX file of a dataset: its name without {@code .gz} and the SHA-256 of its uncompressed bytes. */
    public record IdxFile(String name, String sha256) {
        public String gzName() {
            return name + ".gz";
        }
    }

    private final String id;
    private final String title;
    private final List<String> classNames;
    private final List<String> mirrors;
    private final List<IdxFile> files;

    KnownDataset(String id, String title, List<String> classNames, List<String> mirrors,
                 String trainImages, String trainLabels, String testImages, String testLabels) {
        this.id = id;
        this.title = title;
        this.classNames = classNames;
        this.mirrors = mirrors;
        this.files = List.of(new IdxFile("train-images-idx3-ubyte", trainImages),
                new IdxFile("train-labels-idx1-ubyte", trainLabels),
                new IdxFile("t10k-images-idx3-ubyte", testImages),
                new IdxFile("t10k-labels-idx1-ubyte", testLabels));
    }

    /** The folder name under a datasets directory, e.g. {@code fashion-mnist}. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Base URLs, tried in order; a file's URL is the base followed by its {@link IdxFile#gzName()}. */
    public List<String> mirrors() {
        return mirrors;
    }

    /** train images, train labels, test images, test labels. */
    public List<IdxFile> files() {
        return files;
    }
}
