package dev.kubeward.image.version;

/**
 * RPM versions, as rpm compares them: {@code [epoch:]version[-release]}, the epoch compared as a
 * number (none is 0), then version and release each with {@code rpmvercmp} ({@code rpmio/rpmvercmp.c}):
 * separators other than {@code ~} and {@code ^} are skipped; a tilde sorts before everything, the
 * end included; a caret sorts after the end but before anything else; runs of digits compare as
 * numbers and are newer than runs of letters; letters compare as strings; the version that has
 * segments left over is newer.
 */
public final class Rpm implements VersionOrdering {
    public static final Rpm INSTANCE = new Rpm();

    private Rpm() {}

    /** Epoch (0 when absent), version and release (null when absent). */
    public record Evr(long epoch, String version, String release) {}

    @Override
    public String name() {
        return "rpm";
    }

    @Override
    public int compare(String a, String b) {
        Evr x = parse(a);
        Evr y = parse(b);
        if (x.epoch != y.epoch) {
            return x.epoch < y.epoch ? -1 : 1;
        }
        int rc = rpmvercmp(x.version, y.version);
        if (rc != 0) {
            return rc;
        }
        // rpm compares releases only when both have one (rpmVersionCompare / rpmdsCompare).
        if (x.release == null || y.release == null) {
            return 0;
        }
        return rpmvercmp(x.release, y.release);
    }

    @Override
    public void validate(String version) {
        parse(version);
    }

    /** Splits {@code [epoch:]version[-release]} as rpm's {@code parseEVR} does. */
    public static Evr parse(String evr) {
        if (evr == null || evr.isEmpty()) {
            throw new InvalidVersionException(String.valueOf(evr), "empty version");
        }
        int i = 0;
        while (i < evr.length() && evr.charAt(i) >= '0' && evr.charAt(i) <= '9') {
            i++;
        }
        long epoch = 0;
        String rest = evr;
        if (i < evr.length() && evr.charAt(i) == ':') {
            if (i > 0) {
                String e = evr.substring(0, i);
                epoch = e.length() > 18 ? Long.MAX_VALUE : Long.parseLong(e);
            }
            rest = evr.substring(i + 1);
        }
        int dash = rest.lastIndexOf('-');
        String version = dash >= 0 ? rest.substring(0, dash) : rest;
        String release = dash >= 0 ? rest.substring(dash + 1) : null;
        return new Evr(epoch, version, release);
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean alpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** rpmvercmp: 1 when a is newer, 0 when the same, -1 when b is newer. */
    public static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int one = 0;
        int two = 0;
        int la = a.length();
        int lb = b.length();
        while (one < la || two < lb) {
            while (one < la && !alpha(a.charAt(one)) && !digit(a.charAt(one)) && a.charAt(one) != '~' && a.charAt(one) != '^') {
                one++;
            }
            while (two < lb && !alpha(b.charAt(two)) && !digit(b.charAt(two)) && b.charAt(two) != '~' && b.charAt(two) != '^') {
                two++;
            }
            char c1 = one < la ? a.charAt(one) : 0;
            char c2 = two < lb ? b.charAt(two) : 0;
            if (c1 == '~' || c2 == '~') {
                if (c1 != '~') {
                    return 1;
                }
                if (c2 != '~') {
                    return -1;
                }
                one++;
                two++;
                continue;
            }
            if (c1 == '^' || c2 == '^') {
                if (c1 == 0) {
                    return -1;
                }
                if (c2 == 0) {
                    return 1;
                }
                if (c1 != '^') {
                    return 1;
                }
                if (c2 != '^') {
                    return -1;
                }
                one++;
                two++;
                continue;
            }
            if (c1 == 0 || c2 == 0) {
                break;
            }
            int str1 = one;
            int str2 = two;
            boolean isnum;
            if (digit(c1)) {
                while (str1 < la && digit(a.charAt(str1))) {
                    str1++;
                }
                while (str2 < lb && digit(b.charAt(str2))) {
                    str2++;
                }
                isnum = true;
            } else {
                while (str1 < la && alpha(a.charAt(str1))) {
                    str1++;
                }
                while (str2 < lb && alpha(b.charAt(str2))) {
                    str2++;
                }
                isnum = false;
            }
            if (two == str2) {
                return isnum ? 1 : -1;
            }
            if (isnum) {
                while (one < str1 && a.charAt(one) == '0') {
                    one++;
                }
                while (two < str2 && b.charAt(two) == '0') {
                    two++;
                }
                int l1 = str1 - one;
                int l2 = str2 - two;
                if (l1 > l2) {
                    return 1;
                }
                if (l2 > l1) {
                    return -1;
                }
            }
            int rc = a.substring(one, str1).compareTo(b.substring(two, str2));
            if (rc != 0) {
                return rc < 0 ? -1 : 1;
            }
            one = str1;
            two = str2;
        }
        if (one >= la && two >= lb) {
            return 0;
        }
        return one >= la ? -1 : 1;
    }
}
