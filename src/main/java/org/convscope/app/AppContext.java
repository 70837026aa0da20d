package org.convscope.app;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.convscope.engine.Sequential;
import org.convscope.engine.Tensor;

/**
 * What the views share, wired by hand: the model every view shows and the current input, as the
 * model sees it. Properties are read and written on the FX thread only.
 */
public final class AppContext {
    private final ObjectProperty<Sequential> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<Tensor> input = new SimpleObjectProperty<>(this, "input");
    private final ObjectProperty<ConvolutionRequest> convolutionRequest = new SimpleObjectProperty<>(this, "convolutionRequest");

    /** The model the views show; replaced (never mutated in place) when another is loaded or trained. */
    public ObjectProperty<Sequential> modelProperty() {
        return model;
    }

    /** The current input, (1, H, W, C) matching the model's input shape, values 0..1; null when empty. */
    public ObjectProperty<Tensor> inputProperty() {
        return input;
    }

    /**
     * The last "Step through this" request (set by the maps view): the shell shows the Convolution view,
     * which plays back exactly this input and kernel. A new request replaces the property's value.
     */
    public ObjectProperty<ConvolutionRequest> convolutionRequestProperty() {
        return convolutionRequest;
    }
}
