package org.convscope.engine;

import java.util.List;

/**
 * A learnable (or stored) array of a layer and its gradient. Optimizers see only params.
 * {@code trainable=false} params (batch-norm moving statistics) are saved but never updated by an
 * optimizer and have no gradient.
 */
public final class Param {
    public final String name;
    public final Tensor value;
    public final Tensor grad;
    public final boolean trainable;
    /** Optional penalty added to the loss (Keras' kernel_regularizer); may be null. */
    public final Regularizer regularizer;

    public Param(String name, Tensor value, boolean trainable, Regularizer regularizer) {
        this.name = name;
        this.value = value;
        this.grad = trainable ? Tensor.zeros(value.shape()) : null;
        this.trainable = trainable;
        this.regularizer = regularizer;
    }

    public static Param trainable(String name, int... shape) {
        return new Param(name, Tensor.zeros(shape), true, null);
    }

    public void zeroGrad() {
        if (grad != null) java.util.Arrays.fill(grad.data, 0f);
    }

    public int size() {
        return value.size();
    }

    /** to[i].value = from[i].value for each pair, of equal sizes. from not modified; to's values modified. */
    static void copyValues(List<Param> from, List<Param> to) {
        for (int i = 0; i < from.size(); i++) System.arraycopy(from.get(i).value.data, 0, to.get(i).value.data, 0, from.get(i).size());
    }
}
