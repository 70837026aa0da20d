package org.convscope.trace.explain;

import org.convscope.data.ImageFiles;
import org.convscope.data.Preprocessing;
import org.convscope.data.Pretrained;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The pretrained digit model and the sample digits, prepared as the app prepares them. */
final class Digits {
    private Digits() {
    }

    static Model model() {
        try {
            return Pretrained.load(Pretrained.MNIST_CNN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** samples/images/digit-mnist-d.png as the model's input (1, 28, 28, 1). */
    static Tensor digit(Model model, int d) {
        try {
            return Preprocessing.forModel(ImageFiles.read(Path.of("samples", "images", "digit-mnist-" + d + ".png")), model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
