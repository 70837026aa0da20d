package org.convscope.app.train;

import org.convscope.engine.Model;
import org.convscope.engine.Tensor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a trained model gets right and wrong on a test set: the confusion matrix (rows: true class,
 * columns: predicted class), which test images fall in each cell, per-class accuracy, and the
 * mistakes the model was most sure of. Immutable.
 */
public final class Evaluation {
    private final List<String> classNames;
    private final int[][] counts;           // (K, K)
    private final int[][][] cells;          // (K, K, count) test indices
    private final int[] predicted;          // (N)
    private final float[] confidence;       // (N) probability of the predicted class
    private final int total, correct;

    /** One wrong answer: the test image, its true and predicted class, and the predicted probability. */
    public record Mistake(int index, int truth, int predicted, float confidence) {
    }

    private Evaluation(List<String> classNames, int[] labels, int[] predicted, float[] confidence) {
        int k = classNames.size();
        this.classNames = List.copyOf(classNames);
        this.predicted = predicted;
        this.confidence = confidence;
        this.counts = new int[k][k];
        List<List<List<Integer>>> lists = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            lists.add(new ArrayList<>());
            for (int p = 0; p < k; p++) lists.get(t).add(new ArrayList<>());
        }
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            counts[labels[i]][predicted[i]]++;
            lists.get(labels[i]).get(predicted[i]).add(i);
            if (labels[i] == predicted[i]) hits++;
        }
        this.cells = new int[k][k][];
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) cells[t][p] = lists.get(t).get(p).stream().mapToInt(Integer::intValue).toArray();
        }
        this.total = labels.length;
        this.correct = hits;
    }

    /**
     * Runs the model over the test images. images (N, H, W, C) and labels (N), not modified;
     * the model serves this thread for the duration.
     */
    public static Evaluation of(Model model, Tensor images, Tensor labels, List<String> classNames) {
        Tensor probs = model.predict(images); // (N, K)
        int n = images.batch(), k = probs.size() / Math.max(1, n);
        int[] truth = new int[n], guess = new int[n];
        float[] conf = new float[n];
        for (int i = 0; i < n; i++) {
            truth[i] = (int) labels.data[i];
            guess[i] = Model.argmax(probs.data, i * k, k);
            conf[i] = probs.data[i * k + guess[i]];
        }
        return new Evaluation(classNames, truth, guess, conf);
    }

    public List<String> classNames() {
        return classNames;
    }

    public int classes() {
        return classNames.size();
    }

    /** Test images of class {@code truth} that the model called {@code predicted}. */
    public int count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    /** Their indices in the test set, in test-set order. */
    public int[] cell(int truth, int predicted) {
        return cells[truth][predicted].clone();
    }

    /** The largest count off the diagonal and on it, for colouring. */
    public int maxCount() {
        int m = 0;
        for (int[] row : counts) for (int v : row) m = Math.max(m, v);
        return m;
    }

    public double accuracy() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /** Fraction of class {@code c}'s test images classified as {@code c}; NaN when there are none. */
    public double classAccuracy(int c) {
        int n = 0;
        for (int v : counts[c]) n += v;
        return n == 0 ? Double.NaN : (double) counts[c][c] / n;
    }

    public int predicted(int index) {
        return predicted[index];
    }

    public float confidence(int index) {
        return confidence[index];
    }

    /** Up to {@code limit} wrong answers, the most confident first. */
    public List<Mistake> confidentMistakes(int limit) {
        List<Mistake> all = new ArrayList<>();
        for (int t = 0; t < cells.length; t++) {
            for (int p = 0; p < cells.length; p++) {
                if (t == p) continue;
                for (int i : cells[t][p]) all.add(new Mistake(i, t, p, confidence[i]));
            }
        }
        all.sort(Comparator.comparingDouble(Mistake::confidence).reversed().thenComparingInt(Mistake::index));
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }
}
