package org.convscope.trace.explain;

import org.convscope.engine.Model;
import org.convscope.engine.Tensor;

import java.util.function.BooleanSupplier;

/** The explanations of one prediction a user can choose between, by the names the command line takes. */
public enum ExplanationMethod {
    SALIENCY("saliency", "Saliency |∂score/∂x|"),
    GRADIENT_X_INPUT("gradient-x-input", "Gradient × input"),
    GRAD_CAM("gradcam", "Grad-CAM"),
    OCCLUSION("occlusion", "Occlusion");

    public final String cliName;
    public final String label;

    ExplanationMethod(String cliName, String label) {
        this.cliName = cliName;
        this.label = label;
    }

    public static ExplanationMethod fromCli(String name) {
        for (ExplanationMethod m : values()) if (m.cliName.equals(name)) return m;
        throw new IllegalArgumentException("unknown method '" + name + "' (known: saliency, gradient-x-input, gradcam, occlusion)");
    }

    /** Whether one backward pass computes it (fast enough to follow the pen); occlusion runs the model per place. */
    public boolean isLive() {
        return this != OCCLUSION;
    }

    /**
     * The heat map of class k at the input's size. {@code layer} is Grad-CAM's layer (ignored by the others);
     * {@code occlusion}, {@code progress} and {@code cancelled} serve occlusion. image (1, H, W, C) not modified.
     */
    public HeatMap explain(Model model, Tensor image, int k, int layer, Occlusion.Options occlusion,
                           Occlusion.Progress progress, BooleanSupplier cancelled) {
        return switch (this) {
            case SALIENCY -> Saliency.gradient(model, image, k);
            case GRADIENT_X_INPUT -> Saliency.gradientTimesInput(model, image, k);
            case GRAD_CAM -> GradCam.of(model, image, k, layer).map();
            case OCCLUSION -> Occlusion.run(model, image, k, occlusion, progress, cancelled).map();
        };
    }
}
