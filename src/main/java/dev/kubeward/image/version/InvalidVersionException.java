package dev.kubeward.image.version;

/** A version string that its ecosystem's rules reject; the message names the version and the rule. */
public final class InvalidVersionException extends IllegalArgumentException {
    private final String version;

    public InvalidVersionException(String version, String reason) {
        super("invalid version '" + version + "': " + reason);
        this.version = version;
    }

    /** The version that was rejected. */
    public String version() {
        return version;
    }
}
