package org.convscope.cli;

import org.convscope.data.ImageFiles;
import org.convscope.data.ImageFolder;
import org.convscope.data.Preprocessing;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The images a command was given (files, or folders standing for every picture in them), each read and
 * preprocessed for a model as the app does; one that cannot be read gets an error line and the rest go on.
 */
final class ModelImages {
    private ModelImages() {
    }

    /** What a command does with one image: its path and its input (1, model input...). */
    interface Action {
        void accept(Path image, Tensor x) throws IOException;
    }

    /** Runs {@code action} on every readable image, in order. @return how many could not be read */
    static int forEach(List<Path> images, Model model, PrintWriter err, Action action) throws IOException {
        int failures = 0;
        for (Path image : ImageFolder.pictures(images)) {
            Tensor x;
            try {
                x = Preprocessing.forModel(ImageFiles.read(image), model);
            } catch (IOException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                failures++;
                continue;
            }
            action.accept(image, x);
        }
        return failures;
    }

    /** Class k's name, or its number when the model names fewer classes. */
    static String label(List<String> classes, int k) {
        return k < classes.size() ? classes.get(k) : Integer.toString(k);
    }
}
