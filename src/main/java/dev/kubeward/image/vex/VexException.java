package dev.kubeward.image.vex;

/** A VEX document that cannot be used: the message names the file, the line and what is wrong. */
public final class VexException extends Exception {
    private static final long serialVersionUID = 1L;

    public VexException(String message) {
        super(message);
    }
}
