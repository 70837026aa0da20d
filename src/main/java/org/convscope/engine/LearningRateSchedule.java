package org.convscope.engine;

import org.convscope.engine.TrainingListener.EpochLogs;

import java.util.Locale;

/**
 * How the learning rate changes from epoch to epoch, as Keras' {@code LearningRateScheduler} and
 * {@code ReduceLROnPlateau} callbacks change it. With {@code lr₀} the rate the run starts with, {@code e} the
 * epoch counted from 0 (as Keras' {@code schedule(epoch, lr)} counts) and {@code E} the run's epochs:
 * <pre>
 *   constant      lr(e) = lr₀
 *   step          lr(e) = lr₀ · factor^⌊e / every⌋                        (step decay)
 *   exponential   lr(e) = lr₀ · rate^e                                    (ExponentialDecay, one step per epoch)
 *   cosine        lr(e) = lr₀ · ((1 − α) · ½ (1 + cos(π e / E)) + α)      (CosineDecay, Loshchilov &amp; Hutter 2017, no restarts)
 *   plateau       lr ← max(lr · factor, min_lr) once the monitored figure has not improved by min_delta for
 *                 patience epochs in a row                                (ReduceLROnPlateau, cooldown 0)
 * </pre>
 * A schedule is an immutable description; {@link #start} makes the state of one run.
 */
public sealed interface LearningRateSchedule {

    /** The spelling {@link #parse} reads, e.g. {@code step:10:0.5}. */
    String spec();

    /** Fresh state for one run that starts at {@code initialRate} and plans {@code epochs} epochs. */
    Scheduler start(float initialRate, int epochs, boolean hasValidation);

    /** True when the rate follows from the epoch alone, so a rate the user types during the run would be overridden. */
    default boolean isFormula() {
        return !(this instanceof Constant) && !(this instanceof Plateau);
    }

    /** One run's schedule. Called on the training thread, between epochs. */
    interface Scheduler {
        /** The rate epoch {@code epoch} (1-based, as History counts) trains with; {@code current} is the optimizer's rate now. */
        float beforeEpoch(int epoch, float current);

        /** After an epoch's logs (validation included): the rate from the next epoch on. */
        float afterEpoch(EpochLogs logs, float current);
    }

    /** The rate the run starts with, throughout. */
    record Constant() implements LearningRateSchedule {
        public String spec() {
            return "constant";
        }

        public Scheduler start(float initialRate, int epochs, boolean hasValidation) {
            return new Scheduler() { // leaves the rate alone, so one the user types during the run stays
                public float beforeEpoch(int epoch, float current) {
                    return current;
                }

                public float afterEpoch(EpochLogs logs, float current) {
                    return current;
                }
            };
        }
    }

    /** {@code lr₀ · factor^⌊e / every⌋}: the rate is multiplied by {@code factor} every {@code every} epochs. */
    record Step(int every, double factor) implements LearningRateSchedule {
        public Step {
            if (every < 1) throw new IllegalArgumentException("step: the epochs between two drops must be ≥ 1, got " + every);
            requireFactor("step", factor);
        }

        public String spec() {
            return "step:" + every + ":" + num(factor);
        }

        public Scheduler start(float initialRate, int epochs, boolean hasValidation) {
            return new Formula(e -> initialRate * Math.pow(factor, Math.floorDiv(e, every)));
        }
    }

    /** {@code lr₀ · rate^e}. */
    record Exponential(double rate) implements LearningRateSchedule {
        public Exponential {
            requireFactor("exponential", rate);
        }

        public String spec() {
            return "exponential:" + num(rate);
        }

        public Scheduler start(float initialRate, int epochs, boolean hasValidation) {
            return new Formula(e -> initialRate * Math.pow(rate, e));
        }
    }

    /** {@code lr₀ · ((1 − α) · ½ (1 + cos(π e / E)) + α)}: from lr₀ down towards α·lr₀ over the planned epochs. */
    record Cosine(double alpha) implements LearningRateSchedule {
        public Cosine {
            if (!(alpha >= 0 && alpha < 1)) throw new IllegalArgumentException("cosine: alpha (the final fraction of the rate) must be in [0, 1), got " + alpha);
        }

        public String spec() {
            return alpha == 0 ? "cosine" : "cosine:" + num(alpha);
        }

        public Scheduler start(float initialRate, int epochs, boolean hasValidation) {
            return new Formula(e -> initialRate * ((1 - alpha) * 0.5 * (1 + Math.cos(Math.PI * e / epochs)) + alpha));
        }
    }

    /**
     * Keras' {@code ReduceLROnPlateau(monitor, factor, patience, min_delta, min_lr)} with {@code cooldown=0}: after
     * each epoch, an improvement of the monitored figure by more than {@code minDelta} resets the count of epochs
     * without one; when that count reaches {@code patience}, {@code lr ← max(lr · factor, minLr)} (if lr is still
     * above minLr) and the count starts again.
     */
    record Plateau(Monitor monitor, int patience, double factor, double minDelta, double minLr) implements LearningRateSchedule {
        public Plateau {
            if (patience < 1) throw new IllegalArgumentException("plateau: patience must be ≥ 1 epoch, got " + patience);
            requireFactor("plateau", factor);
            if (!(minLr >= 0)) throw new IllegalArgumentException("plateau: min_lr must be ≥ 0, got " + minLr);
        }

        /** Keras' defaults but for patience and factor: monitor val_loss, min_delta 10⁻⁴, min_lr 0. */
        public Plateau(int patience, double factor) {
            this(Monitor.VAL_LOSS, patience, factor, 1e-4, 0);
        }

        public String spec() {
            return "plateau:" + patience + ":" + num(factor) + (minLr > 0 ? ":" + num(minLr) : "");
        }

        public Scheduler start(float initialRate, int epochs, boolean hasValidation) {
            monitor.requireAvailable(hasValidation, "plateau");
            return new Scheduler() {
                private double best = monitor.worst();
                private int wait;

                public float beforeEpoch(int epoch, float current) {
                    return current;
                }

                public float afterEpoch(EpochLogs logs, float current) {
                    double value = monitor.of(logs);
                    if (monitor.improves(value, best, minDelta)) {
                        best = value;
                        wait = 0;
                        return current;
                    }
                    if (++wait < patience) return current;
                    wait = 0;
                    // Keras compares in float32: once at min_lr, the rate stays
                    return current > (float) minLr ? (float) Math.max(current * factor, minLr) : current;
                }
            };
        }
    }

    /** A schedule that is a function of the epoch (from 0). */
    final class Formula implements Scheduler {
        private final java.util.function.IntToDoubleFunction rate;

        Formula(java.util.function.IntToDoubleFunction rate) {
            this.rate = rate;
        }

        public float beforeEpoch(int epoch, float current) {
            return (float) rate.applyAsDouble(epoch - 1);
        }

        public float afterEpoch(EpochLogs logs, float current) {
            return current;
        }
    }

    /** What {@link #parse} reads, for help texts. */
    String FORMS = "constant, step:EVERY:FACTOR (× FACTOR every EVERY epochs), exponential:RATE (× RATE every epoch), "
            + "cosine[:ALPHA] (cosine decay over the epochs, to ALPHA·lr), plateau:PATIENCE:FACTOR[:MIN_LR] "
            + "(× FACTOR after PATIENCE epochs without a better val_loss)";

    /**
     * Reads {@code constant}, {@code step:EVERY:FACTOR}, {@code exponential:RATE}, {@code cosine}, {@code cosine:ALPHA},
     * {@code plateau:PATIENCE:FACTOR} or {@code plateau:PATIENCE:FACTOR:MIN_LR}.
     * @throws IllegalArgumentException naming what is wrong and the forms it reads
     */
    static LearningRateSchedule parse(String text) {
        String[] p = text.trim().toLowerCase(Locale.ROOT).split(":", -1);
        try {
            switch (p[0]) {
                case "constant", "none":
                    if (p.length == 1) return new Constant();
                    break;
                case "step":
                    if (p.length == 3) return new Step(Integer.parseInt(p[1]), Double.parseDouble(p[2]));
                    break;
                case "exponential":
                    if (p.length == 2) return new Exponential(Double.parseDouble(p[1]));
                    break;
                case "cosine":
                    if (p.length <= 2) return new Cosine(p.length == 1 ? 0 : Double.parseDouble(p[1]));
                    break;
                case "plateau":
                    if (p.length == 3 || p.length == 4) {
                        return new Plateau(Monitor.VAL_LOSS, Integer.parseInt(p[1]), Double.parseDouble(p[2]), 1e-4,
                                p.length == 4 ? Double.parseDouble(p[3]) : 0);
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': not a number where one is expected; the forms are: " + FORMS);
        }
        throw new IllegalArgumentException("'" + text + "' is not a learning-rate schedule; the forms are: " + FORMS);
    }

    private static void requireFactor(String name, double factor) {
        if (!(factor > 0 && factor <= 1)) throw new IllegalArgumentException(name + ": the factor must be in (0, 1], got " + factor);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
