package dev.kubeward.image.oci;

/** An image that cannot be read: the message names the file (or blob) and what is wrong with it. */
public final class ImageException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
