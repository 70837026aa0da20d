package org.convscope.trace.explain;

import org.convscope.engine.Conv2D;
import org.convscope.engine.Layer;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Grad-CAM (Selvaraju et al. 2017): for the maps A^f (h × w) of a convolutional layer and class k's score z_k
 * before the softmax,
 * <pre>
 *   α_f = (1 / (h·w)) Σ_{i,j} ∂z_k/∂A^f[i, j]      (how much the class needs map f)
 *   L[i, j] = ReLU(Σ_f α_f·A^f[i, j])              (where the maps it needs are on)
 * </pre>
 * then L resized bilinearly to the input. Coarse (the layer's own resolution) but class-discriminative.
 */
public final class GradCam {
    private GradCam() {
    }

    /** The map at the layer's resolution, the same upsampled to the input, and the weights α (F). */
    public record Result(HeatMap coarse, HeatMap map, float[] weights) {
    }

    /** Indices of the model's Conv2D layers, in order: the layers Grad-CAM can look at. */
    public static List<Integer> convLayers(Model model) {
        List<Integer> found = new ArrayList<>();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) if (layers.get(i) instanceof Conv2D) found.add(i);
        return found;
    }

    /** The last Conv2D layer, Grad-CAM's usual choice. @throws IllegalArgumentException when the model has none. */
    public static int defaultLayer(Model model) {
        List<Integer> convs = convLayers(model);
        if (convs.isEmpty()) throw new IllegalArgumentException("Grad-CAM needs a Conv2D layer and model '" + model.name() + "' has none");
        return convs.get(convs.size() - 1);
    }

    /**
     * Grad-CAM of class k on the output of layer {@code layer} (a Conv2D layer, or any layer with maps:
     * (h, w, F) output). image (1, H, W, C) not modified.
     */
    public static Result of(Model model, Tensor image, int k, int layer) {
        if (layer < 0 || layer >= model.layers().size() || model.layers().get(layer).outputShape().rank() != 3) {
            throw new IllegalArgumentException("Grad-CAM needs a layer with feature maps; layer " + layer + " has none");
        }
        Model.Gradients g = ClassScores.ofClass(model, image, k);
        Tensor maps = g.outputs().get(layer);          // (1, h, w, F)
        Tensor dMaps = g.outputGradients().get(layer); // (1, h, w, F)
        int h = maps.dim(1), w = maps.dim(2), f = maps.dim(3);
        float[] alpha = new float[f]; // (F)
        for (int p = 0; p < h * w; p++) for (int c = 0; c < f; c++) alpha[c] += dMaps.data[p * f + c];
        for (int c = 0; c < f; c++) alpha[c] /= h * w;
        float[] cam = new float[h * w]; // (h, w)
        for (int p = 0; p < h * w; p++) {
            double s = 0;
            for (int c = 0; c < f; c++) s += alpha[c] * maps.data[p * f + c];
            cam[p] = (float) Math.max(s, 0);
        }
        HeatMap coarse = new HeatMap(h, w, cam);
        return new Result(coarse, coarse.resized(image.dim(1), image.dim(2)), alpha);
    }
}
