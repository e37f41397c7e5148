package dev.kubeward.image.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python package versions (PEP 440), parsed and ordered as pypa's {@code packaging.version.Version}
 * does: the same accepted spellings (case, separators, {@code alpha/a}, {@code beta/b},
 * {@code c/rc/pre/preview}, {@code post/rev/r}, implicit post releases {@code 1.0-1}, a leading
 * {@code v}, surrounding whitespace) and the same sort key: epoch, release without trailing zeros,
 * pre-release (a dev release of a final sorts before its pre-releases), post release, dev release,
 * local version (numbers after strings, segment by segment).
 */
public final class Pep440 implements VersionOrdering {
    public static final Pep440 INSTANCE = new Pep440();

    private Pep440() {}

    // The VERSION_PATTERN of PEP 440 Appendix B / packaging.version.
    private static final Pattern PATTERN = Pattern.compile(
            "v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
                    + "(?<pre>[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?"
                    + "(?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?"
                    + "(?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?)"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?",
            Pattern.CASE_INSENSITIVE);

    /** A parsed version; {@code pre}, {@code post}, {@code dev} and {@code local} may be null. */
    public record Parsed(BigInteger epoch, List<BigInteger> release, String preLetter, BigInteger preNumber,
                         BigInteger post, BigInteger dev, List<Object> local) {

        /** The normalized form, as {@code str(Version(...))} prints it. */
        public String normalized() {
            StringBuilder sb = new StringBuilder();
            if (epoch.signum() != 0) {
                sb.append(epoch).append('!');
            }
            for (int i = 0; i < release.size(); i++) {
                sb.append(i == 0 ? "" : ".").append(release.get(i));
            }
            if (preLetter != null) {
                sb.append(preLetter).append(preNumber);
            }
            if (post != null) {
                sb.append(".post").append(post);
            }
            if (dev != null) {
                sb.append(".dev").append(dev);
            }
            if (local != null) {
                sb.append('+');
                for (int i = 0; i < local.size(); i++) {
                    sb.append(i == 0 ? "" : ".").append(local.get(i));
                }
            }
            return sb.toString();
        }
    }

    @Override
    public String name() {
        return "pep440";
    }

    @Override
    public void validate(String version) {
        parse(version);
    }

    @Override
    public int compare(String a, String b) {
        return compare(CACHE.get(a), CACHE.get(b));
    }

    private static final ParseCache<Parsed> CACHE = new ParseCache<>(Pep440::parseUncached);

    public static Parsed parse(String version) {
        if (version == null) {
            throw new InvalidVersionException("null", "empty version");
        }
        return CACHE.get(version);
    }

    private static Parsed parseUncached(String version) {
        if (version == null) {
            throw new InvalidVersionException("null", "empty version");
        }
        String s = stripUnicodeWhitespace(version);
        // packaging matches with re.ASCII semantics for letters: a non-ASCII letter is never one.
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                throw new InvalidVersionException(version, "not a PEP 440 version");
            }
        }
        Matcher m = PATTERN.matcher(s);
        if (!m.matches()) {
            throw new InvalidVersionException(version, "not a PEP 440 version");
        }
        BigInteger epoch = m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch"));
        List<BigInteger> release = new ArrayList<>();
        for (String part : m.group("release").split("\\.")) {
            release.add(new BigInteger(part));
        }
        String preLetter = null;
        BigInteger preNumber = null;
        if (m.group("preL") != null) {
            String l = m.group("preL").toLowerCase(Locale.ROOT);
            preLetter = switch (l) {
                case "alpha", "a" -> "a";
                case "beta", "b" -> "b";
                default -> "rc";
            };
            preNumber = m.group("preN") == null ? BigInteger.ZERO : new BigInteger(m.group("preN"));
        }
        BigInteger post = null;
        if (m.group("postN1") != null) {
            post = new BigInteger(m.group("postN1"));
        } else if (m.group("postL") != null) {
            post = m.group("postN2") == null ? BigInteger.ZERO : new BigInteger(m.group("postN2"));
        }
        BigInteger dev = null;
        if (m.group("devL") != null) {
            dev = m.group("devN") == null ? BigInteger.ZERO : new BigInteger(m.group("devN"));
        }
        List<Object> local = null;
        if (m.group("local") != null) {
            local = new ArrayList<>();
            for (String part : m.group("local").toLowerCase(Locale.ROOT).split("[-_.]")) {
                local.add(part.chars().allMatch(c -> c >= '0' && c <= '9') ? new BigInteger(part) : part);
            }
        }
        return new Parsed(epoch, List.copyOf(release), preLetter, preNumber, post, dev, local == null ? null : List.copyOf(local));
    }

    /** Python's str.strip(): every Unicode whitespace, as str.isspace() counts it. */
    private static String stripUnicodeWhitespace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && pySpace(s.charAt(start))) {
            start++;
        }
        while (end > start && pySpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean pySpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || (c >= 0x1c && c <= 0x1f) || c == 0x85;
    }

    public static int compare(Parsed a, Parsed b) {
        int c = a.epoch.compareTo(b.epoch);
        if (c != 0) {
            return c;
        }
        c = compareRelease(a.release, b.release);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(preRank(a), preRank(b));
        if (c != 0) {
            return c;
        }
        if (preRank(a) == 1) {
            c = a.preLetter.compareTo(b.preLetter);
            if (c != 0) {
                return c;
            }
            c = a.preNumber.compareTo(b.preNumber);
            if (c != 0) {
                return c;
            }
        }
        // post: none sorts first (NegativeInfinity)
        c = compareNullable(a.post, b.post, -1);
        if (c != 0) {
            return c;
        }
        // dev: none sorts last (Infinity)
        c = compareNullable(a.dev, b.dev, 1);
        if (c != 0) {
            return c;
        }
        return compareLocal(a.local, b.local);
    }

    /** 0: NegativeInfinity (dev of a final), 1: a pre-release, 2: Infinity (no pre-release). */
    private static int preRank(Parsed v) {
        if (v.preLetter == null && v.post == null && v.dev != null) {
            return 0;
        }
        return v.preLetter == null ? 2 : 1;
    }

    private static int compareNullable(BigInteger a, BigInteger b, int noneIs) {
        if (a == null && b == null) {
            return 0;
        }
        if (a == null) {
            return noneIs;
        }
        if (b == null) {
            return -noneIs;
        }
        return a.compareTo(b);
    }

    private static int compareRelease(List<BigInteger> a, List<BigInteger> b) {
        int la = a.size();
        while (la > 0 && a.get(la - 1).signum() == 0) {
            la--;
        }
        int lb = b.size();
        while (lb > 0 && b.get(lb - 1).signum() == 0) {
            lb--;
        }
        for (int i = 0; i < Math.min(la, lb); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(la, lb);
    }

    private static int compareLocal(List<Object> a, List<Object> b) {
        if (a == null && b == null) {
            return 0;
        }
        if (a == null) {
            return -1;
        }
        if (b == null) {
            return 1;
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c;
            if (x instanceof BigInteger xi && y instanceof BigInteger yi) {
                c = xi.compareTo(yi);
            } else if (x instanceof BigInteger) {
                c = 1;
            } else if (y instanceof BigInteger) {
                c = -1;
            } else {
                c = ((String) x).compareTo((String) y);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
