package dev.kubeward.image.vuln;

import java.util.Locale;

/**
 * How severe a vulnerability is, from least to most. CVSS scores map to levels by the CVSS v3/v4
 * qualitative scale (0.0 none, 0.1–3.9 low, 4.0–6.9 medium, 7.0–8.9 high, 9.0–10.0 critical) and
 * CVSS v2 scores by NVD's v2 scale (low below 4.0, medium below 7.0, high from 7.0).
 */
public enum VulnSeverity {
    UNKNOWN, NONE, LOW, MEDIUM, HIGH, CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The CVSS v3.x / v4.0 qualitative rating of a score. */
    public static VulnSeverity ofScore(double score) {
        if (score <= 0.0) {
            return NONE;
        }
        if (score < 4.0) {
            return LOW;
        }
        if (score < 7.0) {
            return MEDIUM;
        }
        if (score < 9.0) {
            return HIGH;
        }
        return CRITICAL;
    }

    /** NVD's CVSS v2 rating of a score. */
    public static VulnSeverity ofV2Score(double score) {
        if (score < 4.0) {
            return LOW;
        }
        return score < 7.0 ? MEDIUM : HIGH;
    }

    /**
     * A distribution's or registry's own word for a severity: GitHub's {@code LOW/MODERATE/HIGH/CRITICAL},
     * Debian's urgencies ({@code unimportant}, {@code low}, {@code medium}, {@code high}), Ubuntu's
     * priorities ({@code negligible} … {@code critical}), Red Hat's {@code Low/Moderate/Important/Critical}.
     * Words that say nothing ({@code not yet assigned}, {@code untriaged}, {@code unknown}) give null.
     */
    public static VulnSeverity ofWord(String word) {
        if (word == null) {
            return null;
        }
        String w = word.strip().toLowerCase(Locale.ROOT);
        int star = w.indexOf('*');
        if (star >= 0) {
            w = w.substring(0, star).strip();
        }
        return switch (w) {
            case "critical" -> CRITICAL;
            case "high", "important" -> HIGH;
            case "medium", "moderate" -> MEDIUM;
            case "low", "negligible", "unimportant" -> LOW;
            default -> null;
        };
    }
}
