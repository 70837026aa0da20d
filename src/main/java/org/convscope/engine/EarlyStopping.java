package org.convscope.engine;

import org.convscope.engine.TrainingListener.EpochLogs;

import java.util.List;

/**
 * Keras' {@code EarlyStopping(monitor, patience, min_delta, restore_best_weights)}: training stops once the
 * monitored figure has gone {@code patience} epochs without improving on its best by more than {@code minDelta};
 * with {@code restoreBestWeights} the model then gets back the weights it had at the end of its best epoch (as
 * Keras 3 does, also when the run ends without stopping early).
 */
public record EarlyStopping(Monitor monitor, int patience, double minDelta, boolean restoreBestWeights) {

    public EarlyStopping {
        if (patience < 1) throw new IllegalArgumentException("early stopping: patience must be ≥ 1 epoch, got " + patience);
        if (!(minDelta >= 0)) throw new IllegalArgumentException("early stopping: min_delta must be ≥ 0, got " + minDelta);
    }

    /** {@code EarlyStopping(monitor="val_loss", patience=patience, restore_best_weights=True)}. */
    public static EarlyStopping onValLoss(int patience) {
        return new EarlyStopping(Monitor.VAL_LOSS, patience, 0, true);
    }

    /**
     * Fresh state for one run of {@code model}.
     * @throws IllegalArgumentException when the monitored figure needs validation data and there is none
     */
    public Run start(Model model, boolean hasValidation) {
        monitor.requireAvailable(hasValidation, "early stopping");
        return new Run(model);
    }

    /** One run: told each epoch's logs, says when to stop, and restores the best epoch's weights. */
    public final class Run {
        private final Model model;
        private double best = monitor.worst();
        private int bestEpoch, wait, stoppedEpoch;
        private float[][] bestWeights; // every param (batch-norm statistics too), as Keras' get_weights()

        private Run(Model model) {
            this.model = model;
        }

        /** After an epoch (1-based) with its validation: true when training must stop here. */
        public boolean afterEpoch(EpochLogs logs) {
            double value = monitor.of(logs);
            wait++;
            if (monitor.improves(value, best, minDelta)) {
                best = value;
                bestEpoch = logs.epoch();
                wait = 0;
                if (restoreBestWeights) bestWeights = values(model.params(), bestWeights);
                return false;
            }
            if (bestEpoch == 0) { // a first epoch that is no number (NaN): its weights are the fallback, as in Keras
                bestEpoch = logs.epoch();
                if (restoreBestWeights) bestWeights = values(model.params(), bestWeights);
            }
            if (wait >= patience && logs.epoch() > 1) {
                stoppedEpoch = logs.epoch();
                return true;
            }
            return false;
        }

        /**
         * At the end of the run: with {@code restoreBestWeights}, puts the best epoch's weights back into the model.
         * @return the epoch whose weights the model now has (1-based), or 0 when nothing was restored
         */
        public int restoreBest() {
            if (!restoreBestWeights || bestWeights == null) return 0;
            List<Param> ps = model.params();
            for (int i = 0; i < ps.size(); i++) System.arraycopy(bestWeights[i], 0, ps.get(i).value.data, 0, bestWeights[i].length);
            return bestEpoch;
        }

        /** The epoch (1-based) at whose end training stopped, or 0 while it has not. */
        public int stoppedEpoch() {
            return stoppedEpoch;
        }

        /** The epoch (1-based) with the best monitored figure so far, 0 before the first. */
        public int bestEpoch() {
            return bestEpoch;
        }

        /** The best monitored figure so far. */
        public double best() {
            return best;
        }

        /** A copy of every param's values, into {@code into} when its arrays fit. */
        private static float[][] values(List<Param> params, float[][] into) {
            if (into == null || into.length != params.size()) into = new float[params.size()][];
            for (int i = 0; i < into.length; i++) {
                float[] v = params.get(i).value.data;
                if (into[i] == null || into[i].length != v.length) into[i] = new float[v.length];
                System.arraycopy(v, 0, into[i], 0, v.length);
            }
            return into;
        }
    }
}
