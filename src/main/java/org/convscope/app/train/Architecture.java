package org.convscope.app.train;

import org.convscope.engine.Activation;
import org.convscope.engine.BatchNormalization;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Dropout;
import org.convscope.engine.Layer;
import org.convscope.engine.LayerConfig;
import org.convscope.engine.Layers;
import org.convscope.engine.Presets;
import org.convscope.engine.Regularizer;
import org.convscope.engine.Rng;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The editor's layer list checked against an input shape and the number of classes, and turned
 * into a model with the training knobs applied. Pure: no JavaFX.
 */
public final class Architecture {
    private Architecture() {
    }

    /**
     * One checked row: its output shape and parameter count, or why it cannot be built. A row after
     * a failing row is {@code blocked}: it may be fine, but its input is unknown.
     */
    public record Check(Shape outputShape, long params, String error, boolean blocked) {
        static Check fits(Shape outputShape, long params) {
            return new Check(outputShape, params, null, false);
        }

        static Check fails(String error) {
            return new Check(null, 0, error, false);
        }

        public boolean ok() {
            return error == null && !blocked;
        }
    }

    /** The rows of a preset, whatever input shape the preset was written for. */
    public static List<LayerSpec> preset(String name) {
        List<LayerSpec> rows = new ArrayList<>();
        for (Layer l : Presets.create(name).layers()) rows.add(LayerSpec.of(l));
        return rows;
    }

    /**
     * Checks every row in turn. Rows after a failing row are reported as blocked, so the first real
     * problem stands out. The last row must give one probability per class.
     */
    public static List<Check> check(Shape input, int classes, List<LayerSpec> rows) {
        List<Check> checks = new ArrayList<>(rows.size());
        Shape in = input;
        Layer last = null;
        for (LayerSpec row : rows) {
            if (in == null) {
                checks.add(new Check(null, 0, null, true));
                continue;
            }
            try {
                Layer layer = row.toLayer();
                Shape out = layer.outputShape(in);
                layer.build(in, new Rng(0)); // parameters exist only once built
                checks.add(Check.fits(out, layer.paramCount()));
                in = out;
                last = layer;
            } catch (IllegalArgumentException e) {
                checks.add(Check.fails(e.getMessage()));
                in = null;
            }
        }
        if (in != null && !checks.isEmpty()) {
            String problem = outputProblem(in, classes, last);
            if (problem != null) {
                Check c = checks.get(checks.size() - 1);
                checks.set(checks.size() - 1, new Check(c.outputShape(), c.params(), problem, false));
            }
        }
        return checks;
    }

    private static String outputProblem(Shape out, int classes, Layer last) {
        if (!out.equals(Shape.of(classes))) {
            return "the last layer must output (" + classes + ") — one value per class — but outputs " + out;
        }
        if (last.activation() != Activation.SOFTMAX) {
            return "the last layer needs activation softmax to output class probabilities";
        }
        return null;
    }

    /** True when there is at least one row and every row checks out. */
    public static boolean isValid(List<Check> checks) {
        return !checks.isEmpty() && checks.stream().allMatch(Check::ok);
    }

    /**
     * The model for the rows, with the knobs applied as the Keras tutorials do: batch normalization
     * after every Conv2D, dropout before every Dense, and the L1/L2 penalty on every Conv2D and Dense
     * kernel. Frozen rows give frozen layers. Built with {@code settings.seed()}, not compiled.
     * @throws IllegalArgumentException when a row does not fit (check first)
     */
    public static Model build(Shape input, List<LayerSpec> rows, TrainSettings settings) {
        Model m = new Model(input).setName("trained");
        Regularizer reg = settings.l1() > 0 || settings.l2() > 0 ? new Regularizer(settings.l1(), settings.l2()) : null;
        for (LayerSpec row : rows) {
            LayerConfig cfg = row.config();
            if (reg != null && (row.kind() == LayerKind.CONV2D || row.kind() == LayerKind.DENSE)) {
                cfg.put("kernel_regularizer", Map.of("l1", reg.l1(), "l2", reg.l2()));
            }
            if (row.kind() == LayerKind.DENSE && settings.dropout() > 0) m.add(new Dropout(settings.dropout()));
            Layer layer = Layers.fromConfig(row.kind().className, cfg);
            layer.setTrainable(row.trainable());
            m.add(layer);
            if (layer instanceof Conv2D && settings.batchNormalization()) {
                Layer bn = new BatchNormalization();
                bn.setTrainable(row.trainable()); // the knob's normalization belongs to its convolution: frozen with it
                m.add(bn);
            }
        }
        return m.build(settings.seed());
    }
}
