package org.convscope.data;

import org.convscope.engine.Tensor;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * CIFAR-10 (Krizhevsky 2009): 60,000 colour pictures of 32×32 in ten classes, 50,000 for training
 * and 10,000 for testing, from the official binary archive {@value #ARCHIVE}. The archive holds
 * {@code data_batch_1.bin .. data_batch_5.bin} and {@code test_batch.bin}; each record is one label
 * byte and 3,072 pixel bytes: the red plane, then green, then blue, each 32×32 row-major. Read here
 * as (N, 32, 32, 3) channels-last, values {@code byte / 255}.
 * <p>
 * Found in a folder holding the archive as downloaded, or its extracted {@code .bin} files (directly
 * or in {@code cifar-10-batches-bin/}); looked for where {@link DatasetLocator} looks, in
 * {@code <root>/cifar-10/}. The archive is read as it is, without unpacking it.
 */
public final class Cifar10 {
    public static final String ID = "cifar-10";
    public static final String TITLE = "CIFAR-10";
    public static final String ARCHIVE = "cifar-10-binary.tar.gz";
    /** SHA-256 of the archive's bytes (170,052,171 bytes; MD5 c32a1d4ab5d03f1284b67883e8d87530, as published). */
    public static final String ARCHIVE_SHA256 = "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd";
    /** The dataset's home page serves the archive. */
    public static final List<String> MIRRORS = List.of("https://www.cs.toronto.edu/~kriz/");
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");
    static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    static final String TEST_FILE = "test_batch.bin";
    static final String EXTRACTED_FOLDER = "cifar-10-batches-bin";
    static final int SIDE = 32, PIXELS = SIDE * SIDE, RECORD = 1 + 3 * PIXELS;

    private Cifar10() {
    }

    /** The first folder {@code locator} looks in that holds the archive or all six batch files. */
    public static Optional<Path> find(DatasetLocator locator) {
        return locator.candidates(ID).stream().filter(Cifar10::isComplete).findFirst();
    }

    /** True when {@code dir} holds the archive or all six extracted batch files. */
    public static boolean isComplete(Path dir) {
        return Files.isRegularFile(dir.resolve(ARCHIVE)) || extracted(dir).isPresent();
    }

    private static Optional<Path> extracted(Path dir) {
        for (Path d : List.of(dir, dir.resolve(EXTRACTED_FOLDER))) {
            boolean all = Files.isRegularFile(d.resolve(TEST_FILE)) && TRAIN_FILES.stream().allMatch(f -> Files.isRegularFile(d.resolve(f)));
            if (all) return Optional.of(d);
        }
        return Optional.empty();
    }

    /** Downloads the archive into {@code dir} (SHA-256 checked, resumed, cancelled by an interrupt). */
    public static void download(Path dir, Downloader.Listener listener) throws IOException {
        download(new Downloader(), MIRRORS, ARCHIVE_SHA256, dir, listener);
    }

    static void download(Downloader downloader, List<String> mirrors, String sha256, Path dir, Downloader.Listener listener)
            throws IOException {
        downloader.downloadFile(TITLE, mirrors, ARCHIVE, sha256, dir, listener);
    }

    /**
     * Reads the dataset from {@code dir}: the extracted batch files when present, else the archive.
     * @throws DatasetException when a batch is missing, not a whole number of records, or has a label above 9
     */
    public static Dataset load(Path dir) throws IOException {
        Map<String, byte[]> batches = new HashMap<>();
        Optional<Path> bins = extracted(dir);
        if (bins.isPresent()) {
            for (String f : allFiles()) batches.put(f, Files.readAllBytes(bins.get().resolve(f)));
        } else {
            Path archive = dir.resolve(ARCHIVE);
            if (!Files.isRegularFile(archive)) throw new DatasetException(dir + ": no " + ARCHIVE + " and no extracted batch files");
            batches = fromArchive(archive);
        }
        Tensor[] train = records(batches, TRAIN_FILES, dir), test = records(batches, List.of(TEST_FILE), dir);
        return new Dataset(TITLE, train[0], train[1], test[0], test[1], CLASS_NAMES);
    }

    private static List<String> allFiles() {
        List<String> all = new ArrayList<>(TRAIN_FILES);
        all.add(TEST_FILE);
        return all;
    }

    /** The six batch files' bytes, read from the gzipped tar as it streams by (ustar headers of 512 bytes). */
    static Map<String, byte[]> fromArchive(Path archive) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        List<String> wanted = allFiles();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 1 << 16)) {
            byte[] header = new byte[512];
            while (out.size() < wanted.size()) {
                if (in.readNBytes(header, 0, 512) < 512 || header[0] == 0) break; // end of archive
                String name = text(header, 345, 155) + (header[345] == 0 ? "" : "/") + text(header, 0, 100);
                long size = Long.parseLong(text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
                byte type = header[156];
                String base = name.substring(name.lastIndexOf('/') + 1);
                long padded = (size + 511) / 512 * 512;
                if ((type == '0' || type == 0) && wanted.contains(base)) {
                    if (size > Integer.MAX_VALUE) throw new DatasetException(archive + ": " + name + " is too large for a CIFAR-10 batch");
                    byte[] data = in.readNBytes((int) size);
                    if (data.length < size) throw new DatasetException(archive + ": the archive is truncated inside " + name);
                    out.put(base, data);
                    in.skipNBytes(padded - size);
                } else {
                    in.skipNBytes(padded);
                }
            }
        } catch (ZipException | EOFException e) {
            throw new DatasetException(archive + ": the archive is corrupt or truncated (" + e.getMessage() + ")", e);
        } catch (NumberFormatException e) {
            throw new DatasetException(archive + ": not a tar archive (a header's size field is not a number)", e);
        }
        for (String f : wanted) {
            if (!out.containsKey(f)) throw new DatasetException(archive + ": " + f + " is not in the archive");
        }
        return out;
    }

    private static String text(byte[] header, int from, int length) {
        int end = from;
        while (end < from + length && header[end] != 0) end++;
        return new String(header, from, end - from, StandardCharsets.US_ASCII);
    }

    /** The records of {@code files}, in order: images (N, 32, 32, 3) and labels (N). */
    private static Tensor[] records(Map<String, byte[]> batches, List<String> files, Path where) throws DatasetException {
        int n = 0;
        for (String f : files) {
            int length = batches.get(f).length;
            if (length == 0 || length % RECORD != 0) {
                throw new DatasetException(where + ": " + f + " is " + length + " bytes, not a whole number of "
                        + RECORD + "-byte records");
            }
            n += length / RECORD;
        }
        float[] images = new float[n * 3 * PIXELS]; // (N, 32, 32, 3)
        float[] labels = new float[n];
        int i = 0;
        for (String f : files) {
            byte[] b = batches.get(f);
            for (int r = 0; r < b.length / RECORD; r++, i++) {
                int at = r * RECORD, label = b[at] & 0xff;
                if (label >= CLASS_NAMES.size()) {
                    throw new DatasetException(where + ": record " + r + " of " + f + " has label " + label + "; CIFAR-10 has 10 classes");
                }
                labels[i] = label;
                for (int c = 0; c < 3; c++) { // planes R, G, B → channels-last
                    for (int p = 0; p < PIXELS; p++) images[(i * PIXELS + p) * 3 + c] = (b[at + 1 + c * PIXELS + p] & 0xff) / 255f;
                }
            }
        }
        return new Tensor[] {new Tensor(images, n, SIDE, SIDE, 3), new Tensor(labels, n)};
    }
}
