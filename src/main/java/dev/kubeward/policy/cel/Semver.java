package dev.kubeward.policy.cel;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A semantic version as github.com/blang/semver/v4 parses and orders it (the library behind
 * the Kubernetes semver CEL functions), with its error messages, and the Kubernetes
 * normalization of semverlib.go's normalizeAndParse. The Kubernetes CEL Semver type.
 */
public final class Semver implements Comparable<Semver> {
    private static final BigInteger MAX_UINT64 = new BigInteger("18446744073709551615");

    private final long major;
    private final long minor;
    private final long patch;
    private final List<Object> pre; // Long (numeric) or String
    private final List<String> build;

    private Semver(long major, long minor, long patch, List<Object> pre, List<String> build) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.pre = pre;
        this.build = build;
    }

    /** semver.Parse; throws {@link IllegalArgumentException} with blang/semver's message. */
    public static Semver parse(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("Version string empty");
        }
        String[] parts = s.split("\\.", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("No Major.Minor.Patch elements found");
        }
        long major = number(parts[0], "major");
        long minor = number(parts[1], "minor");
        String patchStr = parts[2];
        List<String> build = new ArrayList<>();
        List<String> prerelease = new ArrayList<>();
        int buildIndex = patchStr.indexOf('+');
        if (buildIndex != -1) {
            build.addAll(List.of(patchStr.substring(buildIndex + 1).split("\\.", -1)));
            patchStr = patchStr.substring(0, buildIndex);
        }
        int preIndex = patchStr.indexOf('-');
        if (preIndex != -1) {
            prerelease.addAll(List.of(patchStr.substring(preIndex + 1).split("\\.", -1)));
            patchStr = patchStr.substring(0, preIndex);
        }
        long patch = number(patchStr, "patch");
        List<Object> pre = new ArrayList<>();
        for (String p : prerelease) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("Prerelease is empty");
            }
            if (onlyDigits(p)) {
                if (p.length() > 1 && p.charAt(0) == '0') {
                    throw new IllegalArgumentException("Numeric PreRelease version must not contain leading zeroes " + GoStrings.quote(p));
                }
                pre.add(uint(p));
            } else if (onlyAlnum(p)) {
                pre.add(p);
            } else {
                throw new IllegalArgumentException("Invalid character(s) found in prerelease " + GoStrings.quote(p));
            }
        }
        for (String b : build) {
            if (b.isEmpty()) {
                throw new IllegalArgumentException("Build meta data is empty");
            }
            if (!onlyAlnum(b)) {
                throw new IllegalArgumentException("Invalid character(s) found in build meta data " + GoStrings.quote(b));
            }
        }
        return new Semver(major, minor, patch, List.copyOf(pre), List.copyOf(build));
    }

    /** semverlib.go normalizeAndParse: no leading v, missing minor/patch as 0, no leading zeros. */
    public static Semver parseNormalized(String s) {
        if (s.startsWith("v")) {
            s = s.substring(1);
        }
        List<String> parts = new ArrayList<>(List.of(s.split("\\.", 3)));
        if (s.isEmpty()) {
            parts = new ArrayList<>(List.of(""));
        }
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            if (p.length() > 1) {
                p = p.replaceFirst("^0+", "");
                if (p.isEmpty() || "0123456789".indexOf(p.charAt(0)) < 0) {
                    p = "0" + p;
                }
                parts.set(i, p);
            }
        }
        if (parts.size() < 3) {
            String last = parts.get(parts.size() - 1);
            if (last.contains("+") || last.contains("-")) {
                throw new IllegalArgumentException("short version cannot contain PreRelease/Build meta data");
            }
            while (parts.size() < 3) {
                parts.add("0");
            }
        }
        return parse(String.join(".", parts));
    }

    private static long number(String s, String name) {
        if (!onlyDigits(s)) {
            throw new IllegalArgumentException("Invalid character(s) found in " + name + " number " + GoStrings.quote(s));
        }
        if (s.length() > 1 && s.charAt(0) == '0') {
            String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            throw new IllegalArgumentException(cap + " number must not contain leading zeroes " + GoStrings.quote(s));
        }
        return uint(s);
    }

    private static long uint(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("strconv.ParseUint: parsing \"\": invalid syntax");
        }
        BigInteger v = new BigInteger(s);
        if (v.compareTo(MAX_UINT64) > 0) {
            throw new IllegalArgumentException("strconv.ParseUint: parsing " + GoStrings.quote(s) + ": value out of range");
        }
        return v.longValue();
    }

    private static boolean onlyDigits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean onlyAlnum(String s) {
        return s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-');
    }

    public long major() {
        return major;
    }

    public long minor() {
        return minor;
    }

    public long patch() {
        return patch;
    }

    /** Version.Compare: numbers, then pre-release (a release ranks above its pre-releases); build ignored. */
    @Override
    public int compareTo(Semver o) {
        int c = Long.compareUnsigned(major, o.major);
        if (c == 0) {
            c = Long.compareUnsigned(minor, o.minor);
        }
        if (c == 0) {
            c = Long.compareUnsigned(patch, o.patch);
        }
        if (c != 0) {
            return Integer.signum(c);
        }
        if (pre.isEmpty() && o.pre.isEmpty()) {
            return 0;
        }
        if (pre.isEmpty()) {
            return 1;
        }
        if (o.pre.isEmpty()) {
            return -1;
        }
        int i = 0;
        for (; i < pre.size() && i < o.pre.size(); i++) {
            Object a = pre.get(i);
            Object b = o.pre.get(i);
            int r;
            if (a instanceof Long x && b instanceof Long y) {
                r = Long.compareUnsigned(x, y);
            } else if (a instanceof Long) {
                r = -1;
            } else if (b instanceof Long) {
                r = 1;
            } else {
                r = ((String) a).compareTo((String) b);
            }
            if (r != 0) {
                return Integer.signum(r);
            }
        }
        return Integer.compare(pre.size(), o.pre.size()) == 0 ? 0 : (i == pre.size() ? -1 : 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Semver s && compareTo(s) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(major) * 31 * 31 + Long.hashCode(minor) * 31 + Long.hashCode(patch) + pre.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder()
                .append(Long.toUnsignedString(major)).append('.')
                .append(Long.toUnsignedString(minor)).append('.')
                .append(Long.toUnsignedString(patch));
        if (!pre.isEmpty()) {
            b.append('-');
            for (int i = 0; i < pre.size(); i++) {
                if (i > 0) {
                    b.append('.');
                }
                Object p = pre.get(i);
                b.append(p instanceof Long l ? Long.toUnsignedString(l) : p);
            }
        }
        if (!build.isEmpty()) {
            b.append('+').append(String.join(".", build));
        }
        return b.toString();
    }
}
