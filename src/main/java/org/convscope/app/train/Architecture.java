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
     * One checked row: its output shape and parameter count, or why it cannot be built, and where a change of
     * the row would fix that, the fixed row ({@code fix}, else null). A row after a failing row is
     * {@code blocked}: it may be fine, but its input is unknown.
     */
    public record Check(Shape outputShape, long params, String error, boolean blocked, Fix fix) {
        static Check fits(Shape outputShape, long params) {
            return new Check(outputShape, params, null, false, null);
        }

        static Check fails(String error, Fix fix) {
            return new Check(null, 0, error, false, fix);
        }

        public boolean ok() {
            return error == null && !blocked;
        }
    }

    /** A row that would fit where the checked one does not, and what the change is, e.g. "Use a 1×1 projection shortcut". */
    public record Fix(String label, LayerSpec row) {
    }

    /** The rows of a preset, whatever input shape the preset was written for. */
    public static List<LayerSpec> preset(String name) {
        List<LayerSpec> rows = new ArrayList<>();
        for (Layer l : Presets.create(name).layers()) rows.add(LayerSpec.of(l));
        return rows;
    }

    /**
     * Checks every row in turn, as the model's layers it adds (a residual block's several). Rows after a failing
     * row are reported as blocked, so the first real problem stands out. The last row must give one probability
     * per class. An identity shortcut whose shape is not its block's is offered the 1×1 projection as a fix.
     */
    public static List<Check> check(Shape input, int classes, List<LayerSpec> rows) {
        List<Check> checks = new ArrayList<>(rows.size());
        Model m = new Model(input);
        boolean failed = false;
        for (LayerSpec row : rows) {
            if (failed) {
                checks.add(new Check(null, 0, null, true, null));
                continue;
            }
            Shape in = m.outputShape();
            int before = m.layers().size();
            try {
                append(m, row);
                long params = 0;
                for (Layer layer : m.layers().subList(before, m.layers().size())) {
                    layer.build(m.inputShapesOf(layer.name()), new Rng(0)); // parameters exist only once built
                    params += layer.paramCount();
                }
                checks.add(Check.fits(m.outputShape(), params));
            } catch (IllegalArgumentException e) {
                checks.add(Check.fails(e.getMessage(), projectionFix(in, row)));
                failed = true;
            }
        }
        if (!failed && !checks.isEmpty()) {
            String problem = outputProblem(m.outputShape(), classes, m.layers().get(m.layers().size() - 1));
            if (problem != null) {
                Check c = checks.get(checks.size() - 1);
                checks.set(checks.size() - 1, new Check(c.outputShape(), c.params(), problem, false, null));
            }
        }
        return checks;
    }

    /** For an identity-shortcut block that does not fit on {@code in}: the same block with the projection, if that fits. */
    private static Fix projectionFix(Shape in, LayerSpec row) {
        if (row.kind() != LayerKind.RESIDUAL_BLOCK || !row.value("shortcut").equals("identity")) return null;
        LayerSpec projected = row.with("shortcut", "projection");
        try {
            append(new Model(in), projected);
            return new Fix("Use a 1×1 projection shortcut", projected);
        } catch (IllegalArgumentException e) {
            return null; // the block itself does not fit here (e.g. after Flatten): no shortcut helps
        }
    }

    /**
     * Appends the layers of one row to {@code m} (modified), on its last layer (the input for the first row);
     * frozen rows give frozen layers.
     * @throws IllegalArgumentException when the row's text cannot be read or its layers do not fit
     */
    static void append(Model m, LayerSpec row) {
        if (row.kind() != LayerKind.RESIDUAL_BLOCK) {
            m.add(row.toLayer());
            return;
        }
        LayerConfig cfg = row.config();
        int before = m.layers().size();
        String from = before == 0 ? m.inputName() : m.layers().get(before - 1).name();
        Presets.residualBlock(m, from, cfg.getInt("filters"), cfg.getInt("strides"), "projection".equals(cfg.getString("shortcut", "")));
        for (Layer layer : m.layers().subList(before, m.layers().size())) layer.setTrainable(row.trainable());
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
     * kernel. A residual block has its own normalization, so the knob adds none to it; the penalty applies
     * to its convolutions too. Frozen rows give frozen layers. Built with {@code settings.seed()}, not compiled.
     * @throws IllegalArgumentException when a row does not fit (check first)
     */
    public static Model build(Shape input, List<LayerSpec> rows, TrainSettings settings) {
        Model m = new Model(input).setName("trained");
        Regularizer reg = settings.l1() > 0 || settings.l2() > 0 ? new Regularizer(settings.l1(), settings.l2()) : null;
        for (LayerSpec row : rows) {
            if (row.kind() == LayerKind.RESIDUAL_BLOCK) {
                int before = m.layers().size();
                append(m, row);
                if (reg != null) {
                    for (Layer layer : m.layers().subList(before, m.layers().size())) {
                        if (layer instanceof Conv2D conv) conv.withKernelRegularizer(reg);
                    }
                }
                continue;
            }
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
