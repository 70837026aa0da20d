package org.convscope.data;

import org.convscope.engine.ModelFormatException;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Model;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pretrained models the app ships with, by name: {@code mnist-cnn} (digits) and
 * {@code fashion-cnn} (clothing), both seed-001, and {@code resnet-small-mnist} (digits, the
 * resnet-small graph), stored as {@code models/<name>.convscope} in the {@link Assets}.
 */
public final class Pretrained {
    public static final String MNIST_CNN = "mnist-cnn";
    public static final String FASHION_CNN = "fashion-cnn";
    public static final String RESNET_SMALL_MNIST = "resnet-small-mnist";
    public static final List<String> NAMES = List.of(MNIST_CNN, FASHION_CNN, RESNET_SMALL_MNIST);

    /** Models being loaded ahead of their first {@link #load(String)}, which takes them out. */
    private static final Map<String, CompletableFuture<Model>> PRELOADED = new ConcurrentHashMap<>();

    private Pretrained() {
    }

    public static boolean isName(String name) {
        return NAMES.contains(name);
    }

    /** The asset path of a pretrained model, e.g. {@code models/mnist-cnn.convscope}. */
    public static String assetPath(String name) {
        return "models/" + name + ".convscope";
    }

    /**
     * Starts loading {@code name} from {@link Assets#DEFAULT} on a daemon thread, for the next {@link #load(String)}
     * of it. The app calls this first thing in main(), so the model it opens with is read while JavaFX starts and
     * the window is built (on another core) instead of after the window is shown.
     */
    public static void preload(String name) {
        PRELOADED.computeIfAbsent(name, n -> {
            CompletableFuture<Model> model = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    model.complete(load(n, Assets.DEFAULT));
                } catch (Throwable e) {
                    model.completeExceptionally(e);
                }
            }, "convscope-preload");
            t.setDaemon(true);
            t.start();
            return model;
        });
    }

    /**
     * Loads a pretrained model from {@link Assets#DEFAULT}, or takes it from a {@link #preload} of it (once: a
     * later load reads a fresh copy, as callers may change the model they get).
     */
    public static Model load(String name) throws IOException {
        CompletableFuture<Model> preloaded = PRELOADED.remove(name);
        if (preloaded != null) {
            try {
                return preloaded.join();
            } catch (CompletionException e) {
                // read it again below, which reports the same problem with its own exception type
            }
        }
        return load(name, Assets.DEFAULT);
    }

    /**
     * Loads the pretrained model {@code name} from {@code assets}.
     * @throws ModelFormatException when the name is unknown, the model is not installed, or its file is bad
     */
    public static Model load(String name, Assets assets) throws IOException {
        if (!isName(name)) {
            throw new ModelFormatException("no pretrained model named '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        }
        String path = assetPath(name);
        try (InputStream in = assets.open(path)) {
            if (in == null) {
                throw new ModelFormatException("the pretrained model " + name + " is not installed (looked in "
                        + assets.describe(path) + ")");
            }
            return ModelIO.load(in, assets.source(path));
        }
    }

    /** True when {@code name}'s file is present in {@code assets}. */
    public static boolean isInstalled(String name, Assets assets) throws IOException {
        try (InputStream in = assets.open(assetPath(name))) {
            return in != null;
        }
    }
}
