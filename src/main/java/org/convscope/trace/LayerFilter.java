package org.convscope.trace;

import org.convscope.engine.Activation;
import org.convscope.engine.Conv2D;
import org.convscope.engine.DepthwiseConv2D;
import org.convscope.engine.Layer;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;

import java.util.List;

/**
 * One output channel of a model's Conv2D or DepthwiseConv2D as a {@link ConvTrace} plays it: the learned
 * kernel, bias and geometry, and the feature map it slides over, which is the output of the layer it reads
 * in the graph (in a residual network, a 1×1 projection shortcut reads the block's input, not the layer
 * listed before it). A Conv2D filter reads every input channel; a depthwise kernel reads only its own
 * channel {@code inputChannel}: output channel {@code o} of a depth multiplier {@code M} is input channel
 * {@code o / M} under kernel {@code W[:, :, o / M, o % M]}.
 *
 * @param source       the layer (or the model's input) whose output {@code input} is
 * @param input        what the kernel slides over, (H, W, C) for Conv2D, (H, W, 1) for depthwise
 * @param kernel       (KH, KW, C) for Conv2D, (KH, KW, 1) for depthwise
 * @param inputChannel the channel of {@code source} a depthwise kernel reads; −1 for Conv2D (all of them)
 */
public record LayerFilter(String layer, int filter, String source, Grid input, Grid kernel, float bias, Activation activation,
                          int strideH, int strideW, int dilationH, int dilationW, PaddingSpec padding, int inputChannel) {

    /** Whether {@link #of} can trace a filter of this layer. */
    public static boolean supports(Layer layer) {
        return layer instanceof Conv2D || layer instanceof DepthwiseConv2D;
    }

    /** How many output channels the layer has, each one a filter to trace. */
    public static int filterCount(Layer layer) {
        if (layer instanceof Conv2D c) return c.filters();
        if (layer instanceof DepthwiseConv2D d) return d.inputShape().last() * d.depthMultiplier();
        throw new IllegalArgumentException(layer.name() + " (" + layer.className() + ") has no kernel that slides");
    }

    /**
     * Filter {@code filter} of layer {@code layerName} of the built {@code model}, over that layer's input for the
     * image {@code x} (1, H, W, C) as the model takes it (before its input scaling). Neither is modified.
     * @throws IllegalArgumentException when the layer is unknown, not a Conv2D or DepthwiseConv2D, or has no such filter
     */
    public static LayerFilter of(Model model, String layerName, int filter, Tensor x) {
        List<Layer> layers = model.layers();
        Layer layer = layers.stream().filter(l -> l.name().equals(layerName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no layer is named '" + layerName + "'"));
        int count = filterCount(layer);
        if (filter < 0 || filter >= count) throw new IllegalArgumentException(layerName + " has filters 0–" + (count - 1) + ", not " + filter);
        String source = model.inputsOf(layerName).get(0);
        Tensor in = source.equals(model.inputName()) ? model.scaleInput(x) // what the first layer is fed (0–255 for some Keras models)
                : model.forwardAll(x).get(indexOf(layers, source));
        Grid input = Grid.fromTensor(in);
        if (layer instanceof Conv2D c) {
            return new LayerFilter(layerName, filter, source, input, slice(c.kernel(), filter, -1), c.bias() == null ? 0 : c.bias().data[filter],
                    c.activation(), c.strideH(), c.strideW(), c.dilationH(), c.dilationW(), ReceptiveField.toSpec(c.padding()), -1);
        }
        DepthwiseConv2D d = (DepthwiseConv2D) layer;
        int channel = filter / d.depthMultiplier();
        return new LayerFilter(layerName, filter, source, input.channel(channel), slice(d.kernel(), filter % d.depthMultiplier(), channel),
                d.bias() == null ? 0 : d.bias().data[filter], d.activation(), d.strideH(), d.strideW(), d.dilationH(), d.dilationW(),
                ReceptiveField.toSpec(d.padding()), channel);
    }

    private static int indexOf(List<Layer> layers, String name) {
        for (int i = 0; i < layers.size(); i++) if (layers.get(i).name().equals(name)) return i;
        throw new IllegalArgumentException("no layer is named '" + name + "'");
    }

    /**
     * From a (KH, KW, C, F) kernel, not modified: column {@code f} over every channel, (KH, KW, C); or with
     * {@code channel} ≥ 0 only that channel's, (KH, KW, 1).
     */
    public static Grid slice(Tensor k, int f, int channel) {
        int kh = k.dim(0), kw = k.dim(1), c = k.dim(2), filters = k.dim(3);
        int from = channel < 0 ? 0 : channel, to = channel < 0 ? c : channel + 1;
        float[] d = new float[kh * kw * (to - from)]; // (KH, KW, C) or (KH, KW, 1)
        int at = 0;
        for (int uv = 0; uv < kh * kw; uv++) for (int ch = from; ch < to; ch++) d[at++] = k.data[(uv * c + ch) * filters + f];
        return new Grid(kh, kw, to - from, d);
    }

    /** The step model of this filter over its input, with the layer's own geometry. */
    public ConvTrace trace() {
        return new ConvTrace(input, kernel, bias, activation, strideH, strideW, dilationH, dilationW, padding);
    }

    /** Whether the kernel reads one channel only (DepthwiseConv2D). */
    public boolean depthwise() {
        return inputChannel >= 0;
    }
}
