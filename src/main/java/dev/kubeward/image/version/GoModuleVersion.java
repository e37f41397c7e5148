package dev.kubeward.image.version;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go module versions, as {@code golang.org/x/mod/semver} compares them: a {@code v} prefix is
 * required; {@code vMAJOR} and {@code vMAJOR.MINOR} are shorthands for {@code .0}; precedence is
 * SemVer 2.0's, build metadata ({@code +incompatible}) ignored; pseudo-versions
 * ({@code v0.0.0-20191109021931-daa7c04131f5}) are pre-releases and sort as such. Here an invalid
 * version is an error rather than, as in x/mod, one that sorts before every valid one.
 *
 * <p>OSV writes the Go ecosystem's ranges as {@code SEMVER} without the {@code v};
 * {@link #toSemVer} turns a module version (or a Go toolchain tag such as {@code go1.21rc2}) into
 * that form.
 */
public final class GoModuleVersion implements VersionOrdering {
    public static final GoModuleVersion INSTANCE = new GoModuleVersion();

    private GoModuleVersion() {}

    private static final Pattern SHORT = Pattern.compile("v(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*))?");
    private static final Pattern GO_TAG = Pattern.compile("(?:go)?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:(rc|beta|alpha)(\\d+))?");

    @Override
    public String name() {
        return "go";
    }

    @Override
    public void validate(String version) {
        canonicalSemVer(version);
    }

    @Override
    public int compare(String a, String b) {
        return SemVer.STRICT.compare(canonicalSemVer(a), canonicalSemVer(b));
    }

    /** The SemVer 2.0 form of a Go module version: without the {@code v}, shorthands expanded. */
    static String canonicalSemVer(String v) {
        if (v == null || !v.startsWith("v")) {
            throw new InvalidVersionException(String.valueOf(v), "a Go module version starts with 'v'");
        }
        Matcher m = SHORT.matcher(v);
        String s;
        if (m.matches()) {
            s = m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2)) + ".0";
        } else {
            s = v.substring(1);
        }
        SemVer.STRICT.validate(s);
        return s;
    }

    /**
     * The form OSV's Go data uses: a module version without its {@code v}; the Go standard library
     * and toolchain ({@code stdlib}, {@code toolchain}) from a tag such as {@code go1.21.3} or
     * {@code go1.22rc1} (1.21.3, 1.22.0-rc.1), as govulncheck converts them.
     */
    public static String toSemVer(String module, String version) {
        if (version == null) {
            return null;
        }
        if (("stdlib".equals(module) || "toolchain".equals(module)) && version.startsWith("go")) {
            Matcher m = GO_TAG.matcher(version);
            if (m.matches()) {
                String s = m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2)) + "." + (m.group(3) == null ? "0" : m.group(3));
                if (m.group(4) != null) {
                    s += "-" + m.group(4) + "." + m.group(5);
                }
                return s;
            }
            return version;
        }
        if (version.startsWith("v")) {
            try {
                return canonicalSemVer(version);
            } catch (InvalidVersionException e) {
                return version.substring(1);
            }
        }
        return version;
    }

    /**
     * The inverse of {@link #toSemVer}, as govulncheck writes a fixed version: a module version gets
     * its {@code v} back ({@code 0.7.0} → {@code v0.7.0}); the standard library and toolchain get Go's
     * tag ({@code 1.19.6} → {@code go1.19.6}; {@code 1.20.0} → {@code go1.20}, since before Go 1.21 a
     * first release had no {@code .0}; {@code 1.21.0} → {@code go1.21.0}; {@code 1.22.0-rc.1} →
     * {@code go1.22rc1}; {@code 1.0.0} → {@code go1}). A version that is not SemVer is returned as it is.
     */
    public static String fromSemVer(String module, String semver) {
        if (semver == null || semver.startsWith("v") || semver.startsWith("go")) {
            return semver;
        }
        if (!("stdlib".equals(module) || "toolchain".equals(module))) {
            return "v" + semver;
        }
        Matcher m = SEMVER_CORE.matcher(semver);
        if (!m.matches()) {
            return semver;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        String patch = m.group(3);
        String pre = m.group(4);
        if (major == 1 && minor == 0 && patch.equals("0") && pre == null) {
            return "go1";
        }
        StringBuilder tag = new StringBuilder("go").append(major).append('.').append(minor);
        boolean before121 = major < 1 || (major == 1 && minor < 21);
        if (!(patch.equals("0") && (before121 || pre != null))) {
            tag.append('.').append(patch);
        }
        if (pre != null) {
            Matcher d = PRE_NUMBER.matcher(pre);
            tag.append(d.matches() ? d.group(1) + d.group(2) : pre);
        }
        return tag.toString();
    }

    private static final Pattern SEMVER_CORE = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z.-]+))?");
    private static final Pattern PRE_NUMBER = Pattern.compile("(.*[^0-9.])\\.?(\\d+)");
}
