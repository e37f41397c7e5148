package dev.kubeward.image.version;

/**
 * Debian package versions, as dpkg compares them ({@code lib/dpkg/version.c},
 * {@code dpkg_version_compare} and {@code verrevcmp}; Debian Policy 5.6.12): {@code [epoch:]upstream[-revision]},
 * the epoch an unsigned number, the revision after the last hyphen; upstream and revision are
 * compared alternately by their non-digit parts (letters before everything else that is not a
 * tilde, a tilde before everything, even the end) and their digit parts as numbers.
 */
public final class Dpkg implements VersionOrdering {
    public static final Dpkg INSTANCE = new Dpkg();

    private Dpkg() {}

    /** A parsed version: epoch, upstream version and revision ("" when there is none). */
    public record Parsed(long epoch, String upstream, String revision) {}

    @Override
    public String name() {
        return "dpkg";
    }

    @Override
    public int compare(String a, String b) {
        return compare(parse(a), parse(b));
    }

    @Override
    public void validate(String version) {
        parse(version);
    }

    static int compare(Parsed a, Parsed b) {
        if (a.epoch != b.epoch) {
            return a.epoch < b.epoch ? -1 : 1;
        }
        int rc = verrevcmp(a.upstream, b.upstream);
        if (rc != 0) {
            return rc;
        }
        return verrevcmp(a.revision, b.revision);
    }

    /**
     * Parses as dpkg's {@code parseversion} does: surrounding blanks are ignored; the errors it
     * reports are errors here (empty version, embedded blanks, a bad epoch, an empty upstream
     * version); what it only warns about (an upstream version not starting with a digit, characters
     * outside the allowed set) is accepted, as dpkg accepts it.
     */
    private static final ParseCache<Parsed> CACHE = new ParseCache<>(Dpkg::parseUncached);

    public static Parsed parse(String version) {
        if (version == null) {
            throw new InvalidVersionException("null", "empty version");
        }
        return CACHE.get(version);
    }

    private static Parsed parseUncached(String version) {
        String s = version.strip();
        if (s.isEmpty()) {
            throw new InvalidVersionException(version, "version string is empty");
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                throw new InvalidVersionException(version, "version string has embedded spaces");
            }
        }
        long epoch = 0;
        String rest = s;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            String e = s.substring(0, colon);
            if (e.isEmpty()) {
                throw new InvalidVersionException(version, "epoch in version is empty");
            }
            for (int i = 0; i < e.length(); i++) {
                if (e.charAt(i) < '0' || e.charAt(i) > '9') {
                    throw new InvalidVersionException(version, e.startsWith("-")
                            ? "epoch in version is negative" : "epoch in version is not number");
                }
            }
            if (e.length() > 9 && Long.parseLong(e.length() > 18 ? e.substring(0, 18) : e) > Integer.MAX_VALUE) {
                throw new InvalidVersionException(version, "epoch in version is too big");
            }
            epoch = Long.parseLong(e);
            rest = s.substring(colon + 1);
            if (rest.isEmpty()) {
                throw new InvalidVersionException(version, "nothing after colon in version number");
            }
        }
        String upstream = rest;
        String revision = "";
        int hyphen = rest.lastIndexOf('-');
        if (hyphen >= 0) {
            upstream = rest.substring(0, hyphen);
            revision = rest.substring(hyphen + 1);
        }
        if (upstream.isEmpty()) {
            throw new InvalidVersionException(version, "version number is empty");
        }
        return new Parsed(epoch, upstream, revision);
    }

    /** dpkg's {@code order}: the weight of a character in a non-digit part. */
    private static int order(int c) {
        if (c >= '0' && c <= '9') {
            return 0;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        if (c != 0) {
            return c + 256;
        }
        return 0;
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    /** dpkg's {@code verrevcmp}: one upstream version or revision against another. */
    static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        int la = a.length();
        int lb = b.length();
        while (i < la || j < lb) {
            int firstDiff = 0;
            while ((i < la && !digit(a.charAt(i))) || (j < lb && !digit(b.charAt(j)))) {
                int ac = order(i < la ? a.charAt(i) : 0);
                int bc = order(j < lb ? b.charAt(j) : 0);
                if (ac != bc) {
                    return ac - bc;
                }
                i++;
                j++;
            }
            while (i < la && a.charAt(i) == '0') {
                i++;
            }
            while (j < lb && b.charAt(j) == '0') {
                j++;
            }
            while (i < la && j < lb && digit(a.charAt(i)) && digit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < la && digit(a.charAt(i))) {
                return 1;
            }
            if (j < lb && digit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return firstDiff;
            }
        }
        return 0;
    }
}
