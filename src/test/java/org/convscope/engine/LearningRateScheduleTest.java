package org.convscope.engine;

import org.convscope.engine.TrainingListener.EpochLogs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearningRateScheduleTest {
    private static final TestModels.Data TRAIN = TestModels.patterns(63, 1);
    private static final TestModels.Data TEST = TestModels.patterns(30, 2);
    private static final float LR0 = 0.01f;
    private static final int EPOCHS = 7;

    /** Fits the tiny net with the schedule; returns the rate the optimizer had at every batch, per epoch (and checks they agree). */
    private static List<Float> ratesPerEpoch(LearningRateSchedule schedule) {
        Model model = TestModels.tinyConvNet(3, LR0);
        List<List<Float>> seen = new ArrayList<>();
        History h = model.fit(TRAIN.x(), TRAIN.y(), FitOptions.of(EPOCHS, 21, 1).withValidation(TEST.x(), TEST.y()).withSchedule(schedule),
                new TrainingListener() {
                    @Override
                    public void onBatchEnd(BatchLogs logs) {
                        if (logs.batch() == 1) seen.add(new ArrayList<>());
                        seen.get(seen.size() - 1).add(model.optimizer().learningRate());
                    }
                });
        List<Float> rates = new ArrayList<>();
        for (int e = 0; e < h.epochs().size(); e++) {
            float logged = h.epochs().get(e).learningRate();
            for (float r : seen.get(e)) assertEquals(logged, r, 0, "every batch of epoch " + (e + 1) + " trains at the logged rate");
            rates.add(logged);
        }
        return rates;
    }

    @Test
    void stepDecayMultipliesByTheFactorEveryNEpochs() {
        List<Float> rates = ratesPerEpoch(LearningRateSchedule.parse("step:3:0.5"));
        float[] expected = {0.01f, 0.01f, 0.01f, 0.005f, 0.005f, 0.005f, 0.0025f}; // lr₀ · 0.5^⌊e/3⌋
        for (int e = 0; e < EPOCHS; e++) assertEquals(expected[e], rates.get(e), 1e-9, "epoch " + (e + 1));
    }

    @Test
    void exponentialDecayIsTheRateToThePowerOfTheEpoch() {
        List<Float> rates = ratesPerEpoch(LearningRateSchedule.parse("exponential:0.8"));
        for (int e = 0; e < EPOCHS; e++) assertEquals((float) (LR0 * Math.pow(0.8, e)), rates.get(e), 0, "epoch " + (e + 1));
        assertEquals(0.0026214f, rates.get(6), 1e-7); // 0.01 · 0.8⁶ by hand
    }

    @Test
    void cosineDecayFollowsHalfACosineOverThePlannedEpochs() {
        List<Float> rates = ratesPerEpoch(LearningRateSchedule.parse("cosine"));
        for (int e = 0; e < EPOCHS; e++) {
            assertEquals((float) (LR0 * 0.5 * (1 + Math.cos(Math.PI * e / EPOCHS))), rates.get(e), 0, "epoch " + (e + 1));
        }
        assertEquals(LR0, rates.get(0), 0);
        assertEquals(0.005f, (float) (LR0 * 0.5 * (1 + Math.cos(Math.PI * 3.5 / 7))), 1e-9); // half-way: half the rate
        List<Float> withFloor = ratesPerEpoch(LearningRateSchedule.parse("cosine:0.1"));
        for (int e = 0; e < EPOCHS; e++) {
            assertEquals((float) (LR0 * (0.9 * 0.5 * (1 + Math.cos(Math.PI * e / EPOCHS)) + 0.1)), withFloor.get(e), 0);
        }
    }

    @Test
    void constantLeavesTheRateAlone() {
        for (float r : ratesPerEpoch(new LearningRateSchedule.Constant())) assertEquals(LR0, r, 0);
    }

    private static EpochLogs valLoss(int epoch, double v) {
        return new EpochLogs(epoch, 8, 1, 0.5, v, 0.5, 1, 0);
    }

    @Test
    void plateauHalvesTheRateAfterPatienceEpochsWithoutABetterValLoss() {
        var plateau = new LearningRateSchedule.Plateau(2, 0.5).start(1f, 8, true);
        double[] valLosses = {1.0, 0.9, 0.95, 0.93, 0.92, 0.85, 0.9, 0.9};
        // by hand: epochs 3 and 4 do not beat 0.9 → halved after 4; 5 does not, 6 beats it (0.85); 7 and 8 do not → halved after 8
        float[] expectedAfter = {1, 1, 1, 0.5f, 0.5f, 0.5f, 0.5f, 0.25f};
        float lr = 1;
        for (int e = 1; e <= 8; e++) {
            assertEquals(lr, plateau.beforeEpoch(e, lr), 0, "plateau never changes the rate before an epoch");
            lr = plateau.afterEpoch(valLoss(e, valLosses[e - 1]), lr);
            assertEquals(expectedAfter[e - 1], lr, 0, "after epoch " + e);
        }
    }

    @Test
    void plateauStopsAtMinLrAndNeedsMoreThanMinDelta() {
        var plateau = new LearningRateSchedule.Plateau(Monitor.VAL_LOSS, 1, 0.1, 0.01, 0.05).start(1f, 8, true);
        float lr = plateau.afterEpoch(valLoss(1, 1.0), 1f);
        lr = plateau.afterEpoch(valLoss(2, 0.995), lr); // better by less than min_delta: no improvement
        assertEquals(0.1f, lr, 1e-7);
        lr = plateau.afterEpoch(valLoss(3, 0.995), lr);
        assertEquals(0.05f, lr, 1e-7, "0.01 would be under min_lr 0.05");
        assertEquals(0.05f, plateau.afterEpoch(valLoss(4, 0.995), lr), 1e-7);
    }

    @Test
    void plateauInAFitReducesExactlyWhenItsValLossStalls() {
        Model model = TestModels.tinyConvNet(3, 0.05f);
        History h = model.fit(TRAIN.x(), TRAIN.y(), FitOptions.of(20, 21, 1).withValidation(TEST.x(), TEST.y())
                .withSchedule(LearningRateSchedule.parse("plateau:2:0.5")), TrainingListener.NONE);
        // replay the run's own val_loss through the rule: reduce after 2 epochs in a row without beating the best by 1e-4
        double best = Double.POSITIVE_INFINITY;
        int wait = 0, reductions = 0;
        float lr = 0.05f;
        for (EpochLogs e : h.epochs()) {
            assertEquals(lr, e.learningRate(), 0, "epoch " + e.epoch());
            if (e.valLoss() < best - 1e-4) {
                best = e.valLoss();
                wait = 0;
            } else if (++wait >= 2) {
                wait = 0;
                lr *= 0.5f;
                reductions++;
            }
        }
        assertTrue(reductions > 0, "the seeded run stalls at least once: " + h.epochs());
    }

    @Test
    void parsesEveryFormAndRefusesOthersWithTheForms() {
        assertEquals(new LearningRateSchedule.Step(10, 0.5), LearningRateSchedule.parse("step:10:0.5"));
        assertEquals(new LearningRateSchedule.Exponential(0.9), LearningRateSchedule.parse("exponential:0.9"));
        assertEquals(new LearningRateSchedule.Cosine(0), LearningRateSchedule.parse("cosine"));
        assertEquals(new LearningRateSchedule.Plateau(Monitor.VAL_LOSS, 3, 0.2, 1e-4, 1e-5), LearningRateSchedule.parse("plateau:3:0.2:1e-5"));
        for (String spec : List.of("constant", "step:10:0.5", "exponential:0.9", "cosine", "cosine:0.1", "plateau:3:0.2", "plateau:3:0.2:1.0E-5")) {
            assertEquals(spec, LearningRateSchedule.parse(spec).spec());
        }
        var unknown = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse("linear"));
        assertTrue(unknown.getMessage().contains("step:EVERY:FACTOR"), unknown.getMessage());
        var notNumber = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse("step:x:0.5"));
        assertTrue(notNumber.getMessage().startsWith("'step:x:0.5': not a number"), notNumber.getMessage());
        var badFactor = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse("step:2:1.5"));
        assertTrue(badFactor.getMessage().contains("(0, 1]"), badFactor.getMessage());
    }

    @Test
    void plateauOnValLossWithoutValidationIsRefusedWithAReason() {
        Model model = TestModels.tinyConvNet(3, 0.01f);
        var e = assertThrows(IllegalArgumentException.class, () -> model.fit(TRAIN.x(), TRAIN.y(),
                FitOptions.of(2, 21, 1).withSchedule(LearningRateSchedule.parse("plateau:2:0.5")), TrainingListener.NONE));
        assertTrue(e.getMessage().contains("monitors val_loss, but there is no validation data"), e.getMessage());
    }
}
