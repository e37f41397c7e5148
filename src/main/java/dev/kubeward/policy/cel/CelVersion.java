package dev.kubeward.policy.cel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes minor version, as the CEL environment is versioned: each library and language
 * option has the version it appeared in (k8s.io/apiserver/pkg/cel/environment/base.go), and an
 * environment for version V holds every option introduced at V or before.
 */
public record CelVersion(int major, int minor) implements Comparable<CelVersion> {
    /** The newest version kubeward knows the CEL environment of; the default. */
    public static final CelVersion NEWEST = new CelVersion(1, 36);
    /** The oldest version with ValidatingAdmissionPolicy (alpha in 1.26). */
    public static final CelVersion OLDEST = new CelVersion(1, 26);

    private static final Pattern FORM = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.\\d+)?(?:[-+].*)?");

    /** Parses {@code 1.33}, {@code v1.33} or {@code v1.33.4}; null when it is not a version. */
    public static CelVersion parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            return new CelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static CelVersion of(int major, int minor) {
        return new CelVersion(major, minor);
    }

    public boolean atLeast(CelVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(CelVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
