package org.convscope.app.train;

import org.convscope.data.Dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.DoubleConsumer;

/**
 * A dataset the training view offers, whether or not it is on this computer yet. Methods that do
 * I/O are called off the FX thread.
 */
public interface DatasetSource {

    /** The name in the data menu, e.g. "MNIST". */
    String name();

    /** True when {@link #load()} can run without a download. */
    boolean isAvailable();

    /** Reads the dataset. @throws IOException with a message a user can act on */
    Dataset load() throws IOException;

    /** Reads the dataset, reporting progress 0..1 (from a worker thread) where it can. */
    default Dataset load(DoubleConsumer progress) throws IOException {
        return load();
    }

    /** True when the dataset is whatever folder the user chooses (a folder of pictures), so choosing one comes first. */
    default boolean needsFolder() {
        return false;
    }

    /** True when {@link #download} can fetch the files (the bundled set is always there). */
    default boolean canDownload() {
        return false;
    }

    /** Fetches the files into the user's cache, reporting progress 0..1. */
    default void download(DoubleConsumer progress) throws IOException {
        throw new IOException(name() + " cannot be downloaded");
    }

    /** Uses the files in {@code folder} from now on. @throws IOException when they are not there */
    default void useFolder(Path folder) throws IOException {
        throw new IOException(name() + " cannot be read from a folder");
    }
}
