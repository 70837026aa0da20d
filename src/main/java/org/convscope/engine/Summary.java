package org.convscope.engine;

import java.util.List;

/** Keras' {@code model.summary()}: one row per layer and the parameter totals. */
public record Summary(String modelName, Shape inputShape, List<Row> rows, long totalParams, long trainableParams) {

    /**
     * One layer: {@code conv2d (Conv2D) | (None, 26, 26, 32) | 320}, plus how the count is made and
     * whether the layer learns (false: frozen, Keras' {@code trainable=False}).
     */
    public record Row(String name, String type, Shape outputShape, long params, String formula, boolean trainable) {
        public String layerLabel() {
            return name + " (" + type + ")";
        }
    }

    public long nonTrainableParams() {
        return totalParams - trainableParams;
    }

    /** The table as Keras 2 prints it (the first column widened so long layer names never wrap). */
    @Override
    public String toString() {
        String line = "_".repeat(74) + "\n";
        String dline = "=".repeat(74) + "\n";
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(modelName).append("\"\n").append(line);
        sb.append(String.format(" %-36s %-25s %-10s\n", "Layer (type)", "Output Shape", "Param #"));
        sb.append(dline);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sb.append(String.format(" %-36s %-25s %-10s\n", r.layerLabel(), r.outputShape().toKeras(), String.format("%,d", r.params())));
            if (i < rows.size() - 1) sb.append('\n'); // Keras 2 leaves a blank line between layers
        }
        sb.append(dline);
        sb.append(String.format("Total params: %,d\n", totalParams));
        sb.append(String.format("Trainable params: %,d\n", trainableParams));
        sb.append(String.format("Non-trainable params: %,d\n", nonTrainableParams()));
        sb.append(line);
        return sb.toString();
    }
}
