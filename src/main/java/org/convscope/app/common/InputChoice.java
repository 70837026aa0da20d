package org.convscope.app.common;

import org.convscope.engine.Tensor;
import org.convscope.trace.Grid;
import org.convscope.trace.Samples;
import org.convscope.trace.render.ImageInput;

/** The inputs a lesson can slide a window over. Pixel intensities are 0..255 so the equations read as whole numbers. */
public enum InputChoice {
    SEED_PATCH("Photo patch 7×7 (the 138 example)"),
    TOY_5("Toy matrix 5×5"),
    TOY_7("Toy matrix 7×7"),
    DRAWING("Current drawing 28×28"),
    SAMPLE_DIGIT("Sample digit 28×28 (MNIST)"),
    BLOBS_32("Soft blobs 32×32"),
    RGB("RGB image 8×8 (3 channels)");

    public final String label;

    InputChoice(String label) {
        this.label = label;
    }

    /** Whether the user may type into the cells. */
    public boolean editable() {
        return this == TOY_5 || this == TOY_7;
    }

    /**
     * The grid; for {@link #DRAWING} the app's drawing (1, H, W, C) in 0..1 as 0..255, or the sample
     * digit when nothing is drawn ({@code drawing} null).
     */
    public Grid grid(Tensor drawing) {
        return switch (this) {
            case SEED_PATCH -> Samples.seedPatch();
            case TOY_5 -> Samples.toy5();
            case TOY_7 -> Samples.toy7();
            case SAMPLE_DIGIT -> Samples.digit();
            case BLOBS_32 -> Samples.blobs32();
            case RGB -> Samples.rgb8();
            case DRAWING -> drawing == null ? Samples.digit() : ImageInput.toBytes(Grid.fromTensor(drawing));
        };
    }

    /** What to tell the user about the input, or "". */
    public String note(Tensor drawing) {
        return this == DRAWING && drawing == null ? "Nothing drawn yet: showing the sample digit." : "";
    }

    @Override
    public String toString() {
        return label;
    }
}
