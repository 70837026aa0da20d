package org.convscope.app.transfer;

import org.convscope.app.train.Augmenter;
import org.convscope.engine.Activation;
import org.convscope.engine.Adam;
import org.convscope.engine.Dense;
import org.convscope.engine.FitOptions;
import org.convscope.engine.History;
import org.convscope.engine.Loss;
import org.convscope.engine.Rng;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.convscope.engine.Transfer;
import org.convscope.engine.TrainingListener;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Lesson 2, "teach new classes by drawing": a handful of drawings per class teach a new head on the
 * pretrained digit network's frozen convolutional base (feature extraction). Because the base never
 * changes, its features are computed once — for every drawing and a few randomly shifted and rotated
 * copies of it, so ten drawings go further — and only the small head trains, which takes seconds.
 * Pure (no JavaFX).
 */
public final class DrawnClasses {
    public static final int MIN_CLASSES = 2, MAX_CLASSES = 6;

    /**
     * @param copiesPerExample augmented copies of each drawing, besides the drawing itself
     */
    public record Settings(int copiesPerExample, int epochs, int batchSize, float learningRate, long seed) {
        /** 15 copies each, 15 epochs of batches of 32, Adam 10⁻³. */
        public static Settings defaults() {
            return new Settings(15, 15, 32, 1e-3f, 1);
        }
    }

    /** The trained model (base frozen, new head, the classes' names) and how it did on its own training images. */
    public record Result(Model model, int images, double trainingAccuracy, double seconds) {
    }

    private DrawnClasses() {
    }

    /**
     * Trains a head for {@code classNames.size()} classes on {@code pretrained}'s convolutional base.
     * @param examples examples.get(k): the drawings of class k, each (1, H, W, C) as the model takes it; not modified
     * @return null when {@code stop} asked to stop
     * @throws IllegalArgumentException with a message for the user when there are too few classes or drawings
     */
    public static Result train(Model pretrained, List<String> classNames, List<List<Tensor>> examples, Settings settings,
                               BooleanSupplier stop) {
        long start = System.nanoTime();
        String problem = problem(classNames, examples.stream().map(List::size).toList());
        if (problem != null) throw new IllegalArgumentException(problem);
        List<String> names = classNames.stream().map(String::strip).toList();
        int baseLayers = TransferComparison.baseLayers(pretrained);
        Model base = Transfer.base(pretrained, baseLayers);
        Transfer.freeze(base, baseLayers);

        int total = examples.stream().mapToInt(List::size).sum(), copies = settings.copiesPerExample() + 1;
        Tensor drawings = Tensor.zeros(pretrained.inputShape().withBatch(total)); // (N, H, W, C)
        Tensor labels = Tensor.zeros(total * copies); // (N·copies)
        int per = pretrained.inputShape().size(), at = 0;
        for (int k = 0; k < examples.size(); k++) {
            for (Tensor t : examples.get(k)) {
                System.arraycopy(t.data, 0, drawings.data, at * per, per);
                for (int c = 0; c < copies; c++) labels.data[c * total + at] = k;
                at++;
            }
        }
        Rng rng = new Rng(settings.seed());
        Augmenter augmenter = Augmenter.digits();
        Tensor images = Tensor.zeros(pretrained.inputShape().withBatch(total * copies)); // (N·copies, H, W, C)
        System.arraycopy(drawings.data, 0, images.data, 0, drawings.size());
        for (int c = 1; c < copies; c++) {
            Tensor moved = augmenter.augment(drawings, rng);
            System.arraycopy(moved.data, 0, images.data, c * drawings.size(), drawings.size());
        }
        Tensor features = base.predict(images); // (N·copies, F): the frozen base's output, computed once

        Model head = new Model(base.outputShape())
                .add(new Dense(TransferComparison.Settings.HEAD_UNITS, Activation.RELU))
                .add(new Dense(names.size(), Activation.SOFTMAX))
                .build(settings.seed())
                .setName(String.join("-", names).toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}-]+", "_"))
                .setClassNames(names);
        head.compile(new Adam(settings.learningRate()), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        History h = head.fit(features, labels, FitOptions.of(settings.epochs(), settings.batchSize(), settings.seed()).withStop(stop),
                TrainingListener.NONE);
        if (h.stopped()) return null;
        double accuracy = head.evaluate(features, labels, 256).accuracy();
        head.metadata().put("dataset", String.format(java.util.Locale.ROOT, "%d drawings of %s", total, String.join(", ", names)));
        head.metadata().put("transfer", "feature extraction on the frozen base of " + pretrained.name());
        return new Result(Transfer.stack(base, head), total * copies, accuracy, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Why these classes cannot be trained yet, in words for the user, or null when they can: 2–6 classes,
     * distinct non-blank names, and at least 2 drawings of each.
     */
    public static String problem(List<String> names, List<Integer> counts) {
        if (names.size() < MIN_CLASSES || names.size() > MAX_CLASSES) {
            return "Name between " + MIN_CLASSES + " and " + MAX_CLASSES + " classes.";
        }
        List<String> clean = names.stream().map(String::strip).toList();
        for (int k = 0; k < clean.size(); k++) {
            if (clean.get(k).isEmpty()) return "Class " + (k + 1) + " has no name.";
            if (clean.indexOf(clean.get(k)) != k) return "Two classes are named '" + clean.get(k) + "'.";
            if (counts.get(k) < 2) return "Draw at least 2 examples of " + clean.get(k) + " (10 is better).";
        }
        return null;
    }
}
