package org.convscope.cli;

import org.convscope.data.Dataset;
import org.convscope.data.Pretrained;
import org.convscope.engine.Dense;
import org.convscope.engine.Layer;
import org.convscope.engine.Layers;
import org.convscope.engine.ModelIO;
import org.convscope.engine.Presets;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.convscope.engine.Transfer;
import org.convscope.engine.keras.InputRange;
import org.convscope.engine.keras.KerasFiles;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a {@code --model NAME|FILE} argument: a preset name (a fresh model), a pretrained model's
 * name ({@code mnist-cnn}, {@code fashion-cnn}: from the assets folder or the jar), a config file
 * (.json), a model file (.convscope) or a Keras model file (.h5, .keras).
 */
final class ModelArg {
    private ModelArg() {
    }

    static Model open(String arg, long seed) throws IOException {
        return open(arg, seed, null, null);
    }

    /**
     * As {@link #open(String, long)}; a Keras model without a Rescaling layer takes {@code range}'s pixel
     * values, or 0–1 when null, which is then said on {@code notes} (when not null).
     */
    static Model open(String arg, long seed, InputRange range, PrintWriter notes) throws IOException {
        if (Presets.NAMES.contains(arg)) return Presets.create(arg).build(seed);
        if (Pretrained.isName(arg)) return Pretrained.load(arg);
        Path file = Path.of(arg);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no model preset, pretrained model or file named '" + arg + "' (presets: "
                    + String.join(", ", Presets.NAMES) + "; pretrained: " + String.join(", ", Pretrained.NAMES) + ")");
        }
        if (arg.endsWith(".json")) return ModelIO.readConfig(file, seed);
        if (KerasFiles.isKerasFile(file)) {
            Model m = KerasFiles.read(file, range == null ? InputRange.ZERO_TO_ONE : range);
            if (range == null && notes != null && !KerasFiles.inputRangeIsKnown(m)) {
                notes.println("note: " + file.getFileName() + " does not say which pixel values it was trained on; assuming 0-1 "
                        + "(images divided by 255). Give --input-range 0-255 if the notebook fed raw pixels.");
            }
            return m;
        }
        return ModelIO.load(file);
    }

    /**
     * A fresh preset's output layer made to fit {@code classes} (as one writes {@code Dense(num_classes)} in
     * Keras): the last Dense gets {@code classes} units and every layer is built anew with {@code seed}.
     * Any other model, or a preset that fits already, is returned as it is; a note goes to {@code notes}.
     */
    static Model fitPresetToClasses(String arg, Model model, int classes, long seed, PrintWriter notes) {
        if (!Presets.NAMES.contains(arg)) return model;
        List<Layer> layers = model.layers();
        int last = layers.size() - 1;
        while (last >= 0 && !(layers.get(last) instanceof Dense)) last--;
        if (last < 0 || ((Dense) layers.get(last)).units() == classes) return model;
        Dense old = (Dense) layers.get(last);
        List<Layer> head = new ArrayList<>();
        head.add(new Dense(classes, old.activation()));
        for (Layer l : layers.subList(last + 1, layers.size())) head.add(Layers.fromConfig(l.className(), l.config()));
        notes.println("note: " + arg + " ends in Dense(" + old.units() + "); built with Dense(" + classes + ") for the "
                + classes + " classes of the data");
        if (!model.isSequential()) { // a graph: the same layers and connections, the Dense replaced
            Model m = new Model(model.inputShape()).setInputName(model.inputName()).setName(model.name());
            for (Layer l : layers) {
                Layer copy = l == old ? new Dense(classes, old.activation(), old.useBias()) : Layers.fromConfig(l.className(), l.config());
                m.add(copy, l.name(), model.inputsOf(l.name()).toArray(new String[0]));
            }
            return m.build(seed);
        }
        return Transfer.replaceHead(model, last, head, seed, false).setName(model.name());
    }

    /** Refuses a model whose input or number of outputs does not fit the dataset, saying both shapes. */
    static void requireFits(Model model, Dataset data) {
        Shape images = data.trainImages().exampleShape();
        if (!model.inputShape().equals(images)) {
            throw new IllegalArgumentException("the model takes inputs of shape " + model.inputShape().toKeras() + " but "
                    + data.name() + " images are " + images.toKeras());
        }
        Shape out = model.outputShape();
        if (out.rank() != 1 || out.dim(0) != data.classNames().size()) {
            throw new IllegalArgumentException("the model has outputs of shape " + out.toKeras() + " but " + data.name()
                    + " has " + data.classNames().size() + " classes");
        }
    }
}
