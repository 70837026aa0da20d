package org.convscope.engine;

import java.io.IOException;

/** A model or config file that cannot be used; the message says which file and what is wrong. */
public final class ModelFormatException extends IOException {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
