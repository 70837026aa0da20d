package org.convscope.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files shipped with the app (pretrained models, the bundled dataset): looked up in the
 * {@code assets/} folder first (a checkout, or files a teacher replaced), then inside the jar under
 * {@code /assets/}. Never from the network.
 */
public final class Assets {
    /** {@code ./assets} and the classpath. */
    public static final Assets DEFAULT = new Assets(Path.of("assets"));

    private final Path folder;
    private final boolean classpathFallback;

    /** {@code folder}, then the classpath. */
    public Assets(Path folder) {
        this(folder, true);
    }

    private Assets(Path folder, boolean classpathFallback) {
        this.folder = folder;
        this.classpathFallback = classpathFallback;
    }

    /** Only {@code folder}, never the jar's own files (a test's or a teacher's own set). */
    public static Assets folderOnly(Path folder) {
        return new Assets(folder, false);
    }

    /** Opens {@code relative} (e.g. {@code models/mnist-cnn.convscope}), or returns null when neither place has it. */
    public InputStream open(String relative) throws IOException {
        Path file = folder.resolve(relative);
        if (Files.isRegularFile(file)) return Files.newInputStream(file);
        return classpathFallback ? Assets.class.getResourceAsStream("/assets/" + relative) : null;
    }

    /** Where {@code relative} is looked for, for messages. */
    public String describe(String relative) {
        return folder.resolve(relative) + (classpathFallback ? " or the classpath /assets/" + relative : "");
    }

    /** A name for {@code relative} in messages: its path when it is in the folder, else its classpath name. */
    public String source(String relative) {
        Path file = folder.resolve(relative);
        return Files.isRegularFile(file) ? file.toString() : "classpath:/assets/" + relative;
    }
}
