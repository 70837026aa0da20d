package org.convscope.engine;

import java.util.SplittableRandom;

/**
 * The one source of randomness in the engine. Same seed → same weights, same batches, same
 * dropout masks, same curve.
 */
public final class Rng {
    private final SplittableRandom random;

    public Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    private Rng(SplittableRandom random) {
        this.random = random;
    }

    /** An independent generator derived from this one (for a layer, a shuffler, ...). */
    public Rng split() {
        return new Rng(random.split());
    }

    public float uniform(float low, float high) {
        return low + (high - low) * (float) random.nextDouble();
    }

    public double gaussian() {
        return random.nextGaussian();
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Fisher–Yates shuffle of {@code a}. Modified. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
