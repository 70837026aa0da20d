package org.convscope.app.common;

import org.convscope.trace.Numbers;
import org.convscope.trace.StepTrace;
import org.convscope.trace.render.GridPicture;

import java.util.List;
import java.util.Locale;

/**
 * What pictures say to a screen reader (their accessible text): a prediction, a step of a
 * convolution or pooling, a stack of feature maps, a chart's last values. Each is a sentence or two
 * that carries the numbers the picture shows, so that nothing is only in the pixels.
 */
public final class Descriptions {
    private Descriptions() {
    }

    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /**
     * What a user draws for {@code model}: "digit" when its classes are the digits 0–9 (or no model is loaded
     * yet: the app starts with a digit model), "picture" for any other classes (CIFAR-10, clothes, a folder's).
     */
    public static String drawnThing(org.convscope.engine.Model model) {
        return model == null || model.classNames().equals(DIGITS) ? "digit" : "picture";
    }

    /** {@code Prediction 7, 98 percent; next 1, 1 percent}; "No prediction yet" without probabilities. Not modified. */
    public static String prediction(List<String> names, float[] probabilities) {
        if (probabilities == null || probabilities.length == 0 || names.size() < probabilities.length) return "No prediction yet";
        int top = 0, next = -1;
        for (int i = 1; i < probabilities.length; i++) if (probabilities[i] > probabilities[top]) top = i;
        for (int i = 0; i < probabilities.length; i++) {
            if (i != top && (next < 0 || probabilities[i] > probabilities[next])) next = i;
        }
        String s = "Prediction " + names.get(top) + ", " + percent(probabilities[top]);
        return next < 0 ? s : s + "; next " + names.get(next) + ", " + percent(probabilities[next]);
    }

    private static String percent(float p) {
        return Math.round(100 * p) + " percent";
    }

    /** {@code Step 12 of 676: output row 1, column 3 = 138} (rows and columns from 0, as the grids count them). */
    public static String step(StepTrace<?> trace, int index) {
        int w = trace.geometry().outW();
        return "Step " + (index + 1) + " of " + trace.stepCount() + ": output row " + index / w + ", column " + index % w
                + " = " + Numbers.format(trace.step(index).output());
    }

    /**
     * {@code Input 5×5, padded to 7×7; the window covers rows −1 to 1, columns −1 to 1} for an input
     * grid of a step-through (padding rows and columns are negative or past the size).
     */
    public static String window(GridPicture p) {
        String size = p.values().height() + "×" + p.values().width();
        StringBuilder s = new StringBuilder(p.caption() == null || p.caption().isBlank() ? "Input " + size
                : p.caption().contains(size) ? p.caption() : p.caption() + " " + size);
        if (p.paddedHeight() != p.values().height() || p.paddedWidth() != p.values().width()) {
            s.append(", padded to ").append(p.paddedHeight()).append('×').append(p.paddedWidth());
        }
        if (!p.window().isEmpty()) {
            int r0 = Integer.MAX_VALUE, r1 = Integer.MIN_VALUE, c0 = Integer.MAX_VALUE, c1 = Integer.MIN_VALUE;
            for (GridPicture.Cell c : p.window()) {
                r0 = Math.min(r0, c.row());
                r1 = Math.max(r1, c.row());
                c0 = Math.min(c0, c.col());
                c1 = Math.max(c1, c.col());
            }
            s.append("; the window covers rows ").append(r0).append(" to ").append(r1)
                    .append(", columns ").append(c0).append(" to ").append(c1);
        }
        if (p.winner() != null) s.append("; the largest is at row ").append(p.winner().row()).append(", column ").append(p.winner().col());
        return s.toString();
    }

    /**
     * {@code conv2d: 32 feature maps of 26×26; the strongest is map 5, up to 3.21} for a layer's
     * output {@code values}, laid out (H, W, C). Not modified.
     */
    public static String featureMaps(String layer, int h, int w, int c, float[] values) {
        int best = 0;
        float bestMax = Float.NEGATIVE_INFINITY;
        float[] max = new float[c];
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < h * w * c && i < values.length; i++) max[i % c] = Math.max(max[i % c], values[i]);
        for (int k = 0; k < c; k++) {
            if (max[k] > bestMax) {
                bestMax = max[k];
                best = k;
            }
        }
        String maps = c == 1 ? "1 map" : c + " feature maps";
        return layer + ": " + maps + " of " + h + "×" + w + (c > 1 ? "; the strongest is map " + best + ", up to "
                + Numbers.format(bestMax) : ", up to " + Numbers.format(bestMax));
    }

    /** {@code Loss chart, epoch 3: training 0.1234, validation 0.2345} from the last point of each series (null or empty: left out). */
    public static String chart(String title, String xName, List<String> names, List<double[]> lastPoints) {
        StringBuilder s = new StringBuilder(title);
        double x = Double.NaN;
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            double[] p = lastPoints.get(i);
            if (p == null) continue;
            x = p[0];
            values.append(values.length() == 0 ? "" : ", ").append(names.get(i)).append(' ')
                    .append(String.format(Locale.ROOT, "%.4f", p[1]));
        }
        if (values.length() == 0) return s.append(": no values yet").toString();
        return s.append(", ").append(xName).append(' ').append(Math.round(x)).append(": ").append(values).toString();
    }
}
