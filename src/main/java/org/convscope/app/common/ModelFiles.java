package org.convscope.app.common;

import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.convscope.engine.keras.KerasFiles;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The model files the app opens: its own {@code .convscope} and Keras' {@code .h5} / {@code .keras}. */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** Whether a file (chosen, dropped) is one the app opens as a model rather than as an image. */
    public static boolean isModelFile(Path file) {
        return file.getFileName() != null
                && (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".convscope") || KerasFiles.isKerasFile(file));
    }

    /** Asks for a model file; empty when the user cancels. */
    public static Optional<Path> choose(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open model");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Models (ConvScope, Keras)", "*.convscope", "*.h5", "*.hdf5", "*.keras"),
                new FileChooser.ExtensionFilter("ConvScope model", "*.convscope"),
                new FileChooser.ExtensionFilter("Keras model", "*.h5", "*.hdf5", "*.keras"));
        File file = chooser.showOpenDialog(owner);
        return Optional.ofNullable(file).map(File::toPath);
    }
}
