package org.convscope.cli;

import org.convscope.engine.keras.InputRange;
import picocli.CommandLine.Option;

/** {@code --input-range 0-1|0-255}, for the commands whose {@code --model} may be a Keras file. */
final class InputRangeOption {

    @Option(names = "--input-range", paramLabel = "0-1|0-255",
            description = "For a Keras .h5/.keras model without a Rescaling layer: the pixel values it was trained on "
                    + "(default 0-1: the notebook divided the images by 255).")
    String text;

    /** The range asked for, or null when not given. */
    InputRange range() {
        return text == null ? null : InputRange.parse(text);
    }
}
