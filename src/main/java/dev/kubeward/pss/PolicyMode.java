package dev.kubeward.pss;

/** The three Pod Security admission modes and their namespace labels. */
public enum PolicyMode {
    ENFORCE("enforce"),
    AUDIT("audit"),
    WARN("warn");

    private static final String LABEL_PREFIX = "pod-security.kubernetes.io/";

    private final String name;

    PolicyMode(String name) {
        this.name = name;
    }

    /** e.g. {@code pod-security.kubernetes.io/enforce} */
    public String levelLabel() {
        return LABEL_PREFIX + name;
    }

    /** e.g. {@code pod-security.kubernetes.io/enforce-version} */
    public String versionLabel() {
        return LABEL_PREFIX + name + "-version";
    }

    @Override
    public String toString() {
        return name;
    }
}
