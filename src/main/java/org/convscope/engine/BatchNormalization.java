package org.convscope.engine;

import java.util.List;

/**
 * Batch normalization over the last axis (Ioffe &amp; Szegedy 2015), Keras defaults
 * (momentum 0.99, ε = 0.001). In training, with batch mean μ and (biased) variance σ² per channel:
 * <pre>
 *   x̂ = (x − μ) / √(σ² + ε),   y = γ·x̂ + β,
 *   moving_mean ← m·moving_mean + (1 − m)·μ   (likewise moving_variance)
 * </pre>
 * At inference, and in a frozen layer (as in Keras), μ, σ² are the moving averages. Backward, per
 * channel over its M values: {@code dx = (γ / (M·√(σ² + ε)))·(M·dy − Σdy − x̂·Σ(dy·x̂))} after
 * batch statistics, and {@code dx = γ·dy / √(σ² + ε)} after moving averages, which are constants.
 */
public final class BatchNormalization extends Layer {
    private final float momentum;
    private final float epsilon;

    private Param gamma;          // (C)
    private Param beta;           // (C)
    private Param movingMean;     // (C), not trainable
    private Param movingVariance; // (C), not trainable

    private Tensor xHat;    // (N, ..., C) of the last pass
    private float[] invStd; // (C)
    private boolean batchStatistics; // whether the last pass normalised with the batch's own μ, σ²

    public BatchNormalization(float momentum, float epsilon) {
        this.momentum = momentum;
        this.epsilon = epsilon;
    }

    public BatchNormalization() {
        this(0.99f, 1e-3f);
    }

    @Override
    public String className() {
        return "BatchNormalization";
    }

    @Override
    public Shape outputShape(Shape in) {
        return in;
    }

    @Override
    protected void initialize(Shape in, Rng rng) {
        int c = in.last();
        gamma = Param.trainable("gamma", c);
        Initializer.ONES.fill(gamma.value, c, c, rng);
        beta = Param.trainable("beta", c);
        movingMean = new Param("moving_mean", Tensor.zeros(c), false, null);
        movingVariance = new Param("moving_variance", Tensor.zeros(c), false, null);
        Initializer.ONES.fill(movingVariance.value, c, c, rng);
    }

    @Override
    public List<Param> params() {
        return gamma == null ? List.of() : List.of(gamma, beta, movingMean, movingVariance);
    }

    @Override
    boolean trainsImageByImage() {
        return false;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int c = x.dim(x.rank() - 1);
        int m = x.size() / c;
        float[] mean = new float[c], var = new float[c];
        batchStatistics = training && isTrainable();
        if (batchStatistics) {
            double[] s = new double[c], s2 = new double[c];
            for (int i = 0; i < x.size(); i++) s[i % c] += x.data[i];
            for (int ch = 0; ch < c; ch++) mean[ch] = (float) (s[ch] / m);
            for (int i = 0; i < x.size(); i++) {
                double d = x.data[i] - mean[i % c];
                s2[i % c] += d * d;
            }
            for (int ch = 0; ch < c; ch++) {
                var[ch] = (float) (s2[ch] / m);
                movingMean.value.data[ch] = momentum * movingMean.value.data[ch] + (1 - momentum) * mean[ch];
                movingVariance.value.data[ch] = momentum * movingVariance.value.data[ch] + (1 - momentum) * var[ch];
            }
        } else {
            System.arraycopy(movingMean.value.data, 0, mean, 0, c);
            System.arraycopy(movingVariance.value.data, 0, var, 0, c);
        }
        invStd = new float[c];
        for (int ch = 0; ch < c; ch++) invStd[ch] = (float) (1 / Math.sqrt(var[ch] + epsilon));
        xHat = Tensor.zeros(x.shape());
        Tensor y = Tensor.zeros(x.shape());
        for (int i = 0; i < x.size(); i++) {
            int ch = i % c;
            xHat.data[i] = (x.data[i] - mean[ch]) * invStd[ch];
            y.data[i] = gamma.value.data[ch] * xHat.data[i] + beta.value.data[ch];
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dOut) {
        int c = dOut.dim(dOut.rank() - 1);
        int m = dOut.size() / c;
        double[] sumDy = new double[c], sumDyXHat = new double[c];
        for (int i = 0; i < dOut.size(); i++) {
            sumDy[i % c] += dOut.data[i];
            sumDyXHat[i % c] += dOut.data[i] * xHat.data[i];
        }
        if (isTrainable()) {
            for (int ch = 0; ch < c; ch++) {
                gamma.grad.data[ch] += (float) sumDyXHat[ch];
                beta.grad.data[ch] += (float) sumDy[ch];
            }
        }
        Tensor dx = Tensor.zeros(dOut.shape());
        for (int i = 0; i < dOut.size(); i++) {
            int ch = i % c;
            double scale = gamma.value.data[ch] * invStd[ch];
            dx.data[i] = batchStatistics
                    ? (float) (scale / m * (m * dOut.data[i] - sumDy[ch] - xHat.data[i] * sumDyXHat[ch]))
                    : (float) (scale * dOut.data[i]);
        }
        return dx;
    }

    @Override
    public String paramFormula() {
        int c = inputShape() == null ? 0 : inputShape().last();
        return "4·" + c + " = " + paramCount() + " (" + 2 * c + " not trainable)";
    }

    @Override
    public LayerConfig config() {
        return new LayerConfig().put("momentum", momentum).put("epsilon", epsilon);
    }
}
