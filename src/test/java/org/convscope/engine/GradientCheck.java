package org.convscope.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Numerical gradient checks by central differences:
 * {@code ∂L/∂θ_i ≈ (L(θ + e_i·ε) − L(θ − e_i·ε)) / (2ε)}.
 * <p>
 * The engine computes in float32, so the check is built to keep rounding out of the result:
 * the loss is summed in double, the step ε is large for well-scaled values (10⁻²), the divisor is
 * the difference of the two float values actually stored (not 2ε), and a gradient passes when
 * {@code |analytic − numeric| ≤ rtol·max(|analytic|, |numeric|) + atol}. Callers keep inputs away from
 * kinks (ReLU at 0, ties in a max-pool window) by more than ε, so the loss is smooth within each step.
 * Where that cannot be done (a whole model), {@link #numeric(double[], int, DoubleSupplier)} differentiates
 * a double-precision oracle with a tiny ε instead.
 */
final class GradientCheck {
    static final double EPS = 1e-2;
    static final double RTOL = 2e-3;
    static final double ATOL = 2e-4;

    private final double eps;
    private final double rtol;
    private final double atol;
    private final List<String> failures = new ArrayList<>();
    private int checked;
    private double worst;

    GradientCheck(double eps, double rtol, double atol) {
        this.eps = eps;
        this.rtol = rtol;
        this.atol = atol;
    }

    GradientCheck() {
        this(EPS, RTOL, ATOL);
    }

    /**
     * Checks {@code layer.backward} for {@code L = Σ r ⊙ layer(x)} with a seeded random upstream
     * gradient r: the returned ∂L/∂x and every trainable param's gradient. x not modified.
     */
    static void checkLayer(Layer layer, Tensor x, boolean training, long seed) {
        new GradientCheck().layer(layer, x, training, seed).assertPassed(layer.className());
    }

    private GradientCheck layer(Layer layer, Tensor x, boolean training, long seed) {
        Tensor y = layer.forward(x, training);
        Tensor r = gaussian(seed, y.shape());
        for (Param p : layer.params()) p.zeroGrad();
        Tensor dx = layer.backward(r);
        List<Param> params = layer.params();
        List<float[]> grads = new ArrayList<>();
        for (Param p : params) grads.add(p.trainable ? p.grad.data.clone() : null);

        Tensor probe = x.copy(); // perturbed in place, so x stays untouched
        DoubleSupplier loss = () -> dot(r, layer.forward(probe, training));
        compareAll("dInput", dx.data, probe.data, loss, Integer.MAX_VALUE, seed);
        for (int i = 0; i < params.size(); i++) {
            if (grads.get(i) != null) {
                compareAll(params.get(i).name, grads.get(i), params.get(i).value.data, loss, Integer.MAX_VALUE, seed);
            }
        }
        return this;
    }

    /**
     * Compares {@code analytic[i]} with the numerical derivative of {@code loss} along {@code values[i]}
     * for every i, or for {@code limit} indices drawn with {@code seed} when there are more.
     * {@code values} modified during the check and restored.
     */
    GradientCheck compareAll(String what, float[] analytic, float[] values, DoubleSupplier loss, int limit, long seed) {
        int[] indices = pick(values.length, limit, seed);
        for (int i : indices) compare(what + "[" + i + "]", analytic[i], numeric(values, i, loss));
        return this;
    }

    /** The central difference of {@code loss} along {@code values[i]}. values[i] restored. */
    double numeric(float[] values, int i, DoubleSupplier loss) {
        float original = values[i];
        float plus = (float) (original + eps);
        float minus = (float) (original - eps);
        values[i] = plus;
        double up = loss.getAsDouble();
        values[i] = minus;
        double down = loss.getAsDouble();
        values[i] = original;
        return (up - down) / ((double) plus - minus);
    }

    /** The central difference of {@code loss} along {@code values[i]}, for a double-precision oracle. values[i] restored. */
    double numeric(double[] values, int i, DoubleSupplier loss) {
        double original = values[i];
        values[i] = original + eps;
        double up = loss.getAsDouble();
        values[i] = original - eps;
        double down = loss.getAsDouble();
        values[i] = original;
        return (up - down) / (2 * eps);
    }

    void compare(String what, double analytic, double numeric) {
        checked++;
        double err = Math.abs(analytic - numeric);
        double allowed = rtol * Math.max(Math.abs(analytic), Math.abs(numeric)) + atol;
        worst = Math.max(worst, err / allowed);
        if (!(err <= allowed) && failures.size() < 10) {
            failures.add(String.format("%s: analytic %.6g, numeric %.6g", what, analytic, numeric));
        }
    }

    void assertPassed(String subject) {
        if (checked == 0) fail(subject + ": nothing was checked");
        if (!failures.isEmpty()) {
            fail(subject + ": gradients differ from central differences (worst at " + String.format("%.2f", worst)
                    + "× the tolerance, " + checked + " checked):\n  " + String.join("\n  ", failures));
        }
    }

    // ---- seeded test data --------------------------------------------------------------------------

    /** Σ r·y in double. Nothing modified. */
    static double dot(Tensor r, Tensor y) {
        double s = 0;
        for (int i = 0; i < y.data.length; i++) s += (double) r.data[i] * y.data[i];
        return s;
    }

    /** Standard normal values, seeded. */
    static Tensor gaussian(long seed, int... shape) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.data.length; i++) t.data[i] = (float) random.nextGaussian();
        return t;
    }

    /** Uniform values in [low, high), seeded. */
    static Tensor uniform(long seed, float low, float high, int... shape) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.data.length; i++) t.data[i] = (float) (low + (high - low) * random.nextDouble());
        return t;
    }

    /**
     * Values {@code ±(0.1·k + 0.05)} in a seeded random order: all distinct, at least 0.1 apart and
     * 0.05 from zero, so no step of ε = 10⁻² can change which cell wins a max-pool window.
     */
    static Tensor distinct(long seed, int... shape) {
        Tensor t = Tensor.zeros(shape);
        int[] order = new int[t.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        new Rng(seed).shuffle(order);
        float mid = order.length / 2f;
        for (int i = 0; i < order.length; i++) t.data[i] = 0.1f * (order[i] - mid) + 0.05f;
        return t;
    }

    /** Fills every param of {@code layer} with seeded values in [−0.5, 0.5) (nonzero biases too). */
    static void randomizeParams(Layer layer, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Param p : layer.params()) {
            for (int i = 0; i < p.value.data.length; i++) p.value.data[i] = (float) (random.nextDouble() - 0.5);
        }
    }

    /** The smallest |z| over the tensor: how far the values keep from a kink at 0. */
    static double distanceFromZero(Tensor z) {
        double d = Double.POSITIVE_INFINITY;
        for (float v : z.data) d = Math.min(d, Math.abs(v));
        return d;
    }

    /** All of 0..n−1, or {@code limit} of them drawn with {@code seed} when there are more. */
    static int[] pick(int n, int limit, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        if (n <= limit) return all;
        new Rng(seed ^ n).shuffle(all);
        return java.util.Arrays.copyOf(all, limit);
    }
}
