package org.convscope.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Transfer learning as the Keras tutorials do it: keep a pretrained model's convolutional base,
 * put a new classifier head on it, and either freeze the base (feature extraction) or train it too
 * (fine-tuning). Models are assembled from layer configs, so the pretrained model is never modified.
 */
public final class Transfer {
    private Transfer() {
    }

    /**
     * A new model: the first {@code baseLayers} layers of {@code pretrained} (same configs and names)
     * followed by {@code head}, built with {@code seed}. With {@code pretrainedWeights} the base takes a
     * copy of the pretrained weights, else its weights are fresh too (the "from scratch" comparison).
     * Every layer is trainable; freeze the base with {@link #freeze}. {@code pretrained} not modified;
     * {@code head}'s layers become part of the result (pass new, unbuilt layers).
     * @throws IllegalArgumentException when the head does not fit on the base's output
     */
    public static Model replaceHead(Model pretrained, int baseLayers, List<Layer> head, long seed,
                                         boolean pretrainedWeights) {
        if (!pretrained.isSequential()) {
            throw new IllegalArgumentException(pretrained.name() + " is a graph of layers; transfer learning here keeps the base of a plain stack");
        }
        List<Layer> layers = pretrained.layers();
        if (baseLayers < 0 || baseLayers > layers.size()) {
            throw new IllegalArgumentException("the model has " + layers.size() + " layers, cannot keep " + baseLayers);
        }
        Model m = new Model(pretrained.inputShape()).setName(pretrained.name() + "_transfer");
        for (Layer l : layers.subList(0, baseLayers)) m.add(Layers.fromConfig(l.className(), l.config()), l.name());
        for (Layer l : head) m.add(l);
        m.build(seed);
        if (pretrainedWeights) copyWeights(pretrained, 0, m, 0, baseLayers);
        return m;
    }

    /**
     * The first {@code layers} layers of {@code model} as a model of their own, with copies of their
     * weights: the base whose output ("features") a new head learns from. Not modified.
     */
    public static Model base(Model model, int layers) {
        return replaceHead(model, layers, List.of(), 0, true);
    }

    /**
     * {@code base} followed by {@code head}, whose input shape must be the base's output shape: both
     * parts' configs, names (renamed when they clash), weights and trainable flags. Neither is modified.
     * @throws IllegalArgumentException when the head's input is not the base's output
     */
    public static Model stack(Model base, Model head) {
        if (!base.isSequential() || !head.isSequential()) {
            throw new IllegalArgumentException("only plain stacks of layers can be stacked; " + (base.isSequential() ? head : base).name() + " is a graph");
        }
        if (!head.inputShape().equals(base.outputShape())) {
            throw new IllegalArgumentException("the head takes " + head.inputShape() + " but the base gives " + base.outputShape());
        }
        Model m = new Model(base.inputShape()).setName(head.name());
        int nBase = base.layers().size(), nHead = head.layers().size();
        for (Layer l : base.layers()) m.add(Layers.fromConfig(l.className(), l.config()), l.name());
        for (Layer l : head.layers()) {
            Layer copy = Layers.fromConfig(l.className(), l.config());
            boolean taken = m.layers().stream().anyMatch(k -> k.name().equals(l.name()));
            if (taken) m.add(copy); else m.add(copy, l.name());
        }
        m.build(0);
        copyWeights(base, 0, m, 0, nBase);
        copyWeights(head, 0, m, nBase, nHead);
        for (int i = 0; i < nBase + nHead; i++) {
            Layer from = i < nBase ? base.layers().get(i) : head.layers().get(i - nBase);
            m.layers().get(i).setTrainable(from.isTrainable());
        }
        m.setClassNames(head.classNames());
        m.metadata().putAll(head.metadata());
        return m;
    }

    /** Marks the first {@code layers} layers of {@code model} frozen (not trainable). Model modified. */
    public static void freeze(Model model, int layers) {
        for (Layer l : model.layers().subList(0, layers)) l.setTrainable(false);
    }

    /**
     * Starts {@code to} from {@code from}'s weights wherever the two still agree, for training a changed copy of a
     * model: their layers with weights are paired in order; a layer of {@code to} whose class differs from the next
     * unpaired one of {@code from} (one added, e.g. a batch normalization) is passed over; a pair of one class takes
     * {@code from}'s values when every parameter has the same shape (else it keeps its own: the layer was resized).
     * The input scale is taken too. {@code from} not modified; {@code to}'s params modified.
     * @return how many of {@code to}'s layers with weights took {@code from}'s
     */
    public static int copyMatchingWeights(Model from, Model to) {
        List<Layer> source = from.layers().stream().filter(l -> !l.params().isEmpty()).toList();
        int next = 0, copied = 0;
        for (Layer target : to.layers()) {
            if (target.params().isEmpty() || next == source.size()) continue;
            Layer s = source.get(next);
            if (!s.className().equals(target.className())) continue;
            next++;
            List<Param> src = s.params(), dst = target.params();
            boolean same = src.size() == dst.size();
            for (int j = 0; same && j < src.size(); j++) same = Arrays.equals(src.get(j).value.shape(), dst.get(j).value.shape());
            if (!same) continue;
            Param.copyValues(src, dst);
            copied++;
        }
        to.setInputScale(from.inputScale());
        return copied;
    }

    /**
     * Copies the parameter values of {@code count} layers of {@code from} starting at {@code fromIndex}
     * onto those of {@code to} starting at {@code toIndex}; the layers must have the same configs.
     * {@code from} not modified; {@code to}'s params modified.
     */
    static void copyWeights(Model from, int fromIndex, Model to, int toIndex, int count) {
        for (int i = 0; i < count; i++) Param.copyValues(from.layers().get(fromIndex + i).params(), to.layers().get(toIndex + i).params());
    }
}
