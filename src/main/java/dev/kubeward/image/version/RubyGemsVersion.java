package dev.kubeward.image.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RubyGems versions, as {@code Gem::Version} (rubygems {@code lib/rubygems/version.rb}) parses and
 * compares them: the version must match {@code [0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?}
 * (surrounding blanks ignored; blank is {@code 0}); a hyphen becomes {@code .pre.}; the segments are
 * the runs of digits (numbers) and of letters (strings); trailing zeros are dropped from the
 * numeric part and from each numeric run before a string; segments compare one by one, a missing
 * one being 0, a string before a number (a pre-release), strings by their bytes.
 */
public final class RubyGemsVersion implements VersionOrdering {
    public static final RubyGemsVersion INSTANCE = new RubyGemsVersion();

    private RubyGemsVersion() {}

    private static final Pattern ANCHORED = Pattern.compile(
            "\\s*([0-9]+(?:\\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)?\\s*");
    private static final Pattern SEGMENT = Pattern.compile("[0-9]+|[a-zA-Z]+");

    @Override
    public String name() {
        return "rubygems";
    }

    @Override
    public void validate(String version) {
        canonicalSegments(version);
    }

    @Override
    public int compare(String a, String b) {
        List<Object> l = canonicalSegments(a);
        List<Object> r = canonicalSegments(b);
        int limit = Math.max(l.size(), r.size());
        for (int i = 0; i < limit; i++) {
            Object lhs = i < l.size() ? l.get(i) : BigInteger.ZERO;
            Object rhs = i < r.size() ? r.get(i) : BigInteger.ZERO;
            if (lhs.equals(rhs)) {
                continue;
            }
            if (lhs instanceof String && rhs instanceof BigInteger) {
                return -1;
            }
            if (lhs instanceof BigInteger && rhs instanceof String) {
                return 1;
            }
            if (lhs instanceof BigInteger x) {
                return x.compareTo((BigInteger) rhs);
            }
            return Integer.signum(((String) lhs).compareTo((String) rhs));
        }
        return 0;
    }

    /** {@code Gem::Version#canonical_segments}. */
    static List<Object> canonicalSegments(String version) {
        if (version == null) {
            throw new InvalidVersionException("null", "empty version");
        }
        Matcher m = ANCHORED.matcher(version);
        if (!m.matches()) {
            throw new InvalidVersionException(version, "Malformed version number string");
        }
        String v = m.group(1) == null ? "0" : m.group(1).replace("-", ".pre.");
        List<Object> segments = new ArrayList<>();
        Matcher s = SEGMENT.matcher(v);
        while (s.find()) {
            String g = s.group();
            segments.add(Character.isDigit(g.charAt(0)) ? new BigInteger(g) : g);
        }
        int stringStart = segments.size();
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i) instanceof String) {
                stringStart = i;
                break;
            }
        }
        List<Object> numeric = new ArrayList<>(segments.subList(0, stringStart));
        List<Object> strings = new ArrayList<>(segments.subList(stringStart, segments.size()));
        dropTrailingZeros(numeric);
        dropTrailingZeros(strings);
        numeric.addAll(strings);
        return numeric;
    }

    private static void dropTrailingZeros(List<Object> l) {
        while (!l.isEmpty() && BigInteger.ZERO.equals(l.get(l.size() - 1))) {
            l.remove(l.size() - 1);
        }
    }
}
