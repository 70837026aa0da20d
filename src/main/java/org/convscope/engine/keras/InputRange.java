package org.convscope.engine.keras;

import java.util.Locale;

/**
 * The pixel values a model was trained on. ConvScope's images are 0–1; a model trained on 0–255
 * gets them multiplied by 255 at its input (see {@link org.convscope.engine.Model#inputScale()}).
 */
public enum InputRange {
    /** 0 to 1: the notebook divided the images by 255 (the Keras tutorials do). */
    ZERO_TO_ONE("0-1", 1f),
    /** 0 to 255: the raw pixels, or a model that rescales them itself. */
    ZERO_TO_255("0-255", 255f);

    /** As typed on the command line. */
    public final String label;
    /** What ConvScope's 0–1 values are multiplied by. */
    public final float scale;

    InputRange(String label, float scale) {
        this.label = label;
        this.scale = scale;
    }

    /** From {@code 0-1} or {@code 0-255}. */
    public static InputRange parse(String text) {
        for (InputRange r : values()) if (r.label.equals(text.trim().toLowerCase(Locale.ROOT))) return r;
        throw new IllegalArgumentException("input range must be 0-1 or 0-255, got '" + text + "'");
    }

    /** The range a model's input scale stands for. */
    public static InputRange ofScale(float scale) {
        return scale == 255f ? ZERO_TO_255 : ZERO_TO_ONE;
    }

    @Override
    public String toString() {
        return this == ZERO_TO_ONE ? "0–1" : "0–255";
    }
}
