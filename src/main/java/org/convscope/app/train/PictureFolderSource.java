package org.convscope.app.train;

import org.convscope.data.Dataset;
import org.convscope.data.DatasetException;
import org.convscope.data.ImageFolder;
import org.convscope.engine.Shape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * A folder of one's own pictures, one sub-folder per class ({@link ImageFolder}), read at a size the
 * user picks: "Picture folder…" in the training view's data menu. Methods that do I/O run off the FX thread.
 */
public final class PictureFolderSource implements DatasetSource {
    /** The sizes offered: the inputs of the seed models (seed-004, the MNIST models, seed-000) and one more colour size. */
    public static final List<Shape> SIZES = List.of(Shape.of(32, 32, 3), Shape.of(28, 28, 1), Shape.of(64, 64, 3),
            Shape.of(100, 100, 1));
    private volatile Path folder;
    private volatile Shape input = SIZES.get(0);

    @Override
    public String name() {
        return "Picture folder…";
    }

    @Override
    public boolean isAvailable() {
        return folder != null;
    }

    @Override
    public boolean needsFolder() {
        return true;
    }

    /** The model input the pictures are fitted to, (H, W, 1) or (H, W, 3); used from the next load on. */
    public void setInput(Shape input) {
        this.input = input;
    }

    public Shape input() {
        return input;
    }

    @Override
    public Dataset load() throws IOException {
        return load(p -> { });
    }

    @Override
    public Dataset load(DoubleConsumer progress) throws IOException {
        Path dir = folder;
        if (dir == null) throw new DatasetException("no picture folder is chosen yet");
        ImageFolder.Loaded loaded = ImageFolder.load(dir, input, 1, (done, total) -> progress.accept((double) done / total));
        int skipped = loaded.report().skipped().size();
        Dataset d = loaded.dataset();
        String name = d.name() + " (" + ImageFolder.describe(input)
                + (skipped == 0 ? "" : "; " + skipped + " file" + (skipped == 1 ? "" : "s") + " skipped: datasets --verify lists them") + ")";
        return new Dataset(name, d.trainImages(), d.trainLabels(), d.testImages(), d.testLabels(), d.classNames());
    }

    @Override
    public void useFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new DatasetException(dir + " is not a folder");
        folder = dir;
    }

    @Override
    public String toString() {
        return name();
    }
}
