package dev.kubeward.checks.secrets;

/**
 * The only form in which a finding may show a credential: its first two characters, and only
 * when the value is long enough that they give nothing useful away.
 */
final class Mask {
    private static final int MIN_LENGTH_FOR_PREVIEW = 12;

    private Mask() {}

    static String preview(String value) {
        String v = value.strip();
        return v.length() >= MIN_LENGTH_FOR_PREVIEW ? v.substring(0, 2) + "…" : "…";
    }
}
