package org.convscope.data;

import org.convscope.engine.Parallel;
import org.convscope.engine.Rng;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A dataset of one's own pictures, in the layout Keras' {@code image_dataset_from_directory} reads:
 * <pre>
 *   DIR/cats/*.jpg  DIR/dogs/*.png ...                 one folder per class, or
 *   DIR/train/cats/...  DIR/test/cats/...              a given split ({@code test/}, {@code validation/} or {@code val/})
 * </pre>
 * Class names are the folder names, sorted as Keras sorts them. Files may sit deeper inside a class
 * folder. Without a given split, a seeded {@link #VALIDATION_SPLIT} of each class becomes the test set.
 * <p>
 * Every picture (PNG, JPEG, BMP, GIF; grey or colour; any size) is fitted to the model's input by one
 * policy, {@link #FIT}: the largest centred region of the input's aspect ratio is cut out (centre-crop,
 * as Keras' {@code crop_to_aspect_ratio=True}) and resized antialiased ({@link Resampler}); no padding,
 * so the network never learns borders that are not in the photos. Channels are converted: 1 channel is
 * the brightness {@code 0.299 R + 0.587 G + 0.114 B}, 3 channels are R, G, B; values 0..1; transparent
 * pixels are seen over white.
 * <p>
 * Pictures are decoded in parallel straight into the dataset's tensors, so memory is the tensors plus
 * one decoded picture per thread. A file that cannot be used (not an image, truncated, corrupt, larger
 * than {@link ImageFiles#MAX_PIXELS}, refused from its header before decoding) is skipped and listed
 * with the reason; the load goes on.
 */
public final class ImageFolder {
    /** The fitting policy, as shown to the user. */
    public static final String FIT = "centre-cropped to the model's aspect ratio, then resized";
    /** The share of each class kept for testing when the folder has no train/test split. */
    public static final double VALIDATION_SPLIT = 0.2;
    private static final List<String> TEST_NAMES = List.of("test", "validation", "val");

    private ImageFolder() {
    }

    /** A file that was not used, and why. */
    public record Skipped(Path file, String reason) {
    }

    /**
     * What a folder holds.
     * @param classNames  the class folders, sorted
     * @param trainCounts usable pictures per class in the training set (the whole folder when not split)
     * @param testCounts  usable pictures per class in the given test folder; all 0 when the folder has none
     * @param sizes       picture sizes found ({@code "640×480"}) and how many of each, most common first
     * @param skipped     every file skipped, with the reason
     * @param split       true when the folder has its own train/ and test/ (or validation/) folders
     */
    public record Report(Path root, List<String> classNames, int[] trainCounts, int[] testCounts,
                         Map<String, Integer> sizes, List<Skipped> skipped, boolean split) {
        public int images() {
            return Arrays.stream(trainCounts).sum() + Arrays.stream(testCounts).sum();
        }

        /** The problems that make the folder unusable for training, said plainly; empty when it is fine. */
        public List<String> problems() {
            List<String> p = new ArrayList<>();
            if (images() == 0) p.add(root + " holds no usable images");
            if (classNames.size() == 1) p.add(root + " has only one class folder ('" + classNames.get(0)
                    + "'); a classifier needs at least two");
            for (int k = 0; k < classNames.size() && images() > 0; k++) {
                if (trainCounts[k] == 0) p.add("class '" + classNames.get(k) + "' has no usable training images");
            }
            return p;
        }
    }

    /** The loaded dataset and the report of what was read. */
    public record Loaded(Dataset dataset, Report report) {
    }

    /** Called from the decoding threads after each file: {@code done} of {@code total} files. */
    public interface Listener {
        void progress(int done, int total);
    }

    /**
     * Decodes every file (to find truncated ones) without keeping the pixels: what {@code datasets --verify} shows.
     * @throws DatasetException when {@code dir} is not a folder of class folders
     * @throws InterruptedIOException when the calling thread is interrupted (cancelled)
     */
    public static Report verify(Path dir, Listener listener) throws IOException {
        Layout layout = Layout.of(dir);
        Read train = read(layout.train, null, listener, 0, layout.total());
        Read test = read(layout.test, null, listener, layout.train.size(), layout.total());
        return layout.report(train, test);
    }

    /**
     * Loads {@code dir} as a dataset of images of shape {@code input} (H, W, C with C = 1 or 3).
     * @param seed the seed of the validation split (used only when the folder has no train/test split)
     * @throws DatasetException when the folder is not usable ({@link Report#problems()}), naming why
     * @throws InterruptedIOException when the calling thread is interrupted (cancelled)
     */
    public static Loaded load(Path dir, Shape input, long seed, Listener listener) throws IOException {
        if (input.rank() != 3 || (input.dim(2) != 1 && input.dim(2) != 3)) {
            throw new DatasetException("pictures can be made into inputs of shape (H, W, 1) or (H, W, 3), not " + input.toKeras());
        }
        Layout layout = Layout.of(dir);
        if (!layout.split) layout = layout.splitSeeded(seed);
        Read train = read(layout.train, input, listener, 0, layout.total());
        Read test = read(layout.test, input, listener, layout.train.size(), layout.total());
        Report report = layout.report(train, test);
        if (!report.problems().isEmpty()) throw new DatasetException(String.join("; ", report.problems()));
        if (test.labels.length == 0) throw new DatasetException(dir + ": the test set is empty (too few usable images to keep "
                + Math.round(100 * VALIDATION_SPLIT) + " % of each class for testing)");
        Dataset d = new Dataset(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(),
                train.images, new Tensor(train.labels, train.labels.length),
                test.images, new Tensor(test.labels, test.labels.length), layout.classNames);
        return new Loaded(d, report);
    }

    /** {@code paths} with each folder replaced by the files in it and its sub-folders (sorted; hidden ones left out). */
    public static List<Path> pictures(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            try (Stream<Path> s = Files.walk(p)) {
                s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /** A picture file and its class index. */
    private record Entry(Path file, int label) {
    }

    /** The class folders and files found, before anything is decoded. */
    private record Layout(Path root, List<String> classNames, List<Entry> train, List<Entry> test, boolean split) {
        static Layout of(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) throw new DatasetException(dir + ": no such folder");
            List<Path> subs = folders(dir);
            Path trainDir = subs.stream().filter(p -> name(p).equals("train")).findFirst().orElse(null);
            Path testDir = subs.stream().filter(p -> TEST_NAMES.contains(name(p))).findFirst().orElse(null);
            if (trainDir != null && testDir != null) {
                List<String> classes = folders(trainDir).stream().map(Layout::name).toList();
                for (Path c : folders(testDir)) {
                    if (!classes.contains(name(c))) {
                        throw new DatasetException(c + ": class '" + name(c) + "' has no folder in " + trainDir);
                    }
                }
                return new Layout(dir, classes, entries(trainDir, classes), entries(testDir, classes), true);
            }
            List<String> classes = subs.stream().map(Layout::name).toList();
            if (classes.isEmpty()) {
                throw new DatasetException(dir + " holds no class folders: put each class's pictures in a folder named after "
                        + "the class (e.g. " + dir.resolve("cats") + ", " + dir.resolve("dogs") + ")");
            }
            return new Layout(dir, classes, entries(dir, classes), List.of(), false);
        }

        /** Keeps a seeded {@link #VALIDATION_SPLIT} of each class for testing: the same seed, the same split. */
        Layout splitSeeded(long seed) {
            Rng rng = new Rng(seed);
            List<Entry> tr = new ArrayList<>(), te = new ArrayList<>();
            for (int k = 0; k < classNames.size(); k++) {
                int label = k;
                List<Entry> of = train.stream().filter(e -> e.label == label).toList();
                int[] order = new int[of.size()];
                for (int i = 0; i < order.length; i++) order[i] = i;
                rng.shuffle(order);
                int nTest = of.size() < 2 ? 0 : Math.max(1, (int) Math.round(of.size() * VALIDATION_SPLIT));
                for (int i = 0; i < order.length; i++) (i < nTest ? te : tr).add(of.get(order[i]));
            }
            return new Layout(root, classNames, tr, te, false);
        }

        int total() {
            return train.size() + test.size();
        }

        Report report(Read train, Read test) {
            int[] trainCounts = new int[classNames.size()], testCounts = new int[classNames.size()];
            if (split) {
                for (float l : train.labels) trainCounts[(int) l]++;
                for (float l : test.labels) testCounts[(int) l]++;
            } else { // the folder as the user sees it: all of a class's pictures together
                for (float l : train.labels) trainCounts[(int) l]++;
                for (float l : test.labels) trainCounts[(int) l]++;
            }
            Map<String, Integer> sizes = new TreeMap<>(train.sizes);
            test.sizes.forEach((s, n) -> sizes.merge(s, n, Integer::sum));
            Map<String, Integer> byCount = new LinkedHashMap<>();
            sizes.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> byCount.put(e.getKey(), e.getValue()));
            List<Skipped> skipped = new ArrayList<>(train.skipped);
            skipped.addAll(test.skipped);
            skipped.sort(Comparator.comparing(Skipped::file));
            return new Report(root, classNames, trainCounts, testCounts, byCount, skipped, split);
        }

        private static String name(Path p) {
            return p.getFileName().toString();
        }

        /** The sub-folders, sorted by name; hidden ones (.git, .thumbnails) left out. */
        private static List<Path> folders(Path dir) throws IOException {
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(Files::isDirectory).filter(p -> !name(p).startsWith(".")).sorted().toList();
            }
        }

        private static List<Entry> entries(Path dir, List<String> classes) throws IOException {
            List<Entry> out = new ArrayList<>();
            for (int k = 0; k < classes.size(); k++) {
                Path classDir = dir.resolve(classes.get(k));
                if (!Files.isDirectory(classDir)) continue;
                try (Stream<Path> s = Files.walk(classDir)) {
                    for (Path f : s.filter(Files::isRegularFile).sorted().toList()) out.add(new Entry(f, k));
                }
            }
            return out;
        }
    }

    /** Decoded pictures (compacted: skipped files leave no gap), or only their sizes when no shape was given. */
    private record Read(Tensor images, float[] labels, Map<String, Integer> sizes, List<Skipped> skipped) {
    }

    /**
     * Decodes {@code entries} on {@link Parallel#THREADS} threads, each into its own slot of one
     * (N, H, W, C) array; skipped files' slots are then closed up.
     */
    private static Read read(List<Entry> entries, Shape input, Listener listener, int doneBefore, int total) throws IOException {
        int n = entries.size();
        int example = input == null ? 0 : input.size();
        float[] pixels = new float[Math.multiplyExact(n, example)]; // (N, H, W, C)
        String[] size = new String[n], failure = new String[n];
        Thread caller = Thread.currentThread();
        AtomicInteger next = new AtomicInteger(), done = new AtomicInteger(doneBefore);
        ExecutorService pool = Executors.newFixedThreadPool(Parallel.THREADS, r -> {
            Thread t = new Thread(r, "image-folder-decode");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < Parallel.THREADS; w++) {
                workers.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < n && !caller.isInterrupted(); ) {
                        try {
                            BufferedImage image = ImageFiles.read(entries.get(i).file);
                            size[i] = image.getWidth() + "×" + image.getHeight();
                            if (input != null) fit(image, input, pixels, i * example);
                        } catch (IOException | RuntimeException e) {
                            failure[i] = reason(e, entries.get(i).file);
                        }
                        if (listener != null) listener.progress(done.incrementAndGet(), total);
                    }
                }));
            }
            for (Future<?> f : workers) f.get();
        } catch (InterruptedException e) {
            caller.interrupt();
        } catch (ExecutionException e) { // only an Error (out of memory) gets here: each file's own failures are caught
            throw new IOException("decoding the pictures failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (caller.isInterrupted()) throw new InterruptedIOException("loading the image folder was cancelled");
        List<Skipped> skipped = new ArrayList<>();
        Map<String, Integer> sizes = new TreeMap<>();
        float[] labels = new float[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (failure[i] != null) {
                skipped.add(new Skipped(entries.get(i).file, failure[i]));
                continue;
            }
            sizes.merge(size[i], 1, Integer::sum);
            if (kept != i) System.arraycopy(pixels, i * example, pixels, kept * example, example);
            labels[kept++] = entries.get(i).label;
        }
        Tensor images = input == null ? null
                : new Tensor(kept == n ? pixels : Arrays.copyOf(pixels, kept * example), input.withBatch(kept));
        return new Read(images, Arrays.copyOf(labels, kept), sizes, skipped);
    }

    /** The message without the path (the report shows the file beside it). */
    private static String reason(Exception e, Path file) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String prefix = file + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /**
     * Writes {@code image} fitted to {@code input} into {@code out} from {@code offset}: the centred crop
     * of the input's aspect ratio, resized, as 1 or 3 channels. Image not modified; {@code out} modified.
     */
    static void fit(BufferedImage image, Shape input, float[] out, int offset) {
        int c = input.dim(2);
        GreyImage.Box box = centreCrop(image.getWidth(), image.getHeight(), input);
        BufferedImage crop = image.getSubimage(box.x(), box.y(), box.width(), box.height());
        float[] src = c == 3 ? Preprocessing.rgbValues(crop) : Preprocessing.grey(crop).values(); // (ch, cw, C)
        float[] fitted = Resampler.resize(src, box.width(), box.height(), c, input.dim(1), input.dim(0)); // (H, W, C)
        System.arraycopy(fitted, 0, out, offset, fitted.length);
    }

    /** As {@link #fit(BufferedImage, Shape, float[], int)} for a grey image and an input (H, W, 1). */
    static void fitGrey(GreyImage image, Shape input, float[] out, int offset) {
        GreyImage fitted = image.crop(centreCrop(image.width(), image.height(), input)).resized(input.dim(1), input.dim(0));
        System.arraycopy(fitted.values(), 0, out, offset, fitted.values().length);
    }

    /** The largest region of the input's aspect ratio (W:H) inside a {@code width × height} picture, centred. */
    private static GreyImage.Box centreCrop(int width, int height, Shape input) {
        int h = input.dim(0), w = input.dim(1);
        int cw = width, ch = height;
        if ((long) width * h > (long) height * w) cw = Math.max(1, (int) Math.round((double) height * w / h));
        else ch = Math.max(1, (int) Math.round((double) width * h / w));
        return new GreyImage.Box((width - cw) / 2, (height - ch) / 2, cw, ch);
    }

    /** The channels a picture becomes for {@code input}, in words. */
    public static String describe(Shape input) {
        return String.format(Locale.ROOT, "%s to %d×%d, %s", FIT, input.dim(1), input.dim(0),
                input.dim(2) == 3 ? "colour (R, G, B)" : "grey");
    }
}
