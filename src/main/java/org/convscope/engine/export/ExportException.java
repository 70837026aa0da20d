package org.convscope.engine.export;

import java.io.IOException;

/** A model that cannot be written in the asked format, or a file that could not be written; the message says which and why. */
public final class ExportException extends IOException {
    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
