package org.convscope.engine;

/**
 * Losses with Keras' names, averaged over the batch. {@code yPred} is (N, K); {@code yTrue} is
 * (N, K) one-hot/targets, or (N) class indices for the sparse loss. Nothing is modified.
 * Cross-entropies clip probabilities to [ε, 1 − ε] with Keras' ε = 10⁻⁷ so log never sees 0.
 */
public enum Loss {
    /** {@code −(1/N) Σ_n Σ_k y[n,k]·log p[n,k]}. */
    CATEGORICAL_CROSSENTROPY("categorical_crossentropy"),
    /** {@code −(1/N) Σ_n log p[n, label_n]}. */
    SPARSE_CATEGORICAL_CROSSENTROPY("sparse_categorical_crossentropy"),
    /** {@code (1/(N·K)) Σ (p − y)²}, Keras' mean over the last axis then over the batch. */
    MEAN_SQUARED_ERROR("mean_squared_error");

    static final float EPSILON = 1e-7f;

    public final String kerasName;

    Loss(String kerasName) {
        this.kerasName = kerasName;
    }

    public static Loss fromKeras(String name) {
        for (Loss l : values()) {
            if (l.kerasName.equals(name)) return l;
        }
        if (name.equals("mse")) return MEAN_SQUARED_ERROR;
        throw new IllegalArgumentException("unknown loss '" + name
                + "' (known: categorical_crossentropy, sparse_categorical_crossentropy, mean_squared_error)");
    }

    public boolean isCrossEntropy() {
        return this != MEAN_SQUARED_ERROR;
    }

    /** The target of row n as a probability for class k. */
    private float target(Tensor yTrue, int n, int k, int classes) {
        if (this == SPARSE_CATEGORICAL_CROSSENTROPY) return (int) yTrue.data[n] == k ? 1f : 0f;
        return yTrue.data[n * classes + k];
    }

    public double value(Tensor yPred, Tensor yTrue) {
        int n = yPred.dim(0), k = yPred.size() / n;
        checkTargets(yPred, yTrue);
        double sum = 0;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < k; j++) {
                float p = yPred.data[r * k + j], t = target(yTrue, r, j, k);
                if (this == MEAN_SQUARED_ERROR) sum += (double) (p - t) * (p - t) / k;
                else if (t != 0) sum -= t * Math.log(Math.min(Math.max(p, EPSILON), 1 - EPSILON));
            }
        }
        return sum / n;
    }

    /** ∂value/∂yPred, (N, K). */
    public Tensor gradient(Tensor yPred, Tensor yTrue) {
        return gradient(yPred, yTrue, yPred.dim(0));
    }

    /** ∂value/∂yPred of the mean over a batch of {@code n} rows, of which yPred and yTrue hold some. */
    Tensor gradient(Tensor yPred, Tensor yTrue, int n) {
        int k = yPred.size() / yPred.dim(0);
        checkTargets(yPred, yTrue);
        Tensor g = Tensor.zeros(yPred.shape());
        for (int r = 0; r < yPred.dim(0); r++) {
            for (int j = 0; j < k; j++) {
                float p = yPred.data[r * k + j], t = target(yTrue, r, j, k);
                g.data[r * k + j] = this == MEAN_SQUARED_ERROR
                        ? 2 * (p - t) / (n * k)
                        : -t / (Math.min(Math.max(p, EPSILON), 1 - EPSILON) * n);
            }
        }
        return g;
    }

    /**
     * For a cross-entropy after a softmax: ∂value/∂z where p = softmax(z), which is
     * {@code (p − y) / N}. Exact even when the softmax saturates, where the chain through ∂/∂p is not.
     */
    public Tensor gradientWrtSoftmaxLogits(Tensor yPred, Tensor yTrue) {
        return gradientWrtSoftmaxLogits(yPred, yTrue, yPred.dim(0));
    }

    /** {@link #gradientWrtSoftmaxLogits(Tensor, Tensor)} of the mean over a batch of {@code n} rows, of which yPred and yTrue hold some. */
    Tensor gradientWrtSoftmaxLogits(Tensor yPred, Tensor yTrue, int n) {
        if (!isCrossEntropy()) throw new IllegalStateException(kerasName + " is not a cross-entropy");
        int k = yPred.size() / yPred.dim(0);
        checkTargets(yPred, yTrue);
        Tensor g = Tensor.zeros(yPred.shape());
        for (int r = 0; r < yPred.dim(0); r++) {
            for (int j = 0; j < k; j++) {
                g.data[r * k + j] = (yPred.data[r * k + j] - target(yTrue, r, j, k)) / n;
            }
        }
        return g;
    }

    private void checkTargets(Tensor yPred, Tensor yTrue) {
        int n = yPred.dim(0), k = yPred.size() / n;
        if (this == SPARSE_CATEGORICAL_CROSSENTROPY) {
            if (yTrue.size() != n) throw new IllegalArgumentException(kerasName + " needs one label per example, got " + yTrue);
            for (float label : yTrue.data) {
                if (label < 0 || label >= k || label != Math.rint(label)) {
                    throw new IllegalArgumentException("label " + label + " is not a class index in [0, " + k + ")");
                }
            }
        } else if (yTrue.size() != yPred.size()) {
            throw new IllegalArgumentException(kerasName + " needs targets shaped like the predictions " + yPred + ", got " + yTrue);
        }
    }
}
