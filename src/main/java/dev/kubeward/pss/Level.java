package dev.kubeward.pss;

/**
 * A Pod Security Standards level, ordered from least to most strict.
 *
 * <p>Label values are matched case-sensitively, exactly as pod-security-admission does:
 * {@code Baseline} is not a level.
 */
public enum Level {
    PRIVILEGED("privileged"),
    BASELINE("baseline"),
    RESTRICTED("restricted");

    private final String label;

    Level(String label) {
        this.label = label;
    }

    /** The value used in namespace labels, e.g. {@code baseline}. */
    public String label() {
        return label;
    }

    /**
     * Parses a namespace label value.
     *
     * @throws IllegalArgumentException if the value is not exactly one of the three level names
     */
    public static Level parse(String value) {
        for (Level level : values()) {
            if (level.label.equals(value)) {
                return level;
            }
        }
        throw new IllegalArgumentException(
                "invalid Pod Security level \"" + value + "\": must be one of privileged, baseline, restricted");
    }

    @Override
    public String toString() {
        return label;
    }
}
