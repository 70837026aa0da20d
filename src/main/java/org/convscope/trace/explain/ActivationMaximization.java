package org.convscope.trace.explain;

import org.convscope.engine.Model;
import org.convscope.engine.Rng;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * What a unit wants to see (Erhan et al. 2009; Simonyan et al. 2014; Yosinski et al. 2015): gradient ascent on
 * the input, from a blank or noisy start, on the unit's response before its activation — a filter's mean response
 * over its map, or a class's score before the softmax. Each iteration:
 * <pre>
 *   shift x by a random (dr, dq) ∈ [−jitter, jitter]² (wrapping round), take g = ∂score/∂x there, shift back
 *   x ← (1 − λ)·(x + η·g / rms(g))        (a step of fixed size, then L2 decay λ)
 *   every few iterations: x ← 3×3 Gaussian blur of x;   x ← clip(x, 0, 1)
 * </pre>
 * The jitter, decay and blur keep the image from filling with high-frequency patterns that score high but mean
 * nothing to a person.
 */
public final class ActivationMaximization {
    private ActivationMaximization() {
    }

    /**
     * The unit to excite: channel {@code unit} of layer {@code layer} when its output has maps (H, W, C), else
     * unit {@code unit} of its flat output (a class of the last layer).
     */
    public record Target(int layer, int unit) {
    }

    /** Iterations, step size η, L2 decay λ, blur every n iterations (0 = never), jitter in pixels, start, seed. */
    public record Options(int iterations, float step, float l2Decay, int blurEvery, int jitter, boolean noiseStart, long seed) {
        public Options {
            if (iterations < 1 || step <= 0 || l2Decay < 0 || l2Decay >= 1 || blurEvery < 0 || jitter < 0) {
                throw new IllegalArgumentException("activation maximization needs iterations ≥ 1, a step > 0, decay in [0, 1), blur and jitter ≥ 0");
            }
        }

        /** 100 iterations of step 0.05, decay 0.01, blur every 4, jitter 1 pixel, from noise. */
        public static Options defaults() {
            return new Options(100, 0.05f, 0.01f, 4, 1, true, 1);
        }
    }

    /** Told after every iteration: its number (1-based), the image so far, and the unit's response after its activation. */
    @FunctionalInterface
    public interface Listener {
        void iteration(int iteration, Tensor image, float response);
    }

    /**
     * Runs the ascent and returns the final image (1, H, W, C) in 0–1.
     * @throws CancellationException when {@code cancelled} became true (checked before every iteration)
     */
    public static Tensor run(Model model, Target target, Options o, Listener listener, BooleanSupplier cancelled) {
        if (target.layer() < 0 || target.layer() >= model.layers().size()) throw new IllegalArgumentException("no layer " + target.layer());
        Shape out = model.layers().get(target.layer()).outputShape();
        int units = out.rank() == 3 ? out.last() : out.size();
        if (target.unit() < 0 || target.unit() >= units) {
            throw new IllegalArgumentException("layer " + target.layer() + " has units 0.." + (units - 1) + ", not " + target.unit());
        }
        Tensor dOut = Tensor.zeros(out.withBatch(1)); // (1, output...): the mean over the unit's map, or the unit
        int per = units, cells = out.size() / units;
        for (int p = 0; p < cells; p++) dOut.data[p * per + target.unit()] = 1f / cells;

        Shape in = model.inputShape();
        int h = in.dim(0), w = in.dim(1), c = in.last();
        Rng rng = new Rng(o.seed());
        Tensor x = Tensor.zeros(in.withBatch(1)); // (1, H, W, C)
        if (o.noiseStart()) for (int i = 0; i < x.size(); i++) x.data[i] = rng.uniform(0, 0.2f);
        for (int it = 1; it <= o.iterations(); it++) {
            if (cancelled.getAsBoolean()) throw new CancellationException("activation maximization cancelled");
            int dr = o.jitter() == 0 ? 0 : rng.nextInt(2 * o.jitter() + 1) - o.jitter();
            int dq = o.jitter() == 0 ? 0 : rng.nextInt(2 * o.jitter() + 1) - o.jitter();
            Tensor shifted = roll(x, h, w, c, dr, dq);
            Model.Gradients g = model.gradients(shifted, target.layer(), dOut, true);
            Tensor grad = roll(g.inputGradient(), h, w, c, -dr, -dq); // (1, H, W, C)
            double ss = 0;
            for (float v : grad.data) ss += v * v;
            float scale = (float) (o.step() / (Math.sqrt(ss / grad.size()) + 1e-8));
            for (int i = 0; i < x.size(); i++) x.data[i] = (1 - o.l2Decay()) * (x.data[i] + scale * grad.data[i]);
            if (o.blurEvery() > 0 && it % o.blurEvery() == 0) x = blur(x, h, w, c);
            for (int i = 0; i < x.size(); i++) x.data[i] = Math.max(0, Math.min(1, x.data[i]));
            listener.iteration(it, x.copy(), response(g.outputs().get(target.layer()), dOut));
        }
        return x;
    }

    /** The unit's response after its activation: Σ dOut ⊙ output (its map's mean, or the unit). Nothing modified. */
    private static float response(Tensor output, Tensor dOut) {
        double s = 0;
        for (int i = 0; i < output.size(); i++) s += dOut.data[i] * output.data[i];
        return (float) s;
    }

    /** x shifted by (dr, dq) pixels, wrapping round. x (1, H, W, C) not modified. */
    static Tensor roll(Tensor x, int h, int w, int c, int dr, int dq) {
        if (dr == 0 && dq == 0) return x;
        Tensor y = Tensor.zeros(x.shape()); // (1, H, W, C)
        for (int r = 0; r < h; r++) {
            int tr = Math.floorMod(r + dr, h);
            for (int q = 0; q < w; q++) {
                int tq = Math.floorMod(q + dq, w);
                System.arraycopy(x.data, (r * w + q) * c, y.data, (tr * w + tq) * c, c);
            }
        }
        return y;
    }

    /** The 3×3 binomial blur [1 2 1]ᵀ[1 2 1] / 16 per channel, edges replicated. x (1, H, W, C) not modified. */
    static Tensor blur(Tensor x, int h, int w, int c) {
        Tensor y = Tensor.zeros(x.shape()); // (1, H, W, C)
        int[] weight = {1, 2, 1};
        for (int r = 0; r < h; r++) {
            for (int q = 0; q < w; q++) {
                for (int ch = 0; ch < c; ch++) {
                    float s = 0;
                    for (int u = -1; u <= 1; u++) {
                        int rr = Math.max(0, Math.min(h - 1, r + u));
                        for (int v = -1; v <= 1; v++) {
                            int qq = Math.max(0, Math.min(w - 1, q + v));
                            s += weight[u + 1] * weight[v + 1] * x.data[(rr * w + qq) * c + ch];
                        }
                    }
                    y.data[(r * w + q) * c + ch] = s / 16;
                }
            }
        }
        return y;
    }
}
