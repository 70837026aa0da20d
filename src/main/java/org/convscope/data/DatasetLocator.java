package org.convscope.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        List<Path> dirs = new ArrayList<>();
        if (dataDir != null) {
            dirs.add(dataDir);
            dirs.add(dataDir.resolve(dataset.id()));
        }
        for (Path root : roots) dirs.add(root.resolve(dataset.id()));
        return dirs;
    }

    /** The first folder holding all of the dataset's files. */
    public Optional<Path> find(KnownDataset dataset) {
        return candidates(dataset).stream().filter(dir -> isComplete(dir, dataset)).findFirst();
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
