package dev.kubeward.image.vuln;

/** The vulnerability database is missing, unreadable or could not be written; the message says what to do. */
public final class VulnDbException extends Exception {
    public VulnDbException(String message) {
        super(message);
    }

    public VulnDbException(String message, Throwable cause) {
        super(message, cause);
    }
}
