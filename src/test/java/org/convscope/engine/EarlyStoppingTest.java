package org.convscope.engine;

import org.convscope.engine.TrainingListener.EpochLogs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EarlyStoppingTest {
    /** Few training images and a large rate: the seeded run overfits, so its val_loss turns up after a few epochs. */
    private static final TestModels.Data TRAIN = TestModels.patterns(24, 5);
    private static final TestModels.Data TEST = TestModels.patterns(90, 6);
    private static final int PATIENCE = 3, PLANNED = 40;

    private static History fit(Model model, EarlyStopping stopping) {
        return model.fit(TRAIN.x(), TRAIN.y(), FitOptions.of(PLANNED, 8, 2).withValidation(TEST.x(), TEST.y())
                .withEarlyStopping(stopping), TrainingListener.NONE);
    }

    /** The epoch (1-based) with the lowest val_loss among the first {@code upTo}; the first of equals. */
    private static int bestEpoch(List<EpochLogs> epochs, int upTo) {
        int best = 1;
        for (int e = 2; e <= upTo; e++) if (epochs.get(e - 1).valLoss() < epochs.get(best - 1).valLoss()) best = e;
        return best;
    }

    @Test
    void stopsPatienceEpochsAfterTheBestValLossAndRestoresThatEpochsWeights() {
        Model model = TestModels.tinyConvNet(9, 0.05f);
        History h = fit(model, EarlyStopping.onValLoss(PATIENCE));
        List<EpochLogs> epochs = h.epochs();
        int stopped = h.earlyStoppedEpoch(), best = bestEpoch(epochs, epochs.size());
        assertTrue(stopped > 0 && stopped < PLANNED, "the seeded run stops early: " + epochs);
        assertEquals(epochs.size(), stopped, "no epoch runs after the stop");
        assertEquals(best + PATIENCE, stopped, "patience epochs without a lower val_loss than epoch " + best);
        assertEquals(best, h.restoredEpoch());
        Model.Metrics now = model.evaluate(TEST.x(), TEST.y(), 256);
        assertEquals(epochs.get(best - 1).valLoss(), now.loss(), 0, "the model is back at the best epoch");
        assertEquals(epochs.get(best - 1).valAccuracy(), now.accuracy(), 0);
        assertNotEquals(epochs.get(stopped - 1).valLoss(), now.loss(), "and not at the last one");
    }

    @Test
    void restoredWeightsAreThoseOfTheBestEpochBitForBit() {
        Model reference = TestModels.tinyConvNet(9, 0.05f);
        int best = fit(TestModels.tinyConvNet(9, 0.05f), EarlyStopping.onValLoss(PATIENCE)).restoredEpoch();
        reference.fit(TRAIN.x(), TRAIN.y(), FitOptions.of(best, 8, 2).withValidation(TEST.x(), TEST.y()), TrainingListener.NONE);
        Model stopped = TestModels.tinyConvNet(9, 0.05f);
        fit(stopped, EarlyStopping.onValLoss(PATIENCE));
        assertArrayEquals(TestModels.values(reference.params()), TestModels.values(stopped.params()),
                "the same seeded run cut at the best epoch has the same weights");
    }

    @Test
    void withoutRestoreTheModelKeepsTheLastEpochsWeights() {
        Model model = TestModels.tinyConvNet(9, 0.05f);
        History h = fit(model, new EarlyStopping(Monitor.VAL_LOSS, PATIENCE, 0, false));
        assertEquals(0, h.restoredEpoch());
        assertEquals(h.last().valLoss(), model.evaluate(TEST.x(), TEST.y(), 256).loss(), 0);
    }

    @Test
    void aRunThatKeepsImprovingRunsAllItsEpochsAndKeepsTheBest() {
        Model model = TestModels.tinyConvNet(9, 0.003f);
        History h = model.fit(TestModels.patterns(210, 1).x(), TestModels.patterns(210, 1).y(),
                FitOptions.of(4, 21, 1).withValidation(TEST.x(), TEST.y()).withEarlyStopping(EarlyStopping.onValLoss(10)), TrainingListener.NONE);
        assertEquals(4, h.epochs().size());
        assertEquals(0, h.earlyStoppedEpoch());
        assertEquals(bestEpoch(h.epochs(), 4), h.restoredEpoch());
    }

    @Test
    void monitoringValAccuracyWaitsForAHigherOne() {
        var run = new EarlyStopping(Monitor.VAL_ACCURACY, 2, 0, false).start(TestModels.tinyConvNet(1, 0.01f), true);
        double[] acc = {0.5, 0.6, 0.6, 0.7, 0.65, 0.69};
        boolean[] stops = {false, false, false, false, false, true};
        for (int e = 1; e <= acc.length; e++) {
            assertEquals(stops[e - 1], run.afterEpoch(new EpochLogs(e, 9, 1, 0.5, 1, acc[e - 1], 1, 0.001f)), "epoch " + e);
        }
        assertEquals(4, run.bestEpoch());
        assertEquals(6, run.stoppedEpoch());
    }

    @Test
    void valLossWithoutValidationDataIsRefusedWithAReason() {
        Model model = TestModels.tinyConvNet(1, 0.01f);
        var e = assertThrows(IllegalArgumentException.class, () -> model.fit(TRAIN.x(), TRAIN.y(),
                FitOptions.of(2, 8, 1).withEarlyStopping(EarlyStopping.onValLoss(2)), TrainingListener.NONE));
        assertEquals("early stopping monitors val_loss, but there is no validation data (give validation data, or monitor loss)", e.getMessage());
    }
}
