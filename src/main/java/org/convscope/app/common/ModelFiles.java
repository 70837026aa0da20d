package org.convscope.app.common;

import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.convscope.engine.Model;
import org.convscope.engine.ModelIO;
import org.convscope.engine.export.ModelExport;
import org.convscope.engine.keras.KerasCode;
import org.convscope.engine.keras.KerasFiles;

import java.io.File;
import java.io.IOException;
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

    /**
     * Asks where to export a model for Keras or ONNX, offering {@code <model name>.keras} (the name the "Show as
     * Keras code" cell loads); the chosen filter's extension is added when the name has none. Empty when cancelled.
     */
    public static Optional<Path> chooseExport(Window owner, Model model) {
        return chooseSave(owner, "Export model for Keras or ONNX", KerasCode.exportFileName(model), false);
    }

    /** Asks where to save a model: as a ConvScope model, or exported (.keras, .h5, .onnx) by the file's extension. */
    public static Optional<Path> chooseSaveOrExport(Window owner, String initialName) {
        return chooseSave(owner, "Save the model", initialName, true);
    }

    private static Optional<Path> chooseSave(Window owner, String title, String initialName, boolean withConvScope) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (withConvScope) chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ConvScope model (.convscope)", "*.convscope"));
        for (ModelExport.Format f : ModelExport.Format.values()) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.description, "*" + f.extension));
        }
        chooser.setInitialFileName(initialName);
        File file = chooser.showSaveDialog(owner);
        if (file == null) return Optional.empty();
        String name = file.getName();
        FileChooser.ExtensionFilter chosen = chooser.getSelectedExtensionFilter();
        if (!name.contains(".") && chosen != null) file = new File(file.getParentFile(), name + chosen.getExtensions().get(0).substring(1));
        return Optional.of(file.toPath());
    }

    /**
     * Writes {@code model} (a copy no other thread uses) to {@code file}: a ConvScope model for
     * {@code .convscope}, else exported in the format the extension names ({@link ModelExport}). Runs on the
     * caller's thread, which must not be the FX thread.
     * @return what was written, for the status line
     */
    public static String write(Model model, Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".convscope")) {
            ModelIO.save(model, file);
            return "Saved the model to " + file;
        }
        ModelExport.Format format = ModelExport.write(model, file);
        return "Exported " + file + " (" + format.kind + ")"
                + (format == ModelExport.Format.ONNX ? "" : ": load it with keras.models.load_model(\"" + file.getFileName() + "\")");
    }
}
