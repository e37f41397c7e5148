package dev.kubeward.image.sign;

/** A key or a signature that cannot be read: the message names the file or the reference. */
public final class SignatureException extends Exception {
    private static final long serialVersionUID = 1L;

    public SignatureException(String message) {
        super(message);
    }
}
