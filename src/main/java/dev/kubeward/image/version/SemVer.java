package dev.kubeward.image.version;

import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Semantic Versioning 2.0.0 precedence (semver.org, section 11): major, minor and patch compared
 * numerically; a pre-release sorts before its release; pre-release identifiers compared one by one,
 * numeric ones numerically and before alphanumeric ones, which compare in ASCII order; a longer set
 * of identifiers sorts after a shorter one it starts with; build metadata is ignored.
 *
 * <p>Three flavours: {@link #STRICT} (the specification: no prefix, no leading zeros), the one
 * OSV's {@code SEMVER} ranges are written in; {@link #NPM}, node-semver's strict parser, which also
 * accepts a leading {@code v} and surrounding blanks (npm, and the SemVer ecosystems
 * crates.io, Hex and SwiftURL, whose versions are written without one). A version that is not
 * SemVer is an error, never a guess.
 */
public final class SemVer implements VersionOrdering {
    /** The specification, to the letter. */
    public static final SemVer STRICT = new SemVer("semver", false);
    /** node-semver ({@code new SemVer(v)} without {@code loose}): a leading {@code v} is allowed. */
    public static final SemVer NPM = new SemVer("npm", true);

    private static final String NUM = "0|[1-9]\\d*";
    private static final String ALNUM = "\\d*[a-zA-Z-][a-zA-Z0-9-]*";
    private static final String PRE_ID = "(?:" + NUM + "|" + ALNUM + ")";
    private static final String BUILD_ID = "[0-9A-Za-z-]+";
    private static final Pattern PATTERN = Pattern.compile(
            "(" + NUM + ")\\.(" + NUM + ")\\.(" + NUM + ")"
                    + "(?:-(" + PRE_ID + "(?:\\." + PRE_ID + ")*))?"
                    + "(?:\\+(" + BUILD_ID + "(?:\\." + BUILD_ID + ")*))?");

    private final String name;
    private final boolean npm;

    private SemVer(String name, boolean npm) {
        this.name = name;
        this.npm = npm;
    }

    /** A parsed version: the numbers, the pre-release identifiers (empty for a release), the build. */
    public record Parsed(BigInteger major, BigInteger minor, BigInteger patch, List<String> prerelease, String build) {}

    @Override
    public String name() {
        return name;
    }

    @Override
    public void validate(String version) {
        parse(version);
    }

    @Override
    public int compare(String a, String b) {
        return compare(parse(a), parse(b));
    }

    private final ParseCache<Parsed> cache = new ParseCache<>(this::parseUncached);

    public Parsed parse(String version) {
        if (version == null) {
            throw new InvalidVersionException("null", "empty version");
        }
        return cache.get(version);
    }

    private Parsed parseUncached(String version) {
        String s = version;
        if (npm) {
            s = s.strip();
            if (s.startsWith("v")) {
                s = s.substring(1);
            }
        }
        Matcher m = PATTERN.matcher(s);
        if (!m.matches()) {
            throw new InvalidVersionException(version, "not a SemVer 2.0 version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])");
        }
        if (npm) {
            // node-semver refuses numbers it cannot hold exactly (Number.MAX_SAFE_INTEGER).
            for (int g = 1; g <= 3; g++) {
                if (new BigInteger(m.group(g)).compareTo(MAX_SAFE) > 0) {
                    throw new InvalidVersionException(version, "version number larger than Number.MAX_SAFE_INTEGER");
                }
            }
        }
        List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
        return new Parsed(new BigInteger(m.group(1)), new BigInteger(m.group(2)), new BigInteger(m.group(3)), pre,
                m.group(5) == null ? "" : m.group(5));
    }

    private static final BigInteger MAX_SAFE = BigInteger.valueOf(9007199254740991L);

    public static int compare(Parsed a, Parsed b) {
        int c = a.major.compareTo(b.major);
        if (c == 0) {
            c = a.minor.compareTo(b.minor);
        }
        if (c == 0) {
            c = a.patch.compareTo(b.patch);
        }
        if (c != 0) {
            return c;
        }
        return comparePrerelease(a.prerelease, b.prerelease);
    }

    static int comparePrerelease(List<String> a, List<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        if (a.isEmpty()) {
            return 1;
        }
        if (b.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareIdentifier(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    static int compareIdentifier(String x, String y) {
        boolean xn = numeric(x);
        boolean yn = numeric(y);
        if (xn && yn) {
            return new BigInteger(x).compareTo(new BigInteger(y));
        }
        if (xn) {
            return -1;
        }
        if (yn) {
            return 1;
        }
        return Integer.signum(x.compareTo(y));
    }

    static boolean numeric(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
