package dev.kubeward.image.version;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NuGet package versions, as NuGet.Versioning's {@code NuGetVersion} and
 * {@code VersionComparer.Default} treat them: {@code Major[.Minor[.Patch[.Revision]]][-Release][+Metadata]}
 * (missing parts are 0, so {@code 1.0} equals {@code 1.0.0.0}); a release with labels sorts before
 * one without; labels compare one by one, numeric labels numerically and before alphanumeric ones,
 * which compare case-insensitively; a longer set of labels sorts after a shorter one it starts
 * with; metadata is ignored.
 */
public final class NuGetVersion implements VersionOrdering {
    public static final NuGetVersion INSTANCE = new NuGetVersion();

    private NuGetVersion() {}

    private static final Pattern PATTERN = Pattern.compile(
            "(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

    private record Parsed(BigInteger[] parts, List<String> labels) {}

    @Override
    public String name() {
        return "nuget";
    }

    @Override
    public void validate(String version) {
        parse(version);
    }

    private static Parsed parse(String version) {
        if (version == null) {
            throw new InvalidVersionException("null", "empty version");
        }
        Matcher m = PATTERN.matcher(version.strip());
        if (!m.matches()) {
            throw new InvalidVersionException(version, "not a NuGet version");
        }
        BigInteger[] parts = new BigInteger[4];
        for (int i = 0; i < 4; i++) {
            parts[i] = m.group(i + 1) == null ? BigInteger.ZERO : new BigInteger(m.group(i + 1));
            if (parts[i].bitLength() > 31) {
                throw new InvalidVersionException(version, "version part larger than Int32.MaxValue");
            }
        }
        List<String> labels = m.group(5) == null ? List.of() : List.of(m.group(5).split("\\."));
        for (String l : labels) {
            if (SemVer.numeric(l) && l.length() > 1 && l.charAt(0) == '0') {
                throw new InvalidVersionException(version, "numeric release label with a leading zero");
            }
        }
        return new Parsed(parts, labels);
    }

    @Override
    public int compare(String a, String b) {
        Parsed x = parse(a);
        Parsed y = parse(b);
        for (int i = 0; i < 4; i++) {
            int c = x.parts[i].compareTo(y.parts[i]);
            if (c != 0) {
                return c;
            }
        }
        if (x.labels.isEmpty() || y.labels.isEmpty()) {
            return Boolean.compare(x.labels.isEmpty(), y.labels.isEmpty());
        }
        for (int i = 0; i < Math.min(x.labels.size(), y.labels.size()); i++) {
            String l = x.labels.get(i);
            String r = y.labels.get(i);
            boolean ln = SemVer.numeric(l);
            boolean rn = SemVer.numeric(r);
            int c;
            if (ln && rn) {
                c = new BigInteger(l).compareTo(new BigInteger(r));
            } else if (ln) {
                c = -1;
            } else if (rn) {
                c = 1;
            } else {
                c = Integer.signum(l.toLowerCase(Locale.ROOT).compareTo(r.toLowerCase(Locale.ROOT)));
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.labels.size(), y.labels.size());
    }
}
