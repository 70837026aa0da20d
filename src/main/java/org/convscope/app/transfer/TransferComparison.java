package org.convscope.app.transfer;

import org.convscope.data.Dataset;
import org.convscope.data.Subsets;
import org.convscope.engine.Activation;
import org.convscope.engine.Adam;
import org.convscope.engine.Dense;
import org.convscope.engine.FitOptions;
import org.convscope.engine.Flatten;
import org.convscope.engine.History;
import org.convscope.engine.Layer;
import org.convscope.engine.Loss;
import org.convscope.engine.Model;
import org.convscope.engine.Transfer;
import org.convscope.engine.TrainingListener;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Lesson 1, "digits → clothes": a pretrained digit network's convolutional base (every layer up to
 * and including its Flatten) gets a new head — Dense(64, relu), Dense(classes, softmax) — and learns a
 * small sample of another dataset three ways, on the same images in the same order, with the same
 * initial head:
 * <ul>
 *   <li>from scratch: the same architecture with every weight random;</li>
 *   <li>feature extraction: the pretrained base frozen, only the head learns;</li>
 *   <li>fine-tuning: the pretrained base and the head both learn.</li>
 * </ul>
 * All three use the same learning rate. Keras' recipe fine-tunes at a lower rate once the head has
 * been trained; with a fresh head, fine-tuning at a tenfold lower rate (10⁻⁴) learnt slower when the
 * rate was chosen: 76.1 % against 78.7 % after 10 epochs on 500 images, mean of seeds 1–3.
 * The three train in turn, one epoch each, so their curves grow side by side. Pure (no JavaFX): the
 * Transfer view runs it in a Task, the {@code transfer} command prints it.
 */
public final class TransferComparison {

    public enum Way {
        FROM_SCRATCH("From scratch"),
        FEATURE_EXTRACTION("Feature extraction"),
        FINE_TUNING("Fine-tuning");

        public final String label;

        Way(String label) {
            this.label = label;
        }
    }

    /** @param trainImages how many training images of the sample, a multiple of the classes */
    public record Settings(int trainImages, int epochs, int batchSize, float learningRate, long seed) {
        public static final int HEAD_UNITS = 64;

        public Settings {
            if (trainImages < 1 || epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("images, epochs and batch size must be ≥ 1");
            }
        }

        /** The lesson's defaults: 500 images, 10 epochs of batches of 32, Adam 10⁻³. */
        public static Settings defaults() {
            return new Settings(500, 10, 32, 1e-3f, 1);
        }

        public Settings withTrainImages(int n) {
            return new Settings(n, epochs, batchSize, learningRate, seed);
        }

        public Settings withEpochs(int n) {
            return new Settings(trainImages, n, batchSize, learningRate, seed);
        }

        public Settings withSeed(long s) {
            return new Settings(trainImages, epochs, batchSize, learningRate, s);
        }
    }

    /** The test accuracy of one way after {@code epoch} epochs (0: before training), and the epoch's training loss. */
    public record Point(Way way, int epoch, double testAccuracy, double trainLoss, double seconds) {
    }

    private final Settings settings;
    private final Dataset sample;
    private final int baseLayers;
    private final Map<Way, Model> models = new EnumMap<>(Way.class);

    /**
     * @param pretrained the model whose base is reused; not modified
     * @param data       the new task; its first {@code settings.trainImages()} are taken as a stratified sample
     * @throws IllegalArgumentException when the pretrained model has no Flatten, its input does not match
     *                                  the data's images, or the sample size does not divide into the classes
     */
    public TransferComparison(Model pretrained, Dataset data, Settings settings) {
        if (!pretrained.inputShape().equals(data.trainImages().exampleShape())) {
            throw new IllegalArgumentException("the pretrained model takes " + pretrained.inputShape().toKeras() + " but "
                    + data.name() + " images are " + data.trainImages().exampleShape().toKeras());
        }
        this.settings = settings;
        this.baseLayers = baseLayers(pretrained);
        this.sample = settings.trainImages() == data.trainImages().batch() ? data
                : Subsets.stratified(data, settings.trainImages(), data.testImages().batch(), settings.seed());
        int classes = data.classNames().size();
        for (Way way : Way.values()) {
            // same seed: the three heads start from the same random weights
            Model m = Transfer.replaceHead(pretrained, baseLayers, head(classes), settings.seed(), way != Way.FROM_SCRATCH);
            if (way == Way.FEATURE_EXTRACTION) Transfer.freeze(m, baseLayers);
            m.setName(way.name().toLowerCase(java.util.Locale.ROOT)).setClassNames(data.classNames());
            m.compile(new Adam(settings.learningRate()), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
            models.put(way, m);
        }
    }

    /** The number of layers of the convolutional base: up to and including the last Flatten. */
    public static int baseLayers(Model model) {
        List<Layer> layers = model.layers();
        for (int i = layers.size() - 1; i >= 0; i--) if (layers.get(i) instanceof Flatten) return i + 1;
        throw new IllegalArgumentException("the model '" + model.name() + "' has no Flatten layer, so it has no convolutional base to reuse");
    }

    /** The new classifier head: fresh, unbuilt layers. */
    static List<Layer> head(int classes) {
        return List.of(new Dense(Settings.HEAD_UNITS, Activation.RELU), new Dense(classes, Activation.SOFTMAX));
    }

    /**
     * Evaluates the three untrained models, then trains them in turn, one epoch each, for the set number
     * of epochs; every result goes to {@code onPoint} as it comes (on this thread). Stops between epochs
     * when {@code stop} says so.
     * @return every point, in the order they were made
     */
    public List<Point> run(Consumer<Point> onPoint, BooleanSupplier stop) {
        List<Point> points = new ArrayList<>();
        for (Way way : Way.values()) {
            Point p = new Point(way, 0, models.get(way).evaluate(sample.testImages(), sample.testLabels(), 256).accuracy(), Double.NaN, 0);
            points.add(p);
            onPoint.accept(p);
        }
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            for (Way way : Way.values()) {
                if (stop.getAsBoolean()) return points;
                Point p = trainEpoch(way, epoch, stop);
                if (p == null) return points;
                points.add(p);
                onPoint.accept(p);
            }
        }
        return points;
    }

    /** One epoch of {@code way}; the batches' order depends only on the seed and the epoch. Null when stopped. */
    private Point trainEpoch(Way way, int epoch, BooleanSupplier stop) {
        FitOptions options = FitOptions.of(1, settings.batchSize(), settings.seed() * 1000 + epoch)
                .withValidation(sample.testImages(), sample.testLabels()).withStop(stop);
        History h = models.get(way).fit(sample.trainImages(), sample.trainLabels(), options, TrainingListener.NONE);
        if (h.stopped() || h.epochs().isEmpty()) return null;
        var logs = h.last();
        return new Point(way, epoch, logs.valAccuracy(), logs.loss(), logs.seconds());
    }

    public Model model(Way way) {
        return models.get(way);
    }

    public int baseLayers() {
        return baseLayers;
    }

    public Settings settings() {
        return settings;
    }

    /** The images actually trained on and tested with. */
    public Dataset sample() {
        return sample;
    }
}
