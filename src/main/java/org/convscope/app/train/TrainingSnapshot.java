package org.convscope.app.train;

import org.convscope.engine.Model;
import org.convscope.engine.TrainingListener.EpochLogs;

import java.util.List;

/**
 * What a training run has done so far, handed from the training thread to the UI. Immutable;
 * the lists hold everything since the start, so a UI that skips snapshots loses nothing.
 *
 * @param model       a private copy of the model to show in the other views, or null when this
 *                    snapshot carries none (copies are made every few batches)
 * @param evaluation  the test-set evaluation once the run has ended, else null
 * @param message     why the run ended when it did not simply finish, else null
 * @param earlyStoppedEpoch the epoch after which early stopping ended the run, else 0
 * @param restoredEpoch the epoch whose weights early stopping restored at the end, else 0
 */
public record TrainingSnapshot(Phase phase, int epoch, int epochs, int batch, int batches,
                               double imagesPerSecond, double secondsLeft, String progressLine,
                               List<BatchPoint> batchPoints, List<EpochLogs> epochPoints, List<String> log,
                               Model model, Evaluation evaluation, String message,
                               int earlyStoppedEpoch, int restoredEpoch) {

    public enum Phase {
        RUNNING, PAUSED, FINISHED, STOPPED, DIVERGED;

        public boolean ended() {
            return this == FINISHED || this == STOPPED || this == DIVERGED;
        }
    }

    /**
     * One training batch: {@code step} counts batches from 1, {@code epochs} is the position on the
     * epoch axis (epoch − 1 + batch / batches), loss and accuracy are this batch's own.
     */
    public record BatchPoint(int step, double epochs, double loss, double accuracy, float learningRate) {
    }

    /** The share of all batches done, 0..1. */
    public double progress() {
        if (phase == Phase.FINISHED) return 1; // early stopping finishes before the planned last epoch
        return epochs == 0 || batches == 0 ? 0 : ((epoch - 1) * (double) batches + batch) / ((double) epochs * batches);
    }
}
