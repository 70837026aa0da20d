package org.convscope.data;

import java.io.IOException;

/** An image file that cannot be used: not an image, corrupt, or too large. The message says which. */
public final class ImageFormatException extends IOException {
    public ImageFormatException(String message) {
        super(message);
    }

    public ImageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
