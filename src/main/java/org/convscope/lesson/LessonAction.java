package org.convscope.lesson;

import java.util.List;

/**
 * What a step sets up: which view, and the settings of that view that the step needs. Fields not
 * given are null and leave the view as it is, so a step can change one thing (the stride) and keep
 * the rest of the previous step. Which fields a view takes is {@link View#keys}; the file format is
 * in {@code assets/lessons/README.md}.
 *
 * @param input      an input of the step-through views, one of {@link #INPUTS}
 * @param kernel     a {@link org.convscope.trace.KernelPreset} name or {@code learned}
 * @param padding    {@code valid}, {@code same} or a number of zeros on every side
 * @param step       the step shown, 1-based as the views count them
 * @param outputCell the output cell whose step is shown (row, column from 0); instead of {@code step}
 * @param highlight  an input cell whose outputs are marked (row, column from 0)
 * @param pooling    {@code max} or {@code average}
 * @param model      a pretrained model: {@code mnist} or {@code fashion}
 * @param layer      a layer's name: the learned kernel's Conv2D, or the column selected in the maps
 * @param filter     the filter (convolution) or map (maps) within the layer, from 0
 * @param page       the maps' page: {@code overview}, {@code map} or {@code kernels}
 * @param preset     train: the preset to train; maps: a preset architecture (untrained, seeded) to look inside
 * @param sample     draw: a sample image opened as the input, by its file name in {@code samples/images} without {@code .png}
 * @param explain    draw: the "Why?" overlay's method, one of {@link #EXPLANATIONS} ({@code off} hides it)
 * @param explainClass draw: the class the overlay explains, from 0 (else the network's answer)
 * @param explanations maps: whether the explanation column is shown
 * @param epsilon    fool: the most a pixel may change, 0–0.5
 */
public record LessonAction(View view, String input, String kernel, Integer kernelSize, Integer stride, String padding,
                           Integer dilation, Integer step, Cell outputCell, Cell highlight, String pooling, Integer poolSize,
                           String model, String layer, Integer filter, String page, Boolean clear,
                           String preset, Integer epochs, Double dropout, Integer batchSize, Long seed,
                           String sample, String explain, Integer explainClass, Boolean explanations, Double epsilon) {

    /** The input names, in the order of the views' input menus. */
    public static final List<String> INPUTS = List.of("photo-patch", "toy-5", "toy-7", "drawing", "sample-digit", "blobs-32", "rgb-8");
    public static final List<String> MODELS = List.of("mnist", "fashion");
    public static final List<String> PAGES = List.of("overview", "map", "kernels");
    public static final List<String> POOLINGS = List.of("max", "average");
    /** The overlay's methods by their command-line names, and {@code off}. */
    public static final List<String> EXPLANATIONS = List.of("saliency", "gradient-x-input", "gradcam", "occlusion", "off");

    /** A cell of a grid, row and column from 0. */
    public record Cell(int row, int col) {
    }

    /** The views a lesson can go to, by their name in lesson files, with the keys each takes besides {@code view}. */
    public enum View {
        DRAW("draw", List.of("model", "clear", "sample", "explain", "explainClass")),
        MAPS("maps", List.of("model", "preset", "layer", "filter", "page", "explanations")),
        CONVOLUTION("convolution", List.of("input", "kernel", "kernelSize", "stride", "padding", "dilation", "step",
                "outputCell", "highlight", "layer", "filter")),
        POOLING("pooling", List.of("input", "pooling", "poolSize", "stride", "padding", "step", "outputCell", "highlight")),
        TRAIN("train", List.of("preset", "epochs", "dropout", "batchSize", "seed")),
        TRANSFER("transfer", List.of()),
        FOOL("fool", List.of("epsilon"));

        public final String key;
        public final List<String> keys;

        View(String key, List<String> keys) {
            this.key = key;
            this.keys = keys;
        }
    }
}
