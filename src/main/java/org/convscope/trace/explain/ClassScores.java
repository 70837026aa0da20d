package org.convscope.trace.explain;

import org.convscope.engine.Activation;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;

/** The class scores the explanation methods differentiate, and checks of their arguments. */
final class ClassScores {
    private ClassScores() {
    }

    /** Index of the model's last layer, the one whose output is the class probabilities. */
    static int outputLayer(Model model) {
        return model.layers().size() - 1;
    }

    /**
     * ∂z_k/∂x and the inference behind it, z_k being class k's score before the softmax (the output itself when
     * the model does not end in one): the score Simonyan et al. (2014) and Grad-CAM differentiate.
     * image (1, H, W, C) not modified.
     */
    static Model.Gradients ofClass(Model model, Tensor image, int k) {
        checkImage(model, image);
        int classes = model.outputShape().size();
        if (k < 0 || k >= classes) throw new IllegalArgumentException("class " + k + " is not one of the model's 0.." + (classes - 1));
        Tensor dOut = Tensor.zeros(1, classes); // (1, K): one-hot at k
        dOut.data[k] = 1;
        return model.gradients(image, outputLayer(model), dOut, true);
    }

    /**
     * ∂L/∂x for the cross-entropy {@code L = −log p_y} of label y, at x (1, H, W, C), not modified. Through a
     * final softmax ∂L/∂z = p − e_y (exact even when p saturates); otherwise ∂L/∂p = −e_y / p_y.
     */
    static Tensor crossEntropyGradient(Model model, Tensor x, int y) {
        Tensor p = model.forward(x, false); // (1, K)
        int top = outputLayer(model);
        boolean softmax = model.layers().get(top).activation() == Activation.SOFTMAX;
        Tensor dOut = Tensor.zeros(p.shape()); // (1, K)
        if (softmax) {
            System.arraycopy(p.data, 0, dOut.data, 0, p.size());
            dOut.data[y] -= 1;
        } else {
            dOut.data[y] = -1 / Math.max(p.data[y], 1e-7f);
        }
        return model.gradients(x, top, dOut, softmax).inputGradient();
    }

    /** Refuses anything but one image of the model's input shape. */
    static void checkImage(Model model, Tensor image) {
        if (image.rank() != 4 || image.batch() != 1 || !image.exampleShape().equals(model.inputShape())) {
            throw new IllegalArgumentException("expected one image of shape " + model.inputShape() + ", got " + image);
        }
    }
}
