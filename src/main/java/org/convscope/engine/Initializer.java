package org.convscope.engine;

import java.util.Arrays;

/** Weight initializers with Keras' names and formulas. */
public enum Initializer {
    /** Uniform in ±√(6 / (fan_in + fan_out)) (Glorot &amp; Bengio 2010); Keras' default. */
    GLOROT_UNIFORM("glorot_uniform"),
    /** Normal with σ = √(2 / fan_in), truncated at 2σ (He et al. 2015). */
    HE_NORMAL("he_normal"),
    ZEROS("zeros"),
    ONES("ones");

    public final String kerasName;

    Initializer(String kerasName) {
        this.kerasName = kerasName;
    }

    public static Initializer fromKeras(String name) {
        for (Initializer i : values()) {
            if (i.kerasName.equals(name)) return i;
        }
        throw new IllegalArgumentException("unknown initializer '" + name + "' (known: glorot_uniform, he_normal, zeros, ones)");
    }

    /** Fills {@code t}. Modified. */
    public void fill(Tensor t, int fanIn, int fanOut, Rng rng) {
        switch (this) {
            case ZEROS -> Arrays.fill(t.data, 0f);
            case ONES -> Arrays.fill(t.data, 1f);
            case GLOROT_UNIFORM -> {
                float limit = (float) Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < t.data.length; i++) t.data[i] = rng.uniform(-limit, limit);
            }
            case HE_NORMAL -> {
                // Keras divides by .87962566 so that the truncated normal keeps the intended σ.
                double sigma = Math.sqrt(2.0 / fanIn) / .87962566103423978;
                for (int i = 0; i < t.data.length; i++) {
                    double g;
                    do {
                        g = rng.gaussian();
                    } while (Math.abs(g) > 2);
                    t.data[i] = (float) (g * sigma);
                }
            }
        }
    }
}
