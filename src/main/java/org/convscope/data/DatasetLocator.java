package org.convscope.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a dataset's four IDX files (each raw or gzipped) on this machine, looking in order in
 * <ol>
 *   <li>{@code --data-dir DIR}: DIR itself, then {@code DIR/<id>/};</li>
 *   <li>the user cache {@code ~/.convscope/datasets/<id>/} (where downloads and
 *       {@code scripts/fetch-datasets.sh} put them);</li>
 *   <li>system copies, {@code /usr/share/datasets/<id>/} (Debian's {@code dataset-fashion-mnist}).</li>
 * </ol>
 * A folder counts only when it holds all four files; a {@code .part} download never counts.
 */
public final class DatasetLocator {
    private final Path dataDir;
    private final List<Path> roots;

    /** The standard places, after {@code dataDir} when it is not null. */
    public DatasetLocator(Path dataDir) {
        this(dataDir, List.of(userCache(), Path.of("/usr/share/datasets")));
    }

    /** {@code dataDir} (may be null), then {@code root/<id>/} for each root. */
    public DatasetLocator(Path dataDir, List<Path> roots) {
        this.dataDir = dataDir;
        this.roots = List.copyOf(roots);
    }

    /** {@code ~/.convscope/datasets}: where downloads go. */
    public static Path userCache() {
        return Path.of(System.getProperty("user.home"), ".convscope", "datasets");
    }

    /** The folders searched for {@code dataset}, in order. */
    public List<Path> candidates(KnownDataset dataset) {
        return candidates(dataset.id());
    }

    /** The folders searched for the dataset whose folder name is {@code id}, in order. */
    public List<Path> candidates(String id) {
        List<Path> dirs = new ArrayList<>();
        if (dataDir != null) {
            dirs.add(dataDir);
            dirs.add(dataDir.resolve(id));
        }
        for (Path root : roots) dirs.add(root.resolve(id));
        return dirs;
    }

    /**
     * The first folder holding all of the dataset's files, and not another known dataset's: MNIST and
     * Fashion-MNIST use the same file names, so a folder given with {@code --data-dir} could hold either.
     */
    public Optional<Path> find(KnownDataset dataset) {
        return candidates(dataset).stream()
                .filter(dir -> isComplete(dir, dataset) && identify(dir).map(dataset::equals).orElse(true))
                .findFirst();
    }

    /**
     * Which known dataset a complete folder holds, told by the SHA-256 of its test labels (10 kB, quick
     * to read); empty for other data, such as a dataset of one's own in the IDX format.
     */
    public static Optional<KnownDataset> identify(Path dir) {
        Map<KnownDataset, KnownDataset.IdxFile> testLabels = new EnumMap<>(KnownDataset.class);
        for (KnownDataset known : KnownDataset.values()) testLabels.put(known, known.files().get(3));
        return identify(dir, testLabels);
    }

    /** The key whose file in {@code dir} has the content SHA-256 it names; empty when none has. */
    static <K> Optional<K> identify(Path dir, Map<K, KnownDataset.IdxFile> fingerprints) {
        for (Map.Entry<K, KnownDataset.IdxFile> e : fingerprints.entrySet()) {
            Optional<Path> file = file(dir, e.getValue());
            try {
                if (file.isPresent() && Downloader.contentSha256(file.get()).equals(e.getValue().sha256())) {
                    return Optional.of(e.getKey());
                }
            } catch (IOException ex) {
                return Optional.empty(); // unreadable: loading it will say why
            }
        }
        return Optional.empty();
    }

    public static boolean isComplete(Path dir, KnownDataset dataset) {
        return dataset.files().stream().allMatch(f -> file(dir, f).isPresent());
    }

    /** {@code dir/name}, else {@code dir/name.gz}, when it is a regular file. */
    public static Optional<Path> file(Path dir, KnownDataset.IdxFile f) {
        Path raw = dir.resolve(f.name()), gz = dir.resolve(f.gzName());
        if (Files.isRegularFile(raw)) return Optional.of(raw);
        if (Files.isRegularFile(gz)) return Optional.of(gz);
        return Optional.empty();
    }
}
