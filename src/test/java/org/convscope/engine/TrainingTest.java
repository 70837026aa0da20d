package org.convscope.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingTest {
    private static final TestModels.Data TRAIN = TestModels.patterns(210, 1);
    private static final TestModels.Data TEST = TestModels.patterns(60, 2);

    private static History fit(Model model, long seed, int epochs) {
        return model.fit(TRAIN.x(), TRAIN.y(), FitOptions.of(epochs, 21, seed).withValidation(TEST.x(), TEST.y()), TrainingListener.NONE);
    }

    /** Loss, accuracy, validation loss and accuracy of every epoch (not the wall-clock seconds). */
    private static double[] figures(History h) {
        return h.epochs().stream()
                .flatMapToDouble(e -> java.util.stream.DoubleStream.of(e.loss(), e.accuracy(), e.valLoss(), e.valAccuracy()))
                .toArray();
    }

    @Test
    void lossFallsAndAccuracyRisesOnSeededPatterns() {
        Model model = TestModels.tinyConvNet(1, 0.03f);
        History h = fit(model, 1, 6);
        var first = h.epochs().get(0);
        var last = h.last();
        assertEquals(6, h.epochs().size());
        assertFalse(h.stopped());
        assertTrue(last.loss() < 0.5 * first.loss(), "loss " + first.loss() + " → " + last.loss() + "; " + java.util.Arrays.toString(figures(h)));
        assertTrue(last.accuracy() > first.accuracy(), "accuracy " + first.accuracy() + " → " + last.accuracy());
        assertTrue(last.accuracy() > 0.9, "training accuracy " + last.accuracy());
        assertTrue(last.hasValidation());
        assertTrue(last.valAccuracy() > 0.9, "validation accuracy " + last.valAccuracy());
        assertEquals(last.valAccuracy(), model.evaluate(TEST.x(), TEST.y(), 32).accuracy(), 1e-12);
    }

    @Test
    void sameSeedGivesBitIdenticalHistoryAndWeights() {
        Model a = TestModels.tinyConvNet(4, 0.01f), b = TestModels.tinyConvNet(4, 0.01f);
        assertArrayEquals(figures(fit(a, 5, 2)), figures(fit(b, 5, 2)));
        assertArrayEquals(TestModels.values(a.params()), TestModels.values(b.params()));
    }

    @Test
    void differentSeedsGiveDifferentCurves() {
        double[] reference = figures(fit(TestModels.tinyConvNet(4, 0.01f), 5, 2));
        assertNotEquals(java.util.Arrays.toString(reference),
                java.util.Arrays.toString(figures(fit(TestModels.tinyConvNet(4, 0.01f), 6, 2))), "another shuffling seed");
        assertNotEquals(java.util.Arrays.toString(reference),
                java.util.Arrays.toString(figures(fit(TestModels.tinyConvNet(7, 0.01f), 5, 2))), "another weight seed");
    }

    @Test
    void stopRequestEndsFitBetweenBatchesWithAUsableModel() {
        Model model = TestModels.tinyConvNet(1, 0.01f);
        AtomicInteger batches = new AtomicInteger();
        TrainingListener counter = new TrainingListener() {
            @Override
            public void onBatchEnd(BatchLogs logs) {
                batches.incrementAndGet();
            }
        };
        FitOptions options = FitOptions.of(5, 21, 1).withStop(() -> batches.get() >= 3);
        History h = model.fit(TRAIN.x(), TRAIN.y(), options, counter);
        assertTrue(h.stopped());
        assertEquals(3, batches.get(), "no batch starts after the request");
        assertTrue(h.epochs().isEmpty(), "the first epoch (10 batches) never finished");
        assertTrue(model.predict(TEST.x()).isFinite());
        // and it trains on from where it stopped
        History more = fit(model, 2, 1);
        assertEquals(1, more.epochs().size());
    }

    @Test
    void hugeLearningRateThrowsAndKeepsTheLastGoodWeights() {
        Model model = TestModels.tinyConvNet(1, 1f);
        model.compile(new Sgd(1e30f, 0, false), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        List<float[]> snapshots = new ArrayList<>();
        snapshots.add(TestModels.values(model.params()));
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onBatchEnd(BatchLogs logs) {
                snapshots.add(TestModels.values(model.params()));
            }
        };
        assertThrows(TrainingDivergedException.class,
                () -> model.fit(TRAIN.x(), TRAIN.y(), FitOptions.of(3, 21, 1), recorder));
        assertArrayEquals(snapshots.get(snapshots.size() - 1), TestModels.values(model.params()),
                "weights are those before the step that diverged");
    }

    @Test
    void divergenceAlsoRestoresBatchNormalizationStatistics() {
        // the forward pass of the failing step has already moved the moving statistics
        Model model = new Model(Shape.of(8, 8, 1))
                .add(new Conv2D(4, 3, Activation.RELU))
                .add(new BatchNormalization())
                .add(new Flatten())
                .add(new Dense(3, Activation.SOFTMAX))
                .build(1);
        model.compile(new Sgd(1e30f, 0, false), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        List<float[]> snapshots = new ArrayList<>();
        snapshots.add(TestModels.values(model.params()));
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onBatchEnd(BatchLogs logs) {
                snapshots.add(TestModels.values(model.params()));
            }
        };
        assertThrows(TrainingDivergedException.class,
                () -> model.fit(TRAIN.x(), TRAIN.y(), FitOptions.of(3, 21, 1), recorder));
        assertArrayEquals(snapshots.get(snapshots.size() - 1), TestModels.values(model.params()));
    }

    /** An optimizer whose update turns the first weight into NaN, as an overflowing step would. */
    private static final class PoisonedSgd extends Optimizer {
        PoisonedSgd() {
            super(0.1f);
        }

        @Override
        public String name() {
            return "poisoned";
        }

        @Override
        protected float[][] newState(int size) {
            return new float[0][];
        }

        @Override
        protected void update(float[] w, float[] g, float[][] state, float lr, long t) {
            for (int i = 0; i < w.length; i++) w[i] -= lr * g[i];
            w[0] = Float.NaN;
        }
    }

    @Test
    void stepThatMakesAWeightNaNIsUndone() {
        Model model = TestModels.tinyConvNet(1, 0.01f);
        model.compile(new PoisonedSgd(), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        float[] before = TestModels.values(model.params());
        var e = assertThrows(TrainingDivergedException.class, () -> model.trainStep(TRAIN.x().slice(0, 8), TRAIN.y().slice(0, 8)));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertArrayEquals(before, TestModels.values(model.params()));
    }

    @Test
    void nonFiniteInputThrowsBeforeAnyUpdate() {
        Model model = TestModels.tinyConvNet(1, 0.01f);
        float[] before = TestModels.values(model.params());
        Tensor x = TRAIN.x().slice(0, 8);
        x.data[5] = Float.NaN;
        assertThrows(TrainingDivergedException.class, () -> model.trainStep(x, TRAIN.y().slice(0, 8)));
        assertArrayEquals(before, TestModels.values(model.params()));
    }

    @Test
    void batchLogsReportRunningMeansAndProgress() {
        Model model = TestModels.tinyConvNet(1, 0.01f);
        List<TrainingListener.BatchLogs> logs = new ArrayList<>();
        model.fit(TRAIN.x(), TRAIN.y(), FitOptions.of(1, 50, 1), new TrainingListener() {
            @Override
            public void onBatchEnd(BatchLogs l) {
                logs.add(l);
            }
        });
        assertEquals(5, logs.size()); // 210 images in batches of 50: 4 full and one of 10
        assertEquals(List.of(50, 100, 150, 200, 210), logs.stream().map(TrainingListener.BatchLogs::seen).toList());
        double weighted = 0;
        for (var l : logs) weighted += l.batchLoss() * (l.seen() - (l.batch() == 1 ? 0 : logs.get(l.batch() - 2).seen()));
        assertEquals(weighted / 210, logs.get(4).loss(), 1e-9);
    }
}
