package org.convscope.trace;

import org.convscope.engine.Activation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The arithmetic behind one output cell {@code (outRow, outCol)} of one filter:
 * <pre>
 *   channelSums[c] = Σ_{u, v} x[r(u), q(v), c] · W[u, v, c]      (padding cells read 0)
 *   preActivation  = Σ_c channelSums[c] + bias
 *   output         = activation(preActivation)
 * </pre>
 * {@code terms} lists every tap in the engine's order (u, then v, then channel).
 */
public record ConvStep(int index, int outRow, int outCol, List<Term> terms, float[] channelSums, float bias,
                       float preActivation, Activation activation, float output) implements StepTrace.Step {

    /** One multiplication: input cell {@code (row, col, channel)} under kernel tap {@code (u, v)}. */
    public record Term(int row, int col, int channel, int u, int v, float input, float weight, boolean padding) {
        public float product() {
            return input * weight;
        }
    }

    /** The terms of one channel, in kernel order. */
    public List<Term> terms(int channel) {
        return terms.stream().filter(t -> t.channel() == channel).toList();
    }

    /** {@code 134×0 + 134×(−1) + 117×0 + … = 138}: every product of one channel and its sum. */
    public String channelEquation(int channel) {
        return terms(channel).stream()
                .map(t -> Numbers.factor(t.input()) + "×" + Numbers.factor(t.weight()))
                .collect(Collectors.joining(" + ")) + " = " + Numbers.format(channelSums[channel]);
    }

    /**
     * Every channel's products and sum, then the sums added up with the bias: for a colour input
     * {@code R: … = a, G: … = b, B: … = c, a + b + c + bias (bias) = out}; other channel counts are
     * named {@code channel 0, channel 1, …}.
     */
    public String perChannelEquation() {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < channelSums.length; c++) {
            String name = channelSums.length == 3 ? "RGB".substring(c, c + 1) : "channel " + c;
            s.append(name).append(": ").append(channelEquation(c)).append(", ");
        }
        return s.append(biasEquation()).toString();
    }

    /** {@code 138 + 0 (bias) = 138}; with several channels the channel sums come first. */
    public String biasEquation() {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < channelSums.length; c++) {
            s.append(c == 0 ? Numbers.format(channelSums[c]) : " + " + Numbers.factor(channelSums[c]));
        }
        return s.append(" + ").append(Numbers.factor(bias)).append(" (bias) = ")
                .append(Numbers.format(preActivation)).toString();
    }

    /** {@code ReLU(138) → 138}. */
    public String activationEquation() {
        return ActivationNames.of(activation) + "(" + Numbers.format(preActivation) + ") → " + Numbers.format(output);
    }
}
