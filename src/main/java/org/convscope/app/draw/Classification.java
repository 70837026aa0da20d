package org.convscope.app.draw;

import org.convscope.data.Preprocessing;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;

import java.util.List;

/**
 * One answer of the network: the input it was given, how that input was made (the MNIST-style
 * steps, when the model takes 28×28 grey input), and the class probabilities. Immutable snapshot
 * handed from the worker to the FX thread.
 *
 * @param model         the model that answered
 * @param steps         the preprocessing steps; null for inputs made by plain resizing
 * @param input         what the model saw, (1, H, W, C)
 * @param probabilities one per class; null when there was nothing to classify (blank pad)
 * @param note          what the user should know about the input (colour seen as grey), or null
 */
public record Classification(Model model, Preprocessing.Centred steps, Tensor input, float[] probabilities,
                             String note) {

    public boolean blank() {
        return probabilities == null;
    }

    public List<String> classNames() {
        return model.classNames();
    }

    /** Index of the most likely class; −1 when blank. */
    public int top() {
        return blank() ? -1 : Model.argmax(probabilities, 0, probabilities.length);
    }

    public String topName() {
        return blank() ? "" : classNames().get(top());
    }

    public double confidence() {
        return blank() ? 0 : probabilities[top()];
    }
}
