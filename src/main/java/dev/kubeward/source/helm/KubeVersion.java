package dev.kubeward.source.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes version a chart is rendered for, and the check of a chart's {@code kubeVersion}
 * constraint against it, as Helm makes them: {@code chartutil.ParseKubeVersion} (a lenient semantic
 * version: {@code 1.33} is {@code v1.33.0}) and Masterminds semver v3 constraints ({@code >=1.23.0-0},
 * {@code ~1.30}, {@code ^1.2}, {@code 1.28 - 1.31}, {@code 1.x}, alternatives with {@code ||}, terms
 * joined by commas or spaces).
 */
public final class KubeVersion {
    private static final Pattern VERSION = Pattern.compile(
            "v?(\\d+)(?:\\.(\\d+|[xX*]))?(?:\\.(\\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");
    private static final Pattern TERM = Pattern.compile("\\s*(!=|>=|=>|<=|=<|~>|[=<>~^])?\\s*(\\S+)");

    private final long major;
    private final long minor;
    private final long patch;
    private final String prerelease;

    private KubeVersion(long major, long minor, long patch, String prerelease) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.prerelease = prerelease;
    }

    /** Parses {@code v1.33.4}, {@code 1.33}, {@code v1.29.3-eks-1}; throws IllegalArgumentException with a sentence. */
    public static KubeVersion parse(String text) {
        Matcher m = VERSION.matcher(text.trim());
        if (!m.matches() || isWild(m.group(2)) || isWild(m.group(3))) {
            throw new IllegalArgumentException("not a Kubernetes version: '" + text + "' (expected v1.33.4 or 1.33)");
        }
        return new KubeVersion(Long.parseLong(m.group(1)), m.group(2) == null ? 0 : Long.parseLong(m.group(2)),
                m.group(3) == null ? 0 : Long.parseLong(m.group(3)), m.group(4));
    }

    /** {@code .Capabilities.KubeVersion.Version} (and {@code GitVersion}): {@code v1.33.0}. */
    public String version() {
        return "v" + major + "." + minor + "." + patch + (prerelease == null ? "" : "-" + prerelease);
    }

    public String major() {
        return Long.toString(major);
    }

    public String minor() {
        return Long.toString(minor);
    }

    /**
     * Whether this version satisfies {@code constraint} ({@code Chart.yaml}'s {@code kubeVersion});
     * throws IllegalArgumentException when the constraint does not parse, as Helm refuses it.
     */
    public boolean satisfies(String constraint) {
        for (String alternative : constraint.split("\\|\\|")) {
            if (satisfiesAll(alternative.trim())) {
                return true;
            }
        }
        return false;
    }

    private boolean satisfiesAll(String group) {
        // A hyphen range first: "1.2 - 1.4.5".
        Matcher hyphen = Pattern.compile("(\\S+)\\s+-\\s+(\\S+)").matcher(group);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        List<String[]> terms = new ArrayList<>();
        while (hyphen.find()) {
            rest.append(group, last, hyphen.start());
            terms.add(new String[] {">=", hyphen.group(1)});
            terms.add(new String[] {"<=", hyphen.group(2)});
            last = hyphen.end();
        }
        rest.append(group.substring(last));
        String remaining = rest.toString().replace(',', ' ').trim();
        // "> 1.2" is one term: join an operator with the version after it.
        remaining = remaining.replaceAll("(!=|>=|=>|<=|=<|~>|[=<>~^])\\s+", "$1");
        if (remaining.isEmpty() && terms.isEmpty()) {
            throw new IllegalArgumentException("empty constraint");
        }
        Matcher t = TERM.matcher(remaining);
        while (t.find()) {
            terms.add(new String[] {t.group(1) == null ? "=" : t.group(1), t.group(2)});
        }
        for (String[] term : terms) {
            if (!satisfies(term[0], term[1])) {
                return false;
            }
        }
        return true;
    }

    private boolean satisfies(String op, String versionText) {
        if (versionText.matches("[xX*]")) {
            return prerelease == null;
        }
        Matcher m = VERSION.matcher(versionText);
        if (!m.matches()) {
            throw new IllegalArgumentException("improper constraint: " + op + versionText);
        }
        long cMajor = Long.parseLong(m.group(1));
        boolean minorDirty = m.group(2) == null || isWild(m.group(2));
        boolean patchDirty = minorDirty || m.group(3) == null || isWild(m.group(3));
        long cMinor = minorDirty ? 0 : Long.parseLong(m.group(2));
        long cPatch = patchDirty ? 0 : Long.parseLong(m.group(3));
        String cPre = m.group(4);
        // Masterminds v3: a prerelease version satisfies only constraints that name a prerelease.
        if (prerelease != null && cPre == null) {
            return false;
        }
        KubeVersion c = new KubeVersion(cMajor, cMinor, cPatch, cPre);
        int cmp = compareTo(c);
        switch (op) {
            case "=":
                return minorDirty ? major == cMajor : patchDirty ? major == cMajor && minor == cMinor : cmp == 0;
            case "!=":
                return !satisfies("=", versionText);
            case ">":
                return minorDirty ? major > cMajor : patchDirty ? major > cMajor || (major == cMajor && minor > cMinor) : cmp > 0;
            case ">=":
            case "=>":
                return cmp >= 0;
            case "<":
                return cmp < 0;
            case "<=":
            case "=<":
                return minorDirty ? major <= cMajor : patchDirty ? major < cMajor || (major == cMajor && minor <= cMinor) : cmp <= 0;
            case "~":
            case "~>":
                return cmp >= 0 && (minorDirty ? major == cMajor : major == cMajor && minor == cMinor);
            case "^":
                if (cmp < 0) {
                    return false;
                }
                if (cMajor > 0 || minorDirty) {
                    return major == cMajor;
                }
                if (cMinor > 0 || patchDirty) {
                    return major == 0 && minor == cMinor;
                }
                return major == 0 && minor == 0 && patch == cPatch;
            default:
                throw new IllegalArgumentException("improper constraint: " + op + versionText);
        }
    }

    private static boolean isWild(String part) {
        return part != null && (part.equals("x") || part.equals("X") || part.equals("*"));
    }

    private int compareTo(KubeVersion o) {
        int c = Long.compare(major, o.major);
        if (c == 0) {
            c = Long.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, o.patch);
        }
        if (c != 0) {
            return c;
        }
        if (prerelease == null || o.prerelease == null) {
            return prerelease == null ? (o.prerelease == null ? 0 : 1) : -1;
        }
        String[] a = prerelease.split("\\.");
        String[] b = o.prerelease.split("\\.");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            boolean an = a[i].matches("\\d+");
            boolean bn = b[i].matches("\\d+");
            int r = an && bn ? new java.math.BigInteger(a[i]).compareTo(new java.math.BigInteger(b[i]))
                    : an ? -1 : bn ? 1 : a[i].compareTo(b[i]);
            if (r != 0) {
                return r;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    @Override
    public String toString() {
        return version();
    }
}
