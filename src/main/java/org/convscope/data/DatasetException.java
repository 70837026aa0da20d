package org.convscope.data;

import java.io.IOException;

/** A dataset that cannot be used: missing, truncated, corrupt or inconsistent. The message says which and where. */
public final class DatasetException extends IOException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
