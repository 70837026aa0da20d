package org.convscope.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Keras' {@code model.summary()}: one row per layer and the parameter totals. */
public record Summary(String modelName, Shape inputShape, List<Row> rows, long totalParams, long trainableParams) {

    /**
     * One layer: {@code conv2d (Conv2D) | (None, 26, 26, 32) | 320}, plus how the count is made, whether the
     * layer learns (false: frozen, Keras' {@code trainable=False}) and, in a graph model, the layers it takes
     * its inputs from ({@code ["conv2d"]}; empty in a plain stack).
     */
    public record Row(String name, String type, Shape outputShape, long params, String formula, boolean trainable,
                      List<String> connectedTo) {
        /** A row of a plain stack of layers (no "Connected to" column). */
        public Row(String name, String type, Shape outputShape, long params, String formula, boolean trainable) {
            this(name, type, outputShape, params, formula, trainable, List.of());
        }

        public String layerLabel() {
            return name + " (" + type + ")";
        }
    }

    public long nonTrainableParams() {
        return totalParams - trainableParams;
    }

    /** True when some layer names its inputs: Keras then prints the Functional layout with "Connected to". */
    public boolean isGraph() {
        return rows.stream().anyMatch(r -> !r.connectedTo().isEmpty());
    }

    /** The table byte for byte as tf.keras 2.10 prints it ({@link #keras2()}). */
    @Override
    public String toString() {
        return keras2();
    }

    /**
     * The table as tf.keras 2.10's {@code print_summary} writes it, trailing spaces included: 65 characters
     * wide with columns ending at 29, 55 and 65 for a stack; 98 wide with columns ending at 32, 53, 65 and 98
     * and a "Connected to" column (with an {@code InputLayer} row first) for a graph. A cell too long for its
     * column wraps onto the next line, as Keras does, and every layer is followed by a line of spaces.
     */
    public String keras2() {
        boolean graph = isGraph();
        int width = graph ? 98 : 65;
        int[] ends = graph ? new int[] {32, 53, 65, 98} : new int[] {29, 55, 65}; // int(width · [.33 .55 .67 1] or [.45 .85 1])
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(modelName).append("\"\n");
        sb.append("_".repeat(width)).append('\n');
        printRow(sb, ends, graph ? List.of("Layer (type)", "Output Shape", "Param #", "Connected to")
                : List.of("Layer (type)", "Output Shape", "Param #"));
        sb.append("=".repeat(width)).append('\n');
        if (graph) {
            printRow(sb, ends, List.of(inputLayerName() + " (InputLayer)", "[" + inputShape.toKeras() + "]", "0", "[]"));
            sb.append(" ".repeat(width)).append('\n');
        }
        for (Row r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.layerLabel(), r.outputShape().toKeras(), Long.toString(r.params())));
            if (graph) cells.add(r.connectedTo().stream().map(c -> "'" + c + "[0][0]'").collect(Collectors.joining(", ", "[", "]")));
            printRow(sb, ends, cells);
            sb.append(" ".repeat(width)).append('\n');
        }
        sb.append("=".repeat(width)).append('\n');
        sb.append(String.format(Locale.ROOT, "Total params: %,d\n", totalParams));
        sb.append(String.format(Locale.ROOT, "Trainable params: %,d\n", trainableParams));
        sb.append(String.format(Locale.ROOT, "Non-trainable params: %,d\n", nonTrainableParams()));
        sb.append("_".repeat(width)).append('\n');
        return sb.toString();
    }

    /**
     * The table as Keras 3 prints it (its rich box table, as of Keras 3.12): content widths 31, 22 and 13 for a
     * stack; 19, 17, 7 and 20 with an {@code InputLayer} row and "Connected to" for a graph. Cells wrap at
     * spaces, a word too long for its column ends in "…", counts are right-aligned with thousands separators
     * and the totals give the float32 weights' size ({@code 166,986 (652.29 KB)}).
     */
    public String keras3() {
        boolean graph = isGraph();
        int[] widths = graph ? new int[] {19, 17, 7, 20} : new int[] {31, 22, 13};
        List<List<String>> body = new ArrayList<>();
        if (graph) body.add(List.of(inputLayerName() + " (InputLayer)", inputShape.toKeras(), "0", "-"));
        for (Row r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.layerLabel(), r.outputShape().toKeras(), String.format(Locale.ROOT, "%,d", r.params())));
            if (graph) cells.add(r.connectedTo().stream().map(c -> c + "[0][0]").collect(Collectors.joining(", ")));
            body.add(cells);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(modelName).append("\"\n");
        boxRule(sb, widths, "┏━┳┓");
        boxRow(sb, widths, graph ? List.of("Layer (type)", "Output Shape", "Param #", "Connected to")
                : List.of("Layer (type)", "Output Shape", "Param #"), '┃');
        boxRule(sb, widths, "┡━╇┩");
        for (int i = 0; i < body.size(); i++) {
            if (i > 0) boxRule(sb, widths, "├─┼┤");
            boxRow(sb, widths, body.get(i), '│');
        }
        boxRule(sb, widths, "└─┴┘");
        sb.append(String.format(Locale.ROOT, " Total params: %,d (%s)\n", totalParams, memorySize(totalParams)));
        sb.append(String.format(Locale.ROOT, " Trainable params: %,d (%s)\n", trainableParams, memorySize(trainableParams)));
        sb.append(String.format(Locale.ROOT, " Non-trainable params: %,d (%s)\n", nonTrainableParams(), memorySize(nonTrainableParams())));
        return sb.toString();
    }

    /** A horizontal rule from the four box characters left, line, junction, right. */
    private static void boxRule(StringBuilder sb, int[] widths, String box) {
        sb.append(box.charAt(0));
        for (int col = 0; col < widths.length; col++) {
            sb.append(String.valueOf(box.charAt(1)).repeat(widths[col] + 2)).append(col < widths.length - 1 ? box.charAt(2) : box.charAt(3));
        }
        sb.append('\n');
    }

    /** One table row, each cell wrapped to its column; the "Param #" column (the third) is right-aligned. */
    private static void boxRow(StringBuilder sb, int[] widths, List<String> cells, char bar) {
        List<List<String>> wrapped = new ArrayList<>();
        int height = 0;
        for (int col = 0; col < cells.size(); col++) {
            wrapped.add(wrapWords(cells.get(col), widths[col]));
            height = Math.max(height, wrapped.get(col).size());
        }
        for (int line = 0; line < height; line++) {
            sb.append(bar);
            for (int col = 0; col < cells.size(); col++) {
                String text = line < wrapped.get(col).size() ? wrapped.get(col).get(line) : "";
                String pad = " ".repeat(widths[col] - text.length());
                sb.append(' ').append(col == 2 ? pad + text : text + pad).append(' ').append(bar);
            }
            sb.append('\n');
        }
    }

    /** Greedy word wrap at spaces, as rich does; a word longer than the width is cut and ends in "…". */
    private static List<String> wrapWords(String text, int width) {
        List<String> lines = new ArrayList<>();
        String current = "";
        for (String word : text.split(" ")) {
            if (word.length() > width) word = word.substring(0, width - 1) + "…";
            if (current.isEmpty()) current = word;
            else if (current.length() + 1 + word.length() <= width) current += " " + word;
            else {
                lines.add(current);
                current = word;
            }
        }
        lines.add(current);
        return lines;
    }

    /** Keras 3's {@code readable_memory_size} of float32 weights: 4 bytes each, in B, KB, MB… of 1024. */
    private static String memorySize(long params) {
        double size = params * 4.0;
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int unit = 0;
        while (size / 1024 >= 1 && unit < units.length - 1) {
            size /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", size, units[unit]);
    }

    /** The name of the graph's input, the one rows connect to that is not a layer's (Keras' {@code input_1}). */
    private String inputLayerName() {
        List<String> layers = rows.stream().map(Row::name).toList();
        return rows.stream().flatMap(r -> r.connectedTo().stream()).filter(c -> !layers.contains(c)).findFirst().orElse("input_1");
    }

    /**
     * Keras' {@code print_row}: each cell gets its column's width less two spaces; what does not fit goes on
     * the next line, broken early after the first {@code "),"}, {@code "},"}, {@code "],"} or {@code "',"}.
     * A cell that fills its column pushes the rest of the line one place right (Keras pads with a leading
     * space it does not count), which is why long layer names misalign in Keras too.
     */
    private static void printRow(StringBuilder sb, int[] ends, List<String> fields) {
        String[] left = fields.toArray(new String[0]);
        while (anyLeft(left)) {
            StringBuilder line = new StringBuilder();
            for (int col = 0; col < left.length; col++) {
                int start = col > 0 ? ends[col - 1] : 0;
                int space = col != ends.length - 1 ? 2 : 0;
                int cutoff = ends[col] - start - space;
                String fit = left[col].substring(0, Math.min(cutoff, left[col].length()));
                int earliest = Integer.MAX_VALUE;
                for (String brk : new String[] {"),", "},", "],", "',"}) {
                    int at = fit.indexOf(brk);
                    if (at >= 0) earliest = Math.min(earliest, at + brk.length());
                }
                if (earliest != Integer.MAX_VALUE) {
                    cutoff = earliest;
                    fit = fit.substring(0, cutoff);
                }
                if (col == 0) line.append(' ');
                line.append(fit).append(" ".repeat(space));
                left[col] = left[col].substring(Math.min(cutoff, left[col].length()));
                line.append(" ".repeat(Math.max(0, ends[col] - line.length())));
            }
            sb.append(line).append('\n');
        }
    }

    private static boolean anyLeft(String[] cells) {
        for (String c : cells) if (!c.isEmpty()) return true;
        return false;
    }
}
