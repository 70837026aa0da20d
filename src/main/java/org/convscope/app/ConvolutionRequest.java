package org.convscope.app;

import org.convscope.engine.Activation;
import org.convscope.engine.Padding;
import org.convscope.engine.Tensor;

/**
 * "Step through this": one filter of a Conv2D (or DepthwiseConv2D) layer applied to the input it saw, for the Convolution
 * view to play back. Everything is copied, so the request stays valid when the model is replaced.
 *
 * @param layerName the layer, e.g. {@code conv2d_1}
 * @param filter    which of the layer's filters (the output channel)
 * @param input     the layer's input, (H, W, C_in); for a DepthwiseConv2D only the channel the filter reads, (H, W, 1)
 * @param kernel    that filter's kernel, (KH, KW, C_in): one KH×KW kernel per input channel; depthwise (KH, KW, 1)
 * @param bias      that filter's bias (0 without bias)
 */
public record ConvolutionRequest(String layerName, int filter, Tensor input, Tensor kernel, float bias,
                                 int strideH, int strideW, Padding padding, int dilationH, int dilationW,
                                 Activation activation) {
}
