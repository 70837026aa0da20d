package org.convscope.engine;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A double-precision forward pass of a {@link Model} made of Conv2D, MaxPooling2D, Flatten and
 * Dense layers (ReLU, softmax or linear), written out plainly from the layers' formulas: the oracle
 * for end-to-end gradient checks. In double, central differences can use a step of 10⁻⁶, which
 * crosses a ReLU or max-pool kink only rarely, and rounding stays far below the gradients.
 * Reads the layers' geometry and a double copy of their params ({@link #values}), which a check
 * perturbs; the model itself is not modified.
 */
final class DoubleForward {
    private final Model model;
    private final Map<Param, double[]> values = new IdentityHashMap<>();

    DoubleForward(Model model) {
        this.model = model;
        for (Param p : model.params()) {
            double[] v = new double[p.size()];
            for (int i = 0; i < v.length; i++) v[i] = p.value.data[i];
            values.put(p, v);
        }
    }

    /** The double copy of {@code p}'s values that {@link #loss} reads. */
    double[] values(Param p) {
        return values.get(p);
    }

    /** Sparse categorical cross-entropy (mean over the batch) of the model on x (N, H, W, C) in NHWC order. */
    double loss(double[] x, int n, float[] labels) {
        double[] t = output(x, n, 0);
        int k = model.outputShape().dim(0);
        double sum = 0;
        for (int r = 0; r < n; r++) sum -= Math.log(Math.min(Math.max(t[r * k + (int) labels[r]], 1e-7), 1 - 1e-7));
        return sum / n;
    }

    /**
     * The model's output (N, output...) for t, the input of layer {@code from} (N, its input shape...):
     * the model's input when {@code from} is 0, else layer {@code from − 1}'s output. Not modified.
     */
    double[] output(double[] t, int n, int from) {
        List<Layer> layers = model.layers();
        int[] shape = from == 0 ? model.inputShape().dims() : layers.get(from - 1).outputShape().dims(); // per example
        for (Layer layer : layers.subList(from, layers.size())) {
            if (layer instanceof Conv2D c) {
                t = conv(c, t, n, shape);
                shape = c.outputShape().dims();
            } else if (layer instanceof MaxPooling2D p) {
                t = maxPool(p, t, n, shape);
                shape = p.outputShape().dims();
            } else if (layer instanceof Dense d) {
                t = dense(d, t, n, shape[0]);
                shape = d.outputShape().dims();
            } else if (layer instanceof Flatten) {
                shape = new int[] {t.length / n};
            } else {
                throw new IllegalArgumentException("no double forward for " + layer.className());
            }
        }
        return t;
    }

    private double[] conv(Conv2D c, double[] x, int n, int[] in) {
        int h = in[0], w = in[1], ch = in[2];
        int[] out = c.outputShape().dims();
        int oh = out[0], ow = out[1], f = out[2];
        int padTop = c.padding().amounts(h, c.kernelH(), c.strideH(), c.dilationH())[0];
        int padLeft = c.padding().amounts(w, c.kernelW(), c.strideW(), c.dilationW())[0];
        double[] kernel = values(c.params().get(0)); // (KH, KW, C, F)
        double[] bias = c.useBias() ? values(c.params().get(1)) : new double[f];
        double[] z = new double[n * oh * ow * f]; // (N, OH, OW, F)
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int o = 0; o < f; o++) {
                        double s = bias[o];
                        for (int u = 0; u < c.kernelH(); u++) {
                            int r = i * c.strideH() - padTop + u * c.dilationH();
                            for (int v = 0; v < c.kernelW(); v++) {
                                int q = j * c.strideW() - padLeft + v * c.dilationW();
                                if (r < 0 || r >= h || q < 0 || q >= w) continue;
                                for (int cc = 0; cc < ch; cc++) {
                                    s += x[((b * h + r) * w + q) * ch + cc] * kernel[((u * c.kernelW() + v) * ch + cc) * f + o];
                                }
                            }
                        }
                        z[((b * oh + i) * ow + j) * f + o] = s;
                    }
                }
            }
        }
        return activate(c.activation(), z, f);
    }

    private static double[] maxPool(MaxPooling2D p, double[] x, int n, int[] in) {
        int h = in[0], w = in[1], ch = in[2];
        int[] out = p.outputShape().dims();
        int oh = out[0], ow = out[1];
        int padTop = p.padding().amounts(h, p.poolH(), p.strideH(), 1)[0];
        int padLeft = p.padding().amounts(w, p.poolW(), p.strideW(), 1)[0];
        double[] y = new double[n * oh * ow * ch]; // (N, OH, OW, C)
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int cc = 0; cc < ch; cc++) {
                        double best = Double.NEGATIVE_INFINITY;
                        for (int r = Math.max(0, i * p.strideH() - padTop); r < Math.min(h, i * p.strideH() - padTop + p.poolH()); r++) {
                            for (int q = Math.max(0, j * p.strideW() - padLeft); q < Math.min(w, j * p.strideW() - padLeft + p.poolW()); q++) {
                                best = Math.max(best, x[((b * h + r) * w + q) * ch + cc]);
                            }
                        }
                        y[((b * oh + i) * ow + j) * ch + cc] = best;
                    }
                }
            }
        }
        return y;
    }

    private double[] dense(Dense d, double[] x, int n, int fanIn) {
        int units = d.units();
        double[] kernel = values(d.params().get(0)); // (F_in, units)
        double[] bias = d.bias() != null ? values(d.params().get(1)) : new double[units];
        double[] z = new double[n * units]; // (N, units)
        for (int r = 0; r < n; r++) {
            for (int u = 0; u < units; u++) {
                double s = bias[u];
                for (int i = 0; i < fanIn; i++) s += x[r * fanIn + i] * kernel[i * units + u];
                z[r * units + u] = s;
            }
        }
        return activate(d.activation(), z, units);
    }

    private static double[] activate(Activation a, double[] z, int last) {
        switch (a) {
            case LINEAR -> {
                return z;
            }
            case RELU -> {
                double[] y = new double[z.length];
                for (int i = 0; i < z.length; i++) y[i] = Math.max(z[i], 0);
                return y;
            }
            case SOFTMAX -> {
                double[] y = new double[z.length];
                for (int row = 0; row < z.length; row += last) {
                    double max = Double.NEGATIVE_INFINITY, sum = 0;
                    for (int j = 0; j < last; j++) max = Math.max(max, z[row + j]);
                    for (int j = 0; j < last; j++) sum += y[row + j] = Math.exp(z[row + j] - max);
                    for (int j = 0; j < last; j++) y[row + j] /= sum;
                }
                return y;
            }
            default -> throw new IllegalArgumentException("no double forward for " + a);
        }
    }
}
