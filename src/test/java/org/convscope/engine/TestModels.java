package org.convscope.engine;

import java.util.List;
import java.util.SplittableRandom;

/** Small seeded data and models shared by the training and model-file tests. */
final class TestModels {
    private TestModels() {
    }

    /** Images (N, 8, 8, 1) and labels (N) of three patterns. */
    record Data(Tensor x, Tensor y) {
    }

    /**
     * {@code n} 8×8 images, each one pattern at a random place — 0: a horizontal bar, 1: a vertical
     * bar, 2: a 3×3 square outline — on Gaussian noise (σ 0.2), labels cycling 0, 1, 2. Seeded.
     */
    static Data patterns(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor x = Tensor.zeros(n, 8, 8, 1), y = Tensor.zeros(n);
        for (int i = 0; i < n; i++) {
            int label = i % 3;
            y.data[i] = label;
            for (int p = 0; p < 64; p++) x.data[i * 64 + p] = (float) (0.2 * random.nextGaussian());
            int r = 1 + random.nextInt(5), c = 1 + random.nextInt(5);
            for (int k = 0; k < 3; k++) {
                switch (label) {
                    case 0 -> x.set(i, r, c + k - 1, 0, 1);
                    case 1 -> x.set(i, r + k - 1, c, 0, 1);
                    default -> {
                        x.set(i, r - 1, c + k - 1, 0, 1);
                        x.set(i, r + 1, c + k - 1, 0, 1);
                        x.set(i, r + k - 1, c - 1, 0, 1);
                        x.set(i, r + k - 1, c + 1, 0, 1);
                    }
                }
            }
        }
        return new Data(x, y);
    }

    /** A tiny conv net for the 8×8 patterns, built with {@code seed} and compiled with Adam. */
    static Model tinyConvNet(long seed, float learningRate) {
        Model m = new Model(Shape.of(8, 8, 1))
                .add(new Conv2D(8, 3, Activation.RELU))
                .add(new MaxPooling2D(2, Padding.VALID))
                .add(new Flatten())
                .add(new Dense(3, Activation.SOFTMAX))
                .build(seed);
        m.compile(new Adam(learningRate), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        return m;
    }

    /** All values of {@code params}, concatenated (a snapshot). */
    static float[] values(List<Param> params) {
        int n = 0;
        for (Param p : params) n += p.size();
        float[] all = new float[n];
        int at = 0;
        for (Param p : params) {
            System.arraycopy(p.value.data, 0, all, at, p.size());
            at += p.size();
        }
        return all;
    }
}
