package org.convscope.trace.explain;

import org.convscope.engine.Model;
import org.convscope.engine.Tensor;

/**
 * The fast gradient sign method (Goodfellow, Shlens &amp; Szegedy 2015) and its iterated form (Kurakin, Goodfellow
 * &amp; Bengio 2017): a change of at most ε per pixel, in the direction that raises the loss of the true label
 * fastest, often flips the network's answer although a person sees no difference.
 * <pre>
 *   FGSM:          x' = clip(x + ε·sign(∇ₓ L(x, y)))
 *   iterated:      x_{t+1} = clip_{x, ε}(x_t + α·sign(∇ₓ L(x_t, y))),  α = 2.5·ε / steps (Madry et al. 2018)
 *   targeted at t: the same with −α·sign(∇ₓ L(x_t, t)), walking towards class t
 * </pre>
 * L is the cross-entropy {@code −log p}; clip keeps every pixel in the input range [0, 1] and, when iterating,
 * within ε of the original.
 */
public final class Fgsm {
    private Fgsm() {
    }

    /** No target: any class but the true one will do. */
    public static final int UNTARGETED = -1;

    /**
     * The adversarial image, its difference from the original (at most ε per pixel), the probabilities
     * before and after, and the classes the model gives each (its arg-max).
     */
    public record Result(Tensor adversarial, Tensor perturbation, float[] before, float[] after, int classBefore, int classAfter) {
        /** Whether the answer changed. */
        public boolean fooled() {
            return classAfter != classBefore;
        }
    }

    /**
     * Attacks image (1, H, W, C), not modified, whose true class is {@code label}: {@code steps} = 1 is FGSM,
     * more is the iterated method; {@code target} a class to walk towards, or {@link #UNTARGETED}.
     */
    public static Result attack(Model model, Tensor image, int label, float epsilon, int steps, int target) {
        ClassScores.checkImage(model, image);
        int classes = model.outputShape().size();
        if (label < 0 || label >= classes) throw new IllegalArgumentException("label " + label + " is not one of the model's 0.." + (classes - 1));
        if (target != UNTARGETED && (target < 0 || target >= classes)) {
            throw new IllegalArgumentException("target " + target + " is not one of the model's 0.." + (classes - 1));
        }
        if (!(epsilon >= 0 && epsilon <= 1)) throw new IllegalArgumentException("ε must be in 0–1, got " + epsilon);
        if (steps < 1) throw new IllegalArgumentException("FGSM needs at least one step, got " + steps);
        float alpha = steps == 1 ? epsilon : 2.5f * epsilon / steps;
        boolean towards = target != UNTARGETED;
        Tensor x = image.copy(); // (1, H, W, C)
        for (int s = 0; s < steps && epsilon > 0; s++) {
            Tensor g = ClassScores.crossEntropyGradient(model, x, towards ? target : label); // (1, H, W, C)
            for (int i = 0; i < x.size(); i++) {
                float step = alpha * Math.signum(g.data[i]) * (towards ? -1 : 1);
                float lo = Math.max(0, image.data[i] - epsilon), hi = Math.min(1, image.data[i] + epsilon);
                x.data[i] = Math.max(lo, Math.min(hi, x.data[i] + step));
            }
        }
        Tensor delta = Tensor.zeros(x.shape()); // (1, H, W, C)
        for (int i = 0; i < x.size(); i++) delta.data[i] = x.data[i] - image.data[i];
        float[] before = model.forward(image, false).data.clone();
        float[] after = model.forward(x, false).data.clone();
        return new Result(x, delta, before, after, Model.argmax(before, 0, classes), Model.argmax(after, 0, classes));
    }
}
