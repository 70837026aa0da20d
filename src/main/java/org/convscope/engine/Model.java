package org.convscope.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code Model}: layers over a fixed input shape, joined as a directed acyclic graph. Each layer
 * takes its input from named layers (or the model's input); {@link #add(Layer)} takes the last layer
 * added, so a plain stack (Keras' {@code Sequential}, {@link #isSequential()}) is the simple case:
 * <pre>
 *   Model m = new Model(Shape.of(28, 28, 1))
 *       .add(new Conv2D(32, 3, Activation.RELU)) ... ;
 *   m.build(seed);
 *   m.compile(new Adam(1e-3f), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
 *   m.fit(x, y, FitOptions.of(10, 128, seed), listener);
 * </pre>
 * A residual block names its inputs: {@code m.add(new Add(), "add", "conv2d_1", "conv2d")}. Layers are
 * kept in the order they were added, which is a topological order (a layer can only name layers before
 * it); the last one is the output. Shapes are checked as layers are added, so an impossible layer is
 * refused with its reason.
 * A model (its layers' caches) serves one thread at a time; use {@link #copy()} for another.
 */
public final class Model {
    private final Shape inputShape;
    private final List<Layer> layers = new ArrayList<>();
    /** Per layer, the indices of the layers it takes its inputs from; {@link #INPUT} is the model's input. */
    private final List<int[]> inbound = new ArrayList<>();
    /** Per layer, its output shape (known as it is added, before build). */
    private final List<Shape> shapes = new ArrayList<>();
    private final Map<String, Integer> indexByName = new HashMap<>();
    /** The name layers use for the model's input (Keras' {@code InputLayer}). */
    private String inputName = "input_1";
    private String name; // null: Keras' default, "sequential" or "model"
    private static final int INPUT = -1;
    private List<String> classNames = List.of();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private float inputScale = 1;
    private String preprocessing;
    private boolean built;
    private Optimizer optimizer;
    private Loss loss;
    private float[][] backup; // every param's values before the current step, to undo a diverging one
    /** Whether training steps reuse the layers' large tensors ({@link StepTensor}); off only to test against. */
    boolean reuseStepTensors = true;
    /** Whether training steps fuse a first convolution with its pooling ({@link ConvPooling}); off only to test against. */
    boolean fuseConvPooling = true;
    /** For training steps, per layer: the fusion it is part of, as the convolution or as the pooling (null: none). */
    private ConvPooling[] fusions = new ConvPooling[0];
    /** Inputs a core passes through all layers at once in {@link #predict}: few enough that their maps stay in its cache. */
    static final int PREDICT_CHUNK = 8;
    /** Whether training steps split their batch between the cores ({@link #learnOnCores}); off only to test against. */
    boolean splitsSteps = true;
    /** Images a core passes through all layers, forward and backward, at once in {@link #learnOnCores}. */
    static final int STEP_CHUNK = 32;
    /** Copies of this model that {@link #predict} runs on the other cores; made when first needed. */
    private Model[] replicas = new Model[0];

    public Model(Shape inputShape) {
        this.inputShape = inputShape;
    }

    /**
     * Appends a layer on the last one added (on the input for the first), naming it as Keras does
     * ({@code conv2d}, {@code conv2d_1}, ...) unless named.
     * @throws IllegalArgumentException when the layer cannot take the current output shape.
     */
    public Model add(Layer layer) {
        return add(layer, layer.name());
    }

    /**
     * Adds a layer under a given name (as read from a file; null: Keras' default name) on the last one added.
     * @throws IllegalArgumentException when another layer already has that name.
     */
    public Model add(Layer layer, String layerName) {
        return connect(layer, layerName, new int[] {layers.size() - 1});
    }

    /**
     * Adds a layer under a given name (null: Keras' default name) taking its inputs from the named layers, in
     * order; {@link #inputName()} names the model's input. The same name may appear twice ({@code Add()(x, x)}).
     * @throws IllegalArgumentException when a name is taken or unknown, or the layer cannot take those inputs
     */
    public Model add(Layer layer, String layerName, String... inputs) {
        if (inputs.length == 0) throw new IllegalArgumentException("layer " + layerName + " needs at least one input");
        int[] from = new int[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            Integer at = inputs[k].equals(inputName) ? Integer.valueOf(INPUT) : indexByName.get(inputs[k]);
            if (at == null) {
                throw new IllegalArgumentException("layer " + (layerName == null ? layer.className() : layerName) + " takes its input from '"
                        + inputs[k] + "', which is neither the input (" + inputName + ") nor a layer added before it");
            }
            from[k] = at;
        }
        return connect(layer, layerName, from);
    }

    private Model connect(Layer layer, String layerName, int[] from) {
        if (built) throw new IllegalStateException("cannot add layers to a built model");
        if (layerName != null && (indexByName.containsKey(layerName) || layerName.equals(inputName))) {
            throw new IllegalArgumentException("two layers are named '" + layerName + "'");
        }
        List<Shape> in = new ArrayList<>(from.length);
        for (int f : from) in.add(shapeOf(f));
        Shape out = layer.outputShape(in);
        layer.setName(layerName != null ? layerName : uniqueName(Layers.snakeCase(layer.className())));
        indexByName.put(layer.name(), layers.size());
        layers.add(layer);
        inbound.add(from);
        shapes.add(out);
        return this;
    }

    /** The output shape of node {@code i}: a layer's, or the input's for {@link #INPUT}. */
    private Shape shapeOf(int i) {
        return i == INPUT ? inputShape : shapes.get(i);
    }

    /** Keras' naming: {@code dense}, then {@code dense_1}, {@code dense_2}, ... skipping names taken. */
    private String uniqueName(String base) {
        String name = base;
        for (int i = 1; indexByName.containsKey(name) || name.equals(inputName); i++) name = base + "_" + i;
        return name;
    }

    /** The names of the layers (or {@link #inputName()}) that layer {@code layerName} takes its inputs from, in order. */
    public List<String> inputsOf(String layerName) {
        Integer i = indexByName.get(layerName);
        if (i == null) throw new IllegalArgumentException("no layer is named '" + layerName + "'");
        List<String> names = new ArrayList<>();
        for (int f : inbound.get(i)) names.add(f == INPUT ? inputName : layers.get(f).name());
        return names;
    }

    /** The shapes the named layer takes, in the order of {@link #inputsOf}; known before build. */
    public List<Shape> inputShapesOf(String layerName) {
        Integer i = indexByName.get(layerName);
        if (i == null) throw new IllegalArgumentException("no layer is named '" + layerName + "'");
        return inputShapesOf(i);
    }

    /** The output shape of the named layer, or the input shape for {@link #inputName()}; known before build. */
    public Shape outputShapeOf(String name) {
        if (name.equals(inputName)) return inputShape;
        Integer i = indexByName.get(name);
        if (i == null) throw new IllegalArgumentException("no layer is named '" + name + "'");
        return shapes.get(i);
    }

    /** Whether every layer takes the one before it (the first the input): Keras' {@code Sequential}. */
    public boolean isSequential() {
        for (int i = 0; i < inbound.size(); i++) {
            int[] from = inbound.get(i);
            if (from.length != 1 || from[0] != i - 1) return false;
        }
        return true;
    }

    /** What layers call the model's input: {@code input_1} unless set (Keras' {@code InputLayer}). */
    public String inputName() {
        return inputName;
    }

    /** Renames the model's input; only before any layer names it. */
    public Model setInputName(String name) {
        if (!layers.isEmpty()) throw new IllegalStateException("name the input before adding layers");
        this.inputName = name;
        return this;
    }

    /**
     * Creates every layer's parameters, seeded: same seed, same weights.
     * @throws IllegalArgumentException when the model has no layers or a layer other than the last feeds none
     *         (it would not lead to the output)
     */
    public Model build(long seed) {
        if (layers.isEmpty()) throw new IllegalArgumentException("the model has no layers");
        boolean[] used = new boolean[layers.size()];
        for (int[] from : inbound) for (int f : from) if (f != INPUT) used[f] = true;
        for (int i = 0; i < layers.size() - 1; i++) {
            if (!used[i]) {
                throw new IllegalArgumentException("layer " + layers.get(i).name() + " feeds no other layer, so it does not lead to the output ("
                        + layers.get(layers.size() - 1).name() + ")");
            }
        }
        Rng rng = new Rng(seed);
        for (int i = 0; i < layers.size(); i++) layers.get(i).build(inputShapesOf(i), rng.split());
        built = true;
        return this;
    }

    /** The shapes layer i takes, in order. */
    private List<Shape> inputShapesOf(int i) {
        List<Shape> in = new ArrayList<>();
        for (int f : inbound.get(i)) in.add(shapeOf(f));
        return in;
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
        return run(scaleInput(x), training, new Tensor[layers.size()], null);
    }

    /**
     * Layers 0..outs.length−1 in order, each on the outputs of its inbound layers: x (N, input...), not modified,
     * gives the last of them's output; every one's output is left in {@code outs} (modified). With {@code fused}
     * ({@link #fusions}), a fused convolution's output is never made (null in outs): its pooling makes both layers' pass.
     */
    private Tensor run(Tensor x, boolean training, Tensor[] outs, ConvPooling[] fused) {
        for (int i = 0; i < outs.length; i++) {
            int[] from = inbound.get(i);
            ConvPooling fusion = fused == null ? null : fused[i];
            if (fusion != null && fusion.conv == layers.get(i)) {
                outs[i] = null;
            } else if (fusion != null) {
                int convInput = inbound.get(from[0])[0];
                outs[i] = fusion.forward(convInput == INPUT ? x : outs[convInput]);
            } else if (from.length == 1) {
                outs[i] = layers.get(i).forward(from[0] == INPUT ? x : outs[from[0]], training);
            } else {
                List<Tensor> in = new ArrayList<>(from.length);
                for (int f : from) in.add(f == INPUT ? x : outs[f]);
                outs[i] = layers.get(i).forward(in, training);
            }
        }
        return outs[outs.length - 1];
    }

    /** Inference that also returns every layer's output, in layer order (for the feature-map views). */
    public List<Tensor> forwardAll(Tensor x) {
        requireBuilt();
        checkInput(x);
        Tensor[] outs = new Tensor[layers.size()];
        run(scaleInput(x), false, outs, null);
        return Arrays.asList(outs);
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
        Tensor out = Tensor.zeros(outputShape().withBatch(n)); // (N, output...)
        if (n == 0) return out;
        int parts = Math.min(Parallel.THREADS, (n + PREDICT_CHUNK - 1) / PREDICT_CHUNK);
        Model[] workers = workers(parts);
        Tensor in = scaleInput(x); // once, by this model's scale (the replicas may have been made before it was set)
        Parallel.forRange(n, parts, PREDICT_CHUNK, (part, from, to) -> workers[part].predictRange(in, from, to, out));
        return out;
    }

    /** Inputs [from, to) of x through every layer, a chunk at a time, into the same rows of out (modified). */
    private void predictRange(Tensor x, int from, int to, Tensor out) {
        int per = outputShape().size();
        Tensor[] outs = new Tensor[layers.size()];
        for (Layer l : layers) l.reuseBuffers = true;
        try {
            for (int f = from; f < to; f += PREDICT_CHUNK) {
                Tensor t = run(x.slice(f, Math.min(to, f + PREDICT_CHUNK)), false, outs, null);
                System.arraycopy(t.data, 0, out.data, f * per, t.size());
            }
        } finally {
            for (Layer l : layers) l.reuseBuffers = false;
        }
    }

    /** Makes this replica (of {@link #workers}) learn as {@code model} does: the same layers frozen, loss and ways; gradients zero. */
    private void prepareAsReplicaOf(Model model) {
        for (int i = 0; i < layers.size(); i++) layers.get(i).setTrainable(model.layers.get(i).isTrainable());
        for (Param p : trainableParams()) p.zeroGrad();
        loss = model.loss;
        fuseConvPooling = model.fuseConvPooling;
        reuseStepTensors = model.reuseStepTensors;
    }

    /** This model and replicas of it with its current weights, one per part of {@link #predict} or {@link #learnOnCores}. */
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

    // ---- explanations ----------------------------------------------------------------------

    /**
     * One inference up to a scored layer and the gradients of a score s with respect to the outputs of that
     * layer and every layer below it, and to the input.
     * @param outputs the output of layers 0..scored, in layer order (as {@link #forwardAll})
     * @param outputGradients ∂s/∂(output of layer i) for i = 0..scored; the last is the {@code dOut} given
     * @param inputGradient ∂s/∂x for the caller's x (N, input...), the {@link #inputScale()} included
     */
    public record Gradients(List<Tensor> outputs, List<Tensor> outputGradients, Tensor inputGradient) {
    }

    /**
     * Inference (training = false) on x through layers 0..{@code scored} and backpropagation of the score
     * {@code s = Σ dOut ⊙ out}, out being that layer's output: with {@code dOut} one-hot at class k of the last
     * layer, s is that class's score and {@link Gradients#inputGradient()} its saliency. With
     * {@code beforeActivation}, out is instead the scored layer's value before its activation (the logits before
     * a softmax, whose gradients do not vanish when a probability saturates near 1; a filter's response before
     * its ReLU); then the last of the output gradients is ∂s/∂(that value).
     * <p>
     * Dropout is the identity and batch normalization the affine map of its moving statistics, as in any
     * inference; their backward passes differentiate exactly that map. The layers are frozen for the pass
     * (their trainable flags are restored after it), so no parameter gradient is computed or touched and
     * training is not disturbed; the layers' caches are, so use a {@link #copy()} of a model another thread
     * runs. x (N, input...) and dOut (N, output of the scored layer...) not modified.
     */
    public Gradients gradients(Tensor x, int scored, Tensor dOut, boolean beforeActivation) {
        requireBuilt();
        checkInput(x);
        if (scored < 0 || scored >= layers.size()) throw new IndexOutOfBoundsException("no layer " + scored + " in a model of " + layers.size());
        int[] expected = layers.get(scored).outputShape().withBatch(x.batch());
        if (!Arrays.equals(dOut.shape(), expected)) {
            throw new IllegalArgumentException("dOut must have the scored layer's output shape " + Arrays.toString(expected)
                    + " but has " + Arrays.toString(dOut.shape()));
        }
        boolean[] trainable = new boolean[layers.size()];
        for (int i = 0; i < trainable.length; i++) {
            trainable[i] = layers.get(i).isTrainable();
            layers.get(i).setTrainable(false);
        }
        try {
            return backpropagateScore(x, scored, dOut, beforeActivation);
        } finally {
            for (int i = 0; i < trainable.length; i++) layers.get(i).setTrainable(trainable[i]);
        }
    }

    /** {@link #gradients} once the layers are frozen. */
    private Gradients backpropagateScore(Tensor x, int scored, Tensor dOut, boolean beforeActivation) {
        Tensor[] outs = new Tensor[scored + 1]; // layers 0..scored: in layer order, they hold all the scored layer reads
        run(scaleInput(x), false, outs, null);
        Tensor[] outputGradients = new Tensor[scored + 1];
        Tensor dx = backprop(scored, dOut, beforeActivation, true, outputGradients, null);
        for (int i = 0; i < scored; i++) {
            // a branch that does not lead to the scored layer does not move its score
            if (outputGradients[i] == null) outputGradients[i] = Tensor.zeros(outs[i].shape());
        }
        return new Gradients(List.of(outs), List.of(outputGradients), scaleInput(dx)); // x enters as inputScale·x
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
        requireBuilt();
        checkInput(x);
        Tensor in = scaleInput(x);
        Metrics batch = splitsSteps && trainsImageByImage() ? learnOnCores(in, y) : learn(in, y, 0, x.batch(), x.batch());
        double value = batch.loss() + regularizationPenalty();
        if (!Double.isFinite(value)) throw diverged(all, "the loss became " + value);
        for (Param q : trainable) {
            if (q.regularizer != null) q.regularizer.addGradient(q.value, q.grad);
            if (!q.grad.isFinite()) throw diverged(all, "a gradient of " + q.name + " became NaN or infinite");
        }
        optimizer.step(trainable);
        for (Param q : trainable) {
            if (!q.value.isFinite()) throw diverged(all, "a weight of " + q.name + " became NaN or infinite");
        }
        return new Metrics(value, batch.accuracy());
    }

    /** Whether every layer {@link Layer#trainsImageByImage trains image by image}, so a batch may be split. */
    private boolean trainsImageByImage() {
        for (Layer l : layers) if (!l.trainsImageByImage()) return false;
        return true;
    }

    /**
     * Forward and backward passes of images [from, to) of a batch of {@code batch} (x already scaled), adding
     * into the params' gradients those of the batch's mean loss. Returns those images' share of the batch's
     * mean loss (without regularization) and accuracy: the shares of a batch's parts sum to its figures.
     */
    private Metrics learn(Tensor x, Tensor y, int from, int to, int batch) {
        Tensor xs = from == 0 && to == x.batch() ? x : x.slice(from, to);
        Tensor ys = from == 0 && to == y.batch() ? y : y.slice(from, to);
        ConvPooling[] fused = fusions();
        Tensor p = run(xs, true, new Tensor[layers.size()], fused);
        double share = (double) (to - from) / batch;
        Metrics m = new Metrics(loss.value(p, ys) * share, accuracy(p, ys) * share);
        Layer last = layers.get(layers.size() - 1);
        if (loss.isCrossEntropy() && last.activation() == Activation.SOFTMAX) {
            backprop(layers.size() - 1, loss.gradientWrtSoftmaxLogits(p, ys, batch), true, false, null, fused);
        } else {
            backprop(layers.size() - 1, loss.gradient(p, ys, batch), false, false, null, fused);
        }
        return m;
    }

    /**
     * {@link #learn} over the whole batch, as {@link #predict} does inference: each core takes its share of the
     * images and passes {@value #STEP_CHUNK} at a time through every layer, forward then backward, on its own
     * replica of the model, so that the maps stay in its cache; the replicas' gradients are then added into
     * this model's. The same gradients as one pass over the batch up to float rounding (the images' terms sum
     * in another order).
     */
    private Metrics learnOnCores(Tensor x, Tensor y) {
        int n = x.batch();
        int parts = Math.min(Parallel.THREADS, (n + STEP_CHUNK - 1) / STEP_CHUNK);
        Model[] workers = workers(parts);
        for (int w = 1; w < parts; w++) workers[w].prepareAsReplicaOf(this);
        double[] loss = new double[parts], accuracy = new double[parts];
        Parallel.forRange(n, parts, STEP_CHUNK, (part, from, to) -> {
            Model worker = workers[part];
            for (Layer l : worker.layers) l.reuseBuffers = reuseStepTensors;
            try {
                for (int f = from; f < to; f += STEP_CHUNK) {
                    Metrics m = worker.learn(x, y, f, Math.min(to, f + STEP_CHUNK), n);
                    loss[part] += m.loss();
                    accuracy[part] += m.accuracy();
                }
            } finally {
                if (part > 0) for (Layer l : worker.layers) l.reuseBuffers = false;
            }
        });
        List<Param> sums = trainableParams();
        for (int w = 1; w < parts; w++) {
            List<Param> theirs = workers[w].trainableParams();
            for (int i = 0; i < sums.size(); i++) {
                float[] sum = sums.get(i).grad.data, add = theirs.get(i).grad.data;
                for (int k = 0; k < sum.length; k++) sum[k] += add[k];
            }
        }
        double lossSum = 0, accuracySum = 0;
        for (int p = 0; p < parts; p++) {
            lossSum += loss[p];
            accuracySum += accuracy[p];
        }
        return new Metrics(lossSum, accuracySum);
    }

    /**
     * The convolutions a training step fuses with their pooling ({@link ConvPooling}), per layer as in {@link #fusions}:
     * where a max pooling alone reads a convolution that {@link ConvPooling#applies} to, and nothing below that
     * convolution needs a gradient (the fusion makes no ∂L/∂x).
     */
    private ConvPooling[] fusions() {
        int n = layers.size();
        boolean[] needs = needsGradient(false);
        int[] readers = readers();
        ConvPooling[] now = new ConvPooling[n];
        for (int i = 0; i < n; i++) {
            int[] from = inbound.get(i);
            int below = from[0];
            if (fuseConvPooling && from.length == 1 && below != INPUT && readers[below] == 1
                    && ConvPooling.applies(layers.get(below), layers.get(i))
                    && (inbound.get(below)[0] == INPUT || !needs[inbound.get(below)[0]])) {
                boolean kept = i < fusions.length && fusions[i] != null && fusions[i].pool == layers.get(i)
                        && fusions[i].conv == layers.get(below); // with its buffers
                now[i] = now[below] = kept ? fusions[i] : new ConvPooling((Conv2D) layers.get(below), (MaxPooling2D) layers.get(i));
            }
        }
        return fusions = now;
    }

    /** Per layer, whether its output needs a gradient: it or a layer it reads learns, or it reads the input and {@code inputGradient}. */
    private boolean[] needsGradient(boolean inputGradient) {
        boolean[] needs = new boolean[layers.size()];
        for (int i = 0; i < needs.length; i++) {
            needs[i] = layers.get(i).trainableParamCount() > 0;
            for (int f : inbound.get(i)) needs[i] |= f == INPUT ? inputGradient : needs[f];
        }
        return needs;
    }

    /** Per layer, how many layers read its output. */
    private int[] readers() {
        int[] readers = new int[layers.size()];
        for (int[] from : inbound) for (int f : from) if (f != INPUT) readers[f]++;
        return readers;
    }

    /**
     * From ∂L/∂(output of layer {@code top}) of the last forward pass (∂L/∂z before its activation when
     * {@code preActivation}), layers top, top−1, … 0 add (+=) into their parameters' gradients. Where a
     * tensor feeds several layers its gradient is the sum of theirs. Only layers that learn or lie above one
     * that learns are visited (below the lowest learning layer of a frozen base nothing needs a gradient),
     * and a layer computes ∂L/∂input only for inputs that need it. Max pooling over a ReLU layer (or a layer ending
     * in ReLU) that feeds only it hands that layer ∂L/∂z directly ({@link MaxPooling2D#backwardThroughRelu}), unless every gradient is kept.
     * @param kept null, or where ∂L/∂(output of layer i) is kept for i ≤ top (modified; null where none flows)
     * @param fused null, or the training step's {@link #fusions}: a fused pooling's backward pass is its convolution's too
     * @return ∂L/∂(model input) (N, input...) when {@code inputGradient}, else null
     */
    private Tensor backprop(int top, Tensor outputGradient, boolean preActivation, boolean inputGradient, Tensor[] kept,
                            ConvPooling[] fused) {
        int n = layers.size();
        boolean[] needs = needsGradient(inputGradient); // whether layer i's output needs a gradient
        Tensor[] grads = new Tensor[n + 1]; // ∂L/∂(output of layer i); [n]: ∂L/∂(model input)
        boolean[] owned = new boolean[n + 1]; // whether grads[i] is a sum made here (else a layer's, not to be modified)
        boolean[] beforeActivation = new boolean[n]; // whether grads[i] is ∂L/∂z, before layer i's activation
        int[] readers = readers();
        grads[top] = outputGradient;
        beforeActivation[top] = preActivation;
        for (int i = top; i >= 0; i--) {
            if (kept != null) kept[i] = grads[i];
            if (!needs[i] || grads[i] == null) continue;
            Layer layer = layers.get(i);
            int[] from = inbound.get(i);
            if (beforeActivation[i] && i != top) {
                boolean wanted = from[0] == INPUT ? inputGradient : needs[from[0]];
                Tensor d = layer instanceof ActivatedLayer a ? a.backwardFromPreActivation(grads[i], wanted) : layer.backwardFromPreActivation(grads[i]);
                if (wanted) accumulate(grads, owned, from[0] == INPUT ? n : from[0], d);
            } else if (i == top && preActivation) {
                accumulate(grads, owned, from[0] == INPUT ? n : from[0], layer.backwardFromPreActivation(grads[i]));
            } else if (fused != null && fused[i] != null) {
                fused[i].backward(grads[i]); // the pooling's and its convolution's, which then has no gradient to pass on
            } else if (kept == null && layer instanceof MaxPooling2D pool && from[0] != INPUT && needs[from[0]]
                    && readers[from[0]] == 1 && layers.get(from[0]).activation() == Activation.RELU
                    && (layers.get(from[0]) instanceof ActivatedLayer || layers.get(from[0]) instanceof ActivationLayer)) {
                // max pooling over a ReLU layer that feeds only it: both backward passes in one
                grads[from[0]] = pool.backwardThroughRelu(grads[i]);
                beforeActivation[from[0]] = true;
            } else if (from.length == 1) {
                boolean wanted = from[0] == INPUT ? inputGradient : needs[from[0]];
                Tensor d = layer.backward(grads[i], wanted);
                if (wanted) accumulate(grads, owned, from[0] == INPUT ? n : from[0], d);
            } else {
                boolean[] wanted = new boolean[from.length];
                for (int k = 0; k < from.length; k++) wanted[k] = from[k] == INPUT ? inputGradient : needs[from[k]];
                Tensor[] d = layer.backward(grads[i], wanted);
                for (int k = 0; k < from.length; k++) if (wanted[k]) accumulate(grads, owned, from[k] == INPUT ? n : from[k], d[k]);
            }
            grads[i] = null; // no longer needed: let a large gradient go
        }
        return inputGradient ? grads[n] : null;
    }

    /** grads[slot] += g: the first gradient is kept as it is, a second makes a sum owned here. grads, owned modified. */
    private static void accumulate(Tensor[] grads, boolean[] owned, int slot, Tensor g) {
        if (grads[slot] == null) {
            grads[slot] = g;
            return;
        }
        if (!owned[slot]) {
            grads[slot] = grads[slot].copy();
            owned[slot] = true;
        }
        float[] sum = grads[slot].data;
        for (int i = 0; i < sum.length; i++) sum[i] += g.data[i];
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
        boolean graph = !isSequential();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (!built) l.build(inputShapesOf(i), new Rng(0)); // params are needed to count them
            rows.add(new Summary.Row(l.name(), l.className(), shapes.get(i), l.paramCount(), l.paramFormula(), l.isTrainable(),
                    graph ? inputsOf(l.name()) : List.of()));
            total += l.paramCount();
            trainable += l.trainableParamCount();
        }
        return new Summary(name(), inputShape, rows, total, trainable);
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

    /** The last layer's output shape (the input shape while there are no layers). */
    public Shape outputShape() {
        return shapes.isEmpty() ? inputShape : shapes.get(shapes.size() - 1);
    }

    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** The model's name; Keras' defaults unless set: {@code sequential} for a stack, {@code model} for a graph. */
    public String name() {
        return name != null ? name : isSequential() ? "sequential" : "model";
    }

    public Model setName(String name) {
        this.name = name;
        return this;
    }

    /** Names of the output classes (digits, clothing items, ...); "0".."K−1" when none were given. */
    public List<String> classNames() {
        Shape outputShape = outputShape();
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
