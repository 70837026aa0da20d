package org.convscope.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras' {@code Model}: a stack of layers over a fixed input shape.
 * <pre>
 *   Model m = new Model(Shape.of(28, 28, 1))
 *       .add(new Conv2D(32, 3, Activation.RELU)) ... ;
 *   m.build(seed);
 *   m.compile(new Adam(1e-3f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
 *   m.fit(x, y, FitOptions.of(10, 128, seed), listener);
 * </pre>
 * Shapes are checked as layers are added, so an impossible layer is refused with its reason.
 * A model (its layers' caches) serves one thread at a time; use {@link #copy()} for another.
 */
public final class Model {
    private final Shape inputShape;
    private final List<Layer> layers = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private String name = "sequential";
    private List<String> classNames = List.of();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private float inputScale = 1;
    private String preprocessing;
    private Shape outputShape;
    private boolean built;
    private Optimizer optimizer;
    private Loss loss;
    private float[][] backup; // every param's values before the current step, to undo a diverging one
    /** Whether training steps reuse the layers' large tensors ({@link StepTensor}); off only to test against. */
    boolean reuseStepTensors = true;
    /** Inputs a core passes through all layers at once in {@link #predict}: few enough that their maps stay in its cache. */
    static final int PREDICT_CHUNK = 8;
    /** Copies of this model that {@link #predict} runs on the other cores; made when first needed. */
    private Model[] replicas = new Model[0];

    public Model(Shape inputShape) {
        this.inputShape = inputShape;
        this.outputShape = inputShape;
    }

    /**
     * Appends a layer, naming it as Keras does ({@code conv2d}, {@code conv2d_1}, ...) unless named.
     * @throws IllegalArgumentException when the layer cannot take the current output shape.
     */
    public Model add(Layer layer) {
        if (built) throw new IllegalStateException("cannot add layers to a built model");
        Shape out = layer.outputShape(outputShape);
        if (layer.name() == null) layer.setName(uniqueName(Layers.snakeCase(layer.className())));
        names.add(layer.name());
        layers.add(layer);
        outputShape = out;
        return this;
    }

    /**
     * Adds a layer under a given name (as read from a file).
     * @throws IllegalArgumentException when another layer already has that name.
     */
    public Model add(Layer layer, String layerName) {
        if (names.contains(layerName)) throw new IllegalArgumentException("two layers are named '" + layerName + "'");
        layer.setName(layerName);
        return add(layer);
    }

    /** Keras' naming: {@code dense}, then {@code dense_1}, {@code dense_2}, ... skipping names taken. */
    private String uniqueName(String base) {
        String name = base;
        for (int i = 1; names.contains(name); i++) name = base + "_" + i;
        return name;
    }

    /** Creates every layer's parameters, seeded: same seed, same weights. */
    public Model build(long seed) {
        Rng rng = new Rng(seed);
        Shape in = inputShape;
        for (Layer l : layers) {
            l.build(in, rng.split());
            in = l.outputShape();
        }
        built = true;
        return this;
    }

    public boolean isBuilt() {
        return built;
    }

    public void compile(Optimizer optimizer, Loss loss) {
        this.optimizer = optimizer;
        this.loss = loss;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Loss loss() {
        return loss;
    }

    // ---- inference -------------------------------------------------------------------------

    /** x: (N, input...) → (N, output...). */
    public Tensor forward(Tensor x, boolean training) {
        requireBuilt();
        checkInput(x);
        Tensor t = scaleInput(x);
        for (Layer l : layers) t = l.forward(t, training);
        return t;
    }

    /** Inference that also returns every layer's output, in layer order (for the feature-map views). */
    public List<Tensor> forwardAll(Tensor x) {
        requireBuilt();
        checkInput(x);
        List<Tensor> outs = new ArrayList<>(layers.size());
        Tensor t = scaleInput(x);
        for (Layer l : layers) {
            t = l.forward(t, false);
            outs.add(t);
        }
        return outs;
    }

    /**
     * Inference over many inputs, as fast as this machine allows. Each core takes its share of the inputs and
     * passes {@value #PREDICT_CHUNK} at a time through every layer, so their feature maps stay in that core's
     * cache, on its own replica of the layers (a layer's caches serve one thread); the replicas' weights are
     * refreshed from this model on every call. The same results as {@link #forward} up to float rounding (a
     * product may sum in another order). x: (N, input...) → (N, output...), not modified.
     */
    public Tensor predict(Tensor x) {
        requireBuilt();
        checkInput(x);
        int n = x.batch();
        Tensor out = Tensor.zeros(outputShape.withBatch(n)); // (N, output...)
        if (n == 0) return out;
        int parts = Math.min(Parallel.THREADS, (n + PREDICT_CHUNK - 1) / PREDICT_CHUNK);
        Model[] workers = workers(parts);
        Tensor in = scaleInput(x); // once, by this model's scale (the replicas may have been made before it was set)
        Parallel.forRange(n, parts, PREDICT_CHUNK, (part, from, to) -> workers[part].predictRange(in, from, to, out));
        return out;
    }

    /** Inputs [from, to) of x through every layer, a chunk at a time, into the same rows of out (modified). */
    private void predictRange(Tensor x, int from, int to, Tensor out) {
        int per = outputShape.size();
        for (Layer l : layers) l.reuseBuffers = true;
        try {
            for (int f = from; f < to; f += PREDICT_CHUNK) {
                Tensor t = x.slice(f, Math.min(to, f + PREDICT_CHUNK));
                for (Layer l : layers) t = l.forward(t, false);
                System.arraycopy(t.data, 0, out.data, f * per, t.size());
            }
        } finally {
            for (Layer l : layers) l.reuseBuffers = false;
        }
    }

    /** This model and replicas of it with its current weights, one per part of {@link #predict}. */
    private Model[] workers(int parts) {
        if (replicas.length < parts - 1) {
            Model[] more = Arrays.copyOf(replicas, parts - 1);
            for (int i = replicas.length; i < more.length; i++) more[i] = copy();
            replicas = more;
        }
        Model[] workers = new Model[parts];
        workers[0] = this;
        for (int i = 1; i < parts; i++) {
            workers[i] = replicas[i - 1];
            Param.copyValues(params(), workers[i].params());
        }
        return workers;
    }

    // ---- training --------------------------------------------------------------------------

    /** Loss and accuracy of one batch. */
    public record Metrics(double loss, double accuracy) {
    }

    /**
     * One step of gradient descent on a batch: forward, loss (+ regularization), backward, update.
     * @throws TrainingDivergedException when the loss, a gradient or an updated weight is not finite;
     *         every param (batch-norm statistics too, which the forward pass moves) is then left as
     *         it was before this step.
     */
    public Metrics trainStep(Tensor x, Tensor y) {
        requireCompiled();
        for (Layer l : layers) l.reuseBuffers = reuseStepTensors;
        try {
            return step(x, y);
        } finally {
            for (Layer l : layers) l.reuseBuffers = false;
        }
    }

    private Metrics step(Tensor x, Tensor y) {
        List<Param> all = params();
        List<Param> trainable = trainableParams();
        for (Param p : trainable) p.zeroGrad();
        saveBackup(all);
        Tensor p = forward(x, true);
        double value = loss.value(p, y) + regularizationPenalty();
        if (!Double.isFinite(value)) throw diverged(all, "the loss became " + value);
        backward(p, y);
        for (Param q : trainable) {
            if (q.regularizer != null) q.regularizer.addGradient(q.value, q.grad);
            if (!q.grad.isFinite()) throw diverged(all, "a gradient of " + q.name + " became NaN or infinite");
        }
        optimizer.step(trainable);
        for (Param q : trainable) {
            if (!q.value.isFinite()) throw diverged(all, "a weight of " + q.name + " became NaN or infinite");
        }
        return new Metrics(value, accuracy(p, y));
    }

    /**
     * Backpropagates from the loss down to the lowest layer that has trainable parameters and no
     * further: below it nothing learns (a frozen base in transfer learning), so no gradient is needed
     * there, and that layer itself skips ∂L/∂input.
     */
    private void backward(Tensor p, Tensor y) {
        int lowest = lowestLearningLayer();
        if (lowest < 0) return; // everything is frozen: the step only measures the loss
        int top = layers.size() - 1;
        Layer last = layers.get(top);
        Tensor grad;
        if (loss.isCrossEntropy() && last.activation() == Activation.SOFTMAX) {
            grad = last.backwardFromPreActivation(loss.gradientWrtSoftmaxLogits(p, y));
        } else {
            grad = last.backward(loss.gradient(p, y));
        }
        for (int i = top - 1; i >= lowest; i--) grad = layers.get(i).backward(grad, i > lowest);
    }

    /** Index of the first layer with trainable parameters, or −1 when no layer has any. */
    private int lowestLearningLayer() {
        for (int i = 0; i < layers.size(); i++) if (layers.get(i).trainableParamCount() > 0) return i;
        return -1;
    }

    private void saveBackup(List<Param> params) {
        if (backup == null || backup.length != params.size()) backup = new float[params.size()][];
        for (int i = 0; i < backup.length; i++) {
            float[] v = params.get(i).value.data;
            if (backup[i] == null || backup[i].length != v.length) backup[i] = new float[v.length];
            System.arraycopy(v, 0, backup[i], 0, v.length);
        }
    }

    /** Puts every param back as {@link #saveBackup} found it; returns the exception to throw. */
    private TrainingDivergedException diverged(List<Param> params, String reason) {
        for (int i = 0; i < backup.length; i++) {
            System.arraycopy(backup[i], 0, params.get(i).value.data, 0, backup[i].length);
        }
        return new TrainingDivergedException(reason);
    }

    private double regularizationPenalty() {
        double s = 0;
        for (Param p : trainableParams()) if (p.regularizer != null) s += p.regularizer.penalty(p.value);
        return s;
    }

    /**
     * Keras' {@code fit}: epochs of shuffled mini-batches, with a listener per batch and per epoch,
     * validation after each epoch, and a stop request honoured between batches. Before each epoch the
     * options' schedule sets the optimizer's learning rate; after it, the schedule (reduce on plateau) and
     * early stopping see its logs, in that order, and early stopping may end the run there, restoring the
     * best epoch's weights.
     * @param x (N, input...), not modified
     * @param y (N, K) targets or (N) labels, not modified
     * @throws IllegalArgumentException when the schedule or early stopping monitors validation figures and
     *         there is no validation data
     */
    public History fit(Tensor x, Tensor y, FitOptions options, TrainingListener listener) {
        requireCompiled();
        int n = x.batch();
        if (y.batch() != n) throw new IllegalArgumentException(n + " inputs but " + y.batch() + " targets");
        boolean validates = options.validationX() != null;
        LearningRateSchedule.Scheduler scheduler = options.schedule().start(optimizer.learningRate(), options.epochs(), validates);
        EarlyStopping.Run stopping = options.earlyStopping() == null ? null : options.earlyStopping().start(this, validates);
        Rng rng = new Rng(options.seed());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        int batches = (n + options.batchSize() - 1) / options.batchSize();
        History history = new History();
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            long start = System.nanoTime();
            optimizer.setLearningRate(scheduler.beforeEpoch(epoch, optimizer.learningRate()));
            float lr = optimizer.learningRate();
            if (options.shuffle()) rng.shuffle(order);
            double lossSum = 0, correct = 0;
            int seen = 0;
            for (int b = 0; b < batches; b++) {
                if (options.stopRequested().getAsBoolean()) {
                    history.markStopped();
                    return history;
                }
                int from = b * options.batchSize(), to = Math.min(n, from + options.batchSize());
                Metrics m = trainStep(x.gather(order, from, to), y.gather(order, from, to));
                int size = to - from;
                lossSum += m.loss() * size;
                correct += m.accuracy() * size;
                seen += size;
                listener.onBatchEnd(new TrainingListener.BatchLogs(epoch, options.epochs(), b + 1, batches, seen,
                        lossSum / seen, correct / seen, m.loss(), m.accuracy()));
            }
            Metrics val = validates ? evaluate(options.validationX(), options.validationY(), 256) : new Metrics(Double.NaN, Double.NaN);
            var logs = new TrainingListener.EpochLogs(epoch, options.epochs(), lossSum / seen, correct / seen,
                    val.loss(), val.accuracy(), (System.nanoTime() - start) / 1e9, lr);
            history.add(logs);
            listener.onEpochEnd(logs);
            optimizer.setLearningRate(scheduler.afterEpoch(logs, optimizer.learningRate()));
            if (stopping != null && stopping.afterEpoch(logs)) break;
        }
        if (stopping != null) history.markEarlyStopping(stopping.stoppedEpoch(), stopping.restoreBest());
        return history;
    }

    /** Mean loss and accuracy over (x, y) in inference mode. Requires a loss (compile). */
    public Metrics evaluate(Tensor x, Tensor y, int batchSize) {
        if (loss == null) throw new IllegalStateException("compile the model with a loss before evaluate");
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        int n = x.batch();
        double lossSum = 0, correct = 0;
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            Tensor yb = y.gather(all, from, to);
            Tensor p = predict(x.gather(all, from, to));
            lossSum += loss.value(p, yb) * (to - from);
            correct += accuracy(p, yb) * (to - from);
        }
        return new Metrics(lossSum / n, correct / n);
    }

    /** Fraction of rows whose arg-max matches the label (y (N)) or the target's arg-max (y (N, K)). */
    public static double accuracy(Tensor pred, Tensor y) {
        int n = pred.batch(), k = pred.size() / n;
        boolean sparse = y.size() == n;
        int hits = 0;
        for (int r = 0; r < n; r++) {
            int guess = argmax(pred.data, r * k, k);
            int truth = sparse ? (int) y.data[r] : argmax(y.data, r * k, k);
            if (guess == truth) hits++;
        }
        return (double) hits / n;
    }

    public static int argmax(float[] a, int from, int length) {
        int best = 0;
        for (int j = 1; j < length; j++) if (a[from + j] > a[from + best]) best = j;
        return best;
    }

    // ---- structure -------------------------------------------------------------------------

    public Summary summary() {
        List<Summary.Row> rows = new ArrayList<>();
        long total = 0, trainable = 0;
        Shape in = inputShape;
        for (Layer l : layers) {
            Shape out = l.outputShape(in);
            if (!built) l.build(in, new Rng(0)); // params are needed to count them
            rows.add(new Summary.Row(l.name(), l.className(), out, l.paramCount(), l.paramFormula(), l.isTrainable()));
            total += l.paramCount();
            trainable += l.trainableParamCount();
            in = out;
        }
        return new Summary(name, inputShape, rows, total, trainable);
    }

    /** All parameters of all layers, in layer order (the saved order). */
    public List<Param> params() {
        List<Param> ps = new ArrayList<>();
        for (Layer l : layers) ps.addAll(l.params());
        return ps;
    }

    /** The parameters an optimizer may update: trainable params of trainable layers. */
    public List<Param> trainableParams() {
        List<Param> ps = new ArrayList<>();
        for (Layer l : layers) {
            if (!l.isTrainable()) continue;
            for (Param p : l.params()) if (p.trainable) ps.add(p);
        }
        return ps;
    }

    /** An independent deep copy (same layers, names and weights; no optimizer state). */
    public Model copy() {
        try {
            return ModelIO.fromJson(ModelIO.toJson(this), "copy", ModelIO.weightsOf(this));
        } catch (ModelFormatException e) {
            throw new IllegalStateException("a model could not be copied: " + e.getMessage(), e);
        }
    }

    public Shape inputShape() {
        return inputShape;
    }

    public Shape outputShape() {
        return outputShape;
    }

    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    public String name() {
        return name;
    }

    public Model setName(String name) {
        this.name = name;
        return this;
    }

    /** Names of the output classes (digits, clothing items, ...); "0".."K−1" when none were given. */
    public List<String> classNames() {
        if (!classNames.isEmpty() || outputShape.rank() != 1) return classNames;
        List<String> digits = new ArrayList<>();
        for (int i = 0; i < outputShape.dim(0); i++) digits.add(Integer.toString(i));
        return digits;
    }

    public Model setClassNames(List<String> names) {
        this.classNames = List.copyOf(names);
        return this;
    }

    /**
     * What the first layer takes for ConvScope's pixel values: ConvScope feeds every model images in
     * 0–1 (0 black, 1 white ink); a model trained on 0–255 pixels (a Keras model opening with
     * {@code Rescaling(1/255)}, or a notebook that never divided by 255) has input scale 255, and
     * {@link #forward} and {@link #forwardAll} multiply their input by it before the first layer. So every
     * caller (drawing, feature maps, training, evaluate, predict) keeps feeding 0–1 images. Saved with
     * the model; 1 for models made in ConvScope.
     */
    public float inputScale() {
        return inputScale;
    }

    /** Sets {@link #inputScale()}: a finite value &gt; 0 (1 or 255 in practice). */
    public Model setInputScale(float scale) {
        if (!(scale > 0) || !Float.isFinite(scale)) throw new IllegalArgumentException("input scale must be finite and > 0, got " + scale);
        this.inputScale = scale;
        return this;
    }

    /** x as the first layer takes it: {@code inputScale·x} (x itself when the scale is 1). x not modified. */
    public Tensor scaleInput(Tensor x) {
        if (inputScale == 1) return x;
        Tensor t = Tensor.zeros(x.shape()); // (N, input...)
        for (int i = 0; i < t.data.length; i++) t.data[i] = inputScale * x.data[i];
        return t;
    }

    /**
     * How a drawing or a picture is made into this model's input (polarity, centring, scaling), as the
     * spec {@code org.convscope.data.InputStyle} reads ({@code "mnist"}, {@code "picture"}, ...); null
     * when not set, then the style follows from the input shape and class names. Saved with the model.
     */
    public String preprocessing() {
        return preprocessing;
    }

    /** Sets {@link #preprocessing()}; null for the default. */
    public Model setPreprocessing(String spec) {
        this.preprocessing = spec;
        return this;
    }

    /** Free-form facts saved with the model: dataset, test accuracy, the command that trained it. */
    public Map<String, String> metadata() {
        return metadata;
    }

    private void requireBuilt() {
        if (!built) throw new IllegalStateException("build the model (build(seed)) before using it");
    }

    private void requireCompiled() {
        requireBuilt();
        if (optimizer == null || loss == null) throw new IllegalStateException("compile the model before training");
    }

    private void checkInput(Tensor x) {
        if (!x.exampleShape().equals(inputShape)) {
            throw new IllegalArgumentException("the model expects inputs of shape " + inputShape + " but got " + x.exampleShape());
        }
    }
}
