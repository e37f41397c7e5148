package dev.kubeward.pss;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Pod Security Standards policy version: {@code v1.<minor>} or {@code latest}.
 *
 * <p>Any {@code v1.N} that admission accepts is representable, including minors newer than this
 * engine knows: admission accepts them too and evaluates them as its newest known version, which is
 * what {@link #effectiveMinor()} returns.
 */
public record PssVersion(int minor, boolean latest) {

    /**
     * The newest policy minor the upstream library registers a check revision for (the sysctls
     * safe set grows at v1.37). {@code latest} and any newer minor evaluate as this one.
     */
    public static final int NEWEST_KNOWN_MINOR = 37;

    public static final PssVersion LATEST = new PssVersion(NEWEST_KNOWN_MINOR, true);

    private static final List<PssVersion> KNOWN = buildKnown();

    public PssVersion {
        if (minor < 0) {
            throw new IllegalArgumentException("policy minor version must not be negative: " + minor);
        }
    }

    /** The pinned version {@code v1.<minor>}. */
    public static PssVersion of(int minor) {
        // Known minors are shared instances; the constructor rejects negative ones.
        return minor >= 0 && minor <= NEWEST_KNOWN_MINOR ? KNOWN.get(minor) : new PssVersion(minor, false);
    }

    /** Every pinned version from v1.0 to the newest known minor, oldest first. */
    public static List<PssVersion> known() {
        return KNOWN;
    }

    /**
     * Parses {@code latest} or {@code v1.N} with the same grammar as admission: no leading zeros,
     * no whitespace, major version 1 only.
     *
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static PssVersion parse(String value) {
        if ("latest".equals(value)) {
            return LATEST;
        }
        if (value == null || value.length() < 4 || !value.startsWith("v1.")) {
            throw invalid(value);
        }
        String digits = value.substring(3);
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            throw invalid(value);
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(value);
            }
        }
        try {
            return of(Integer.parseInt(digits));
        } catch (NumberFormatException tooLarge) {
            throw invalid(value);
        }
    }

    private static IllegalArgumentException invalid(String value) {
        return new IllegalArgumentException(
                "invalid Pod Security version \"" + value + "\": must be \"latest\" or \"v1.x\"");
    }

    /** The minor whose controls apply: the newest known minor for {@code latest} or a future minor. */
    public int effectiveMinor() {
        return latest ? NEWEST_KNOWN_MINOR : Math.min(minor, NEWEST_KNOWN_MINOR);
    }

    @Override
    public String toString() {
        return latest ? "latest" : "v1." + minor;
    }

    private static List<PssVersion> buildKnown() {
        List<PssVersion> versions = new ArrayList<>(NEWEST_KNOWN_MINOR + 1);
        for (int minor = 0; minor <= NEWEST_KNOWN_MINOR; minor++) {
            versions.add(new PssVersion(minor, false));
        }
        return Collections.unmodifiableList(versions);
    }
}
