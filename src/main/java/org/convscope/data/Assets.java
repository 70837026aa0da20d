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

    public Assets(Path folder) {
        this.folder = folder;
    }

    /** Opens {@code relative} (e.g. {@code models/mnist-cnn.convscope}), or returns null when neither place has it. */
    public InputStream open(String relative) throws IOException {
        Path file = folder.resolve(relative);
        if (Files.isRegularFile(file)) return Files.newInputStream(file);
        return Assets.class.getResourceAsStream("/assets/" + relative);
    }

    /** Where {@code relative} is looked for, for messages. */
    public String describe(String relative) {
        return folder.resolve(relative) + " or the classpath /assets/" + relative;
    }

    /** A name for {@code relative} in messages: its path when it is in the folder, else its classpath name. */
    public String source(String relative) {
        Path file = folder.resolve(relative);
        return Files.isRegularFile(file) ? file.toString() : "classpath:/assets/" + relative;
    }
}
