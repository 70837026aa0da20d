package org.convscope.engine.export;

import org.convscope.engine.Model;
import org.convscope.engine.keras.InputRange;
import org.convscope.engine.keras.KerasExport;
import org.convscope.engine.keras.KerasFiles;
import org.convscope.engine.onnx.OnnxExport;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * Saves a model for other tools, in the format its file name says: {@code .keras} (Keras 3),
 * {@code .h5} (Keras 2's HDF5, which Keras 3 reads too) or {@code .onnx}. The file is written beside its
 * destination under a temporary name and renamed when complete, so a refused model, a full disk or a
 * crash never leaves a half-written file, and an existing file stays as it was until then. A Keras file
 * is read back by ConvScope's importer before it is renamed.
 */
public final class ModelExport {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private ModelExport() {
    }

    /**
     * Reads a written Keras file back with ConvScope's importer before it takes the target's name: the HDF5
     * writer (jhdf 0.9.4) has been seen to write damaged headers in layouts it does not expect.
     */
    private static void readsBack(Path part, Path target) throws ExportException {
        try {
            KerasFiles.read(part, InputRange.ZERO_TO_ONE);
        } catch (IOException e) {
            throw new ExportException(target.getFileName() + ": the file written does not read back, so it was not kept ("
                    + e.getMessage() + ")", e);
        }
    }

    /** The formats, by file extension. */
    public enum Format {
        KERAS(".keras", "Keras 3"),
        H5(".h5", "Keras HDF5"),
        ONNX(".onnx", "ONNX");

        public final String extension;
        /** The format's short name ("Keras 3"). */
        public final String kind;
        /** "Keras 3 model (.keras)", for file choosers. */
        public final String description;

        Format(String extension, String kind) {
            this.extension = extension;
            this.kind = kind;
            this.description = kind + " model (" + extension + ")";
        }

        /** The format {@code file}'s extension names. */
        public static Format of(Path file) throws ExportException {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Format f : values()) if (name.endsWith(f.extension)) return f;
            throw new ExportException(file.getFileName() + ": the file name must end in "
                    + String.join(", ", Arrays.stream(values()).map(f -> f.extension).toList()) + " (the format is chosen by it)");
        }
    }

    /**
     * Writes the built {@code model} to {@code file} in the format of its extension. Not modified.
     * @throws ExportException when the extension names no format, a layer has no equivalent in the
     *         format (the message names it), or the file cannot be written; {@code file} is then untouched
     */
    public static Format write(Model model, Path file) throws IOException {
        Format format = Format.of(file);
        if (!model.isBuilt()) throw new ExportException("the model has no weights yet (it is not built)");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) throw new ExportException(file + ": no such folder " + dir);
        // created as any new file is (the user's umask), not as createTempFile's owner-only file: the export is to share
        Path part = Files.createFile(dir.resolve("." + target.getFileName() + "-" + Long.toHexString(RANDOM.nextLong()) + ".part"));
        try {
            switch (format) {
                case KERAS -> KerasExport.writeKeras(model, part);
                case H5 -> KerasExport.writeH5(model, part);
                case ONNX -> OnnxExport.write(model, part);
            }
            if (format != Format.ONNX) readsBack(part, target);
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return format;
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
