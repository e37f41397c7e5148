package dev.kubeward.image.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each ordering against its ecosystem's own reference suite: the cases are those of the upstream
 * test files named on each test (dpkg's lib/dpkg/t/t-version.c and Debian Policy 5.6.12,
 * apk-tools' test/version.data, rpm's tests/rpmvercmp.at, pypa packaging's tests/test_version.py,
 * Maven's ComparableVersionTest, node-semver's test/fixtures/comparisons.js and equality.js,
 * golang.org/x/mod/semver's semver_test.go, rubygems' test/rubygems/test_gem_version.rb).
 */
class VersionOrderingTest {

    private static void assertOrder(VersionOrdering o, String... ascending) {
        for (int i = 0; i < ascending.length; i++) {
            for (int j = i + 1; j < ascending.length; j++) {
                assertThat(o.compare(ascending[i], ascending[j])).as(ascending[i] + " < " + ascending[j]).isNegative();
                assertThat(o.compare(ascending[j], ascending[i])).as(ascending[j] + " > " + ascending[i]).isPositive();
            }
            assertThat(o.compare(ascending[i], ascending[i])).as(ascending[i] + " = itself").isZero();
        }
    }

    private static void assertEqual(VersionOrdering o, String a, String b) {
        assertThat(o.compare(a, b)).as(a + " = " + b).isZero();
        assertThat(o.compare(b, a)).as(b + " = " + a).isZero();
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = VersionOrderingTest.class.getResourceAsStream("/versions/" + resource)) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
            return out;
        }
    }

    // ---- dpkg: lib/dpkg/t/t-version.c and Debian Policy 5.6.12 ----

    @Test
    void dpkgEqualitiesOfTVersionC() {
        assertEqual(Dpkg.INSTANCE, "0:0-0", "0:0-0");
        assertEqual(Dpkg.INSTANCE, "0:0-00", "0:00-0");
        assertEqual(Dpkg.INSTANCE, "1:2-3", "1:2-3");
        // parseversion: "0", "0:0" and "0:0-" are the same version; multiple hyphens and colons
        assertEqual(Dpkg.INSTANCE, "0", "0:0");
        assertEqual(Dpkg.INSTANCE, "0", "0:0-");
        assertThat(Dpkg.parse("0:0-0-0")).isEqualTo(new Dpkg.Parsed(0, "0-0", "0"));
        assertThat(Dpkg.parse("0:0:0-0")).isEqualTo(new Dpkg.Parsed(0, "0:0", "0"));
        assertThat(Dpkg.parse("0:0-0:0-0")).isEqualTo(new Dpkg.Parsed(0, "0-0:0", "0"));
        assertThat(Dpkg.parse("0:09azAZ.-+~:-0")).isEqualTo(new Dpkg.Parsed(0, "09azAZ.-+~:", "0"));
        assertThat(Dpkg.parse("  \t0:0-1")).isEqualTo(new Dpkg.Parsed(0, "0", "1"));
        assertThat(Dpkg.parse("0:0-1\t  ")).isEqualTo(new Dpkg.Parsed(0, "0", "1"));
    }

    @Test
    void dpkgDifferencesOfTVersionC() {
        assertOrder(Dpkg.INSTANCE, "0:0-0", "1:0-0");
        assertOrder(Dpkg.INSTANCE, "0:a-0", "0:b-0");
        assertOrder(Dpkg.INSTANCE, "0:0-a", "0:0-b");
        assertOrder(Dpkg.INSTANCE, "0:1-1", "0:2-1");
        assertOrder(Dpkg.INSTANCE, "0:1-1", "0:1-2");
    }

    @Test
    void dpkgPolicyTildeAndLetters() {
        // Policy 5.6.12: "~~" < "~~a" < "~" < "" < "a"; letters sort before non-letters.
        assertOrder(Dpkg.INSTANCE, "1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a");
        assertOrder(Dpkg.INSTANCE, "1.0a", "1.0+", "1.0.1");
        assertOrder(Dpkg.INSTANCE, "2.36-9~deb12u1", "2.36-9", "2.36-9+deb12u1", "2.36-9+deb12u10", "2.36-10");
        assertOrder(Dpkg.INSTANCE, "1:1.0-1", "2:0.1-1");
        assertOrder(Dpkg.INSTANCE, "3.0.11-1~deb12u2", "3.0.11-1~deb12u2+b1", "3.0.13-1~deb12u1");
        assertEqual(Dpkg.INSTANCE, "1.001", "1.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "0:", "0:0 0-1", "-1:0-1", "999999999999999999999999:0-1", "a:0-0", "A:0-0", "-0", "0:-0"})
    void dpkgRejectsWhatParseversionRejects(String bad) {
        assertThatThrownBy(() -> Dpkg.INSTANCE.validate(bad)).isInstanceOf(InvalidVersionException.class);
    }

    @Test
    void dpkgAcceptsWhatParseversionOnlyWarnsAbout() {
        Dpkg.INSTANCE.validate("0:abc3-0");
        Dpkg.INSTANCE.validate("0:0!-0");
    }

    // ---- apk: apk-tools test/version.data ----

    static Stream<Arguments> apkCases() throws IOException {
        return lines("apk-version.data").stream().map(l -> {
            String[] p = l.split("\\s+");
            return Arguments.of(p[0], p[1], p[2]);
        });
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("apkCases")
    void apkVersionData(String a, String op, String b) {
        int c = Apk.INSTANCE.compare(a, b);
        int r = Apk.INSTANCE.compare(b, a);
        switch (op) {
            case "<" -> assertThat(c).isNegative();
            case ">" -> assertThat(c).isPositive();
            default -> assertThat(c).isZero();
        }
        assertThat(Integer.signum(r)).isEqualTo(-Integer.signum(c));
    }

    @Test
    void apkValidity() {
        Apk.INSTANCE.validate("1.2.3_rc1-r0");
        Apk.INSTANCE.validate("1.0_p10-r0");
        Apk.INSTANCE.validate("2.4.1~a1b2c3-r1");
        for (String bad : new String[] {"1.0bc", "23_foo", "1.0-1", "abc", "1.0_alpha.1", ""}) {
            assertThatThrownBy(() -> Apk.INSTANCE.validate(bad)).as(bad).isInstanceOf(InvalidVersionException.class);
        }
    }

    // ---- rpm: tests/rpmvercmp.at ----

    static Stream<Arguments> rpmCases() throws IOException {
        return lines("rpmvercmp.data").stream().map(l -> {
            String[] p = l.split(" ");
            return Arguments.of(p[0], p[1], Integer.parseInt(p[2]));
        });
    }

    @ParameterizedTest(name = "rpmvercmp({0}, {1}) = {2}")
    @MethodSource("rpmCases")
    void rpmvercmpAt(String a, String b, int expected) {
        assertThat(Rpm.rpmvercmp(a, b)).isEqualTo(expected);
        assertThat(Rpm.INSTANCE.compare(a, b)).isEqualTo(expected);
    }

    @Test
    void rpmEpochVersionRelease() {
        assertOrder(Rpm.INSTANCE, "3.0.7-24.el9", "3.0.7-25.el9", "3.0.7-25.el9_3", "1:3.0.7-6.el9", "1:3.0.8-1.el9");
        assertEqual(Rpm.INSTANCE, "0:1.2-3", "1.2-3");
        // a version without a release matches every release of that version, as rpmverCmp does
        assertEqual(Rpm.INSTANCE, "1.2", "1.2-3");
    }

    // ---- PEP 440: pypa packaging tests/test_version.py ----

    private static final String[] PEP440_SORTED = {
        "1.0.dev0", "1.0.dev456", "1.0.dev456+local", "1.0a0", "1.0a0.post0.dev0", "1.0a0.post0", "1.0a1.dev1",
        "1.0a1.dev1+local", "1.0a1", "1.0a1+local", "1.0b0", "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456",
        "1.0b2.post345", "1.0b2-346", "1.0rc0", "1.0rc1.dev1", "1.0c1", "1.0rc2", "1.0", "1.0.post0.dev0",
        "1.0.post0", "1.0.post456.dev34", "1.0.post456", "1.0.post456+local", "1.0.1.dev1", "1.0.1a1", "1.0.1",
        "1.0.1+local", "1.0.1.post1", "1.1.dev1", "1.2+a", "1.2+abc", "1.2+abcdef", "1.2+def", "1.2+0", "1.2+1",
        "1.2+1.abc", "1.2+1.1", "1.2+1.1.0", "1.2+2", "1.2+123", "1.2+123456", "1.2.r32+123456", "1.2.rev33+123456",
        "1!1.0.dev0", "1!1.0.dev456", "1!1.0a1", "1!1.0b2.post345", "1!1.0rc2", "1!1.0", "1!1.0.post456",
        "1!1.0.1", "1!1.2+abc", "1!1.2+1", "1!1.2.rev33+123456",
    };

    @Test
    void pep440SortOrder() {
        assertOrder(Pep440.INSTANCE, PEP440_SORTED);
        assertEqual(Pep440.INSTANCE, "1.0rc1", "1.0c1");
        assertEqual(Pep440.INSTANCE, "1.0", "1.0.0");
        assertEqual(Pep440.INSTANCE, "0!1.0", "1.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"french toast", "1.0+a+", "1.0++", "1.0+_foobar", "1.0+foo&asd", "1.0+1+1", "1. 0", "1 .0",
        "1. 0a1", "1 .0a1", "1.0 a1", "1.0a 1", "٠١٢.٣٤٥.٦٧٨٩", ".", "..", "1..0", "1.0.", ".1.0", "1..2.3", "1.0+\u0130"})
    void pep440Invalid(String bad) {
        assertThatThrownBy(() -> Pep440.INSTANCE.validate(bad)).isInstanceOf(InvalidVersionException.class);
    }

    static Stream<Arguments> pep440Normalized() {
        return Stream.of(
                Arguments.of("1.0dev", "1.0.dev0"), Arguments.of("1.0.dev", "1.0.dev0"), Arguments.of("1.0-dev1", "1.0.dev1"),
                Arguments.of("1.0DEV", "1.0.dev0"), Arguments.of("1.0a", "1.0a0"), Arguments.of("1.0.alpha1", "1.0a1"),
                Arguments.of("1.0-ALPHA1", "1.0a1"), Arguments.of("1.0b", "1.0b0"), Arguments.of("1.0-beta1", "1.0b1"),
                Arguments.of("1.0c", "1.0rc0"), Arguments.of("1.0.rc1", "1.0rc1"), Arguments.of("1.0-C1", "1.0rc1"),
                Arguments.of("1.0post", "1.0.post0"), Arguments.of("1.0-post1", "1.0.post1"), Arguments.of("1.0r", "1.0.post0"),
                Arguments.of("1.0rev", "1.0.post0"), Arguments.of("1.0.r1", "1.0.post1"), Arguments.of("1.0-5", "1.0.post5"),
                Arguments.of("1.0-r5", "1.0.post5"), Arguments.of("1.0-rev5", "1.0.post5"), Arguments.of("1.0+AbC", "1.0+abc"),
                Arguments.of("1.01", "1.1"), Arguments.of("1.0a05", "1.0a5"), Arguments.of("1.0c056", "1.0rc56"),
                Arguments.of("1.0.post000", "1.0.post0"), Arguments.of("1.1.dev09000", "1.1.dev9000"), Arguments.of("00!1.2", "1.2"),
                Arguments.of("0100!0.0", "100!0.0"), Arguments.of("v1.0", "1.0"), Arguments.of("   v1.0\t\n", "1.0"),
                Arguments.of("\u202F1.0\t\u2029\n ", "1.0"), Arguments.of("7!1.0b2.post345.dev456", "7!1.0b2.post345.dev456"),
                Arguments.of("0!1.0.4+8.0", "1.0.4+8.0"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("pep440Normalized")
    void pep440Normalization(String version, String normalized) {
        assertThat(Pep440.parse(version).normalized()).isEqualTo(normalized);
    }

    // ---- Maven: ComparableVersionTest ----

    @Test
    void mavenQualifierOrder() {
        assertOrder(MavenVersion.INSTANCE, "1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2", "1-beta123", "1-m2",
                "1-m11", "1-rc", "1-cr2", "1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123", "1-abc", "1-def", "1-pom-1",
                "1-1-snapshot", "1-1", "1-2", "1-123");
    }

    @Test
    void mavenNumberOrder() {
        assertOrder(MavenVersion.INSTANCE, "2.0", "2.0.a", "2-1", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c",
                "2.1-1", "2.1.0.1", "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2", "11.m11", "11", "11.a", "11b",
                "11c", "11m");
    }

    @Test
    void mavenEqualities() {
        String[][] equal = {
            {"1", "1.0"}, {"1", "1.0.0"}, {"1.0", "1.0.0"}, {"1", "1-0"}, {"1", "1.0-0"}, {"1.0", "1.0-0"}, {"1a", "1-a"},
            {"1a", "1.0-a"}, {"1a", "1.0.0-a"}, {"1.0a", "1-a"}, {"1.0.0a", "1-a"}, {"1x", "1-x"}, {"1x", "1.0-x"},
            {"1x", "1.0.0-x"}, {"1.0x", "1-x"}, {"1.0.0x", "1-x"}, {"1cr", "1rc"}, {"1a1", "1-alpha-1"}, {"1b2", "1-beta-2"},
            {"1m3", "1-milestone-3"}, {"1X", "1x"}, {"1A", "1a"}, {"1Cr", "1Rc"}, {"1m3", "1MILESTONE3"}, {"1ga", "1"},
            {"1release", "1"}, {"1final", "1"}, {"1FINAL", "1"}, {"1.0.0-alpha1", "1.0.0-ALPHA1"}, {"1.a", "1.A"},
            {"1-abcdefghijklmnopqrstuvwxyz", "1-ABCDEFGHIJKLMNOPQRSTUVWXYZ"}, {"0000000000000000001", "1"}, {"000", "0"},
        };
        for (String[] p : equal) {
            assertEqual(MavenVersion.INSTANCE, p[0], p[1]);
        }
    }

    @Test
    void mavenComparisons() {
        String[][] less = {
            {"1", "2"}, {"1.5", "2"}, {"1", "2.5"}, {"1.0", "1.1"}, {"1.1", "1.2"}, {"1.0.0", "1.1"}, {"1.0.1", "1.1"},
            {"1.1", "1.2.0"}, {"1.0-alpha-1", "1.0"}, {"1.0-alpha-1", "1.0-alpha-2"}, {"1.0-alpha-1", "1.0-beta-1"},
            {"1.0-beta-1", "1.0-SNAPSHOT"}, {"1.0-SNAPSHOT", "1.0"}, {"1.0-alpha-1-SNAPSHOT", "1.0-alpha-1"}, {"1.0", "1.0-1"},
            {"1.0-1", "1.0-2"}, {"1.0.0", "1.0-1"}, {"2.0-1", "2.0.1"}, {"2.0.1-klm", "2.0.1-lmn"}, {"2.0.1", "2.0.1-xyz"},
            {"2.0.1", "2.0.1-123"}, {"2.0.1-xyz", "2.0.1-123"}, {"0.7", "2"}, {"0.2", "1.0.7"}, {"J", "7"}, {"c", "7"},
            {"aardvark", "zebra"}, {"6.1.0rc3", "6.1.0"}, {"6.1.0rc3", "6.1H.5-beta"}, {"6.1.0", "6.1H.5-beta"},
            {"20190126.230843", "1234567890.12345"}, {"1234567890.12345", "123456789012345.1H.5-beta"},
            {"123456789012345.1H.5-beta", "12345678901234567890.1H.5-beta"}, {"1-0.alpha", "1"}, {"1-0.beta", "1"},
            {"1-0.alpha", "1-0.beta"}, {"1.0.0.RC1", "1.0.0-RC2"}, {"1.0.0.abc1", "1.0.0-abc2"},
        };
        for (String[] p : less) {
            assertOrder(MavenVersion.INSTANCE, p[0], p[1]);
        }
        assertEqual(MavenVersion.INSTANCE, "2-abc", "2.0.abc");
        assertEqual(MavenVersion.INSTANCE, "2-abc", "2.0.0.abc");
        assertThat(MavenVersion.canonical("0.x")).isEqualTo("x");
        assertThat(MavenVersion.canonical("0.2")).isEqualTo("0.2");
    }

    // ---- node-semver: test/fixtures/comparisons.js, equality.js ----

    @Test
    void npmComparisons() {
        String[][] greater = {
            {"0.0.0", "0.0.0-foo"}, {"0.0.1", "0.0.0"}, {"1.0.0", "0.9.9"}, {"0.10.0", "0.9.0"}, {"0.99.0", "0.10.0"},
            {"2.0.0", "1.2.3"}, {"v0.0.0", "0.0.0-foo"}, {"v0.0.1", "0.0.0"}, {"v1.0.0", "0.9.9"}, {"v0.10.0", "0.9.0"},
            {"v0.99.0", "0.10.0"}, {"v2.0.0", "1.2.3"}, {"0.0.0", "v0.0.0-foo"}, {"0.0.1", "v0.0.0"}, {"1.2.3", "1.2.3-asdf"},
            {"1.2.3", "1.2.3-4"}, {"1.2.3", "1.2.3-4-foo"}, {"1.2.3-5-foo", "1.2.3-5"}, {"1.2.3-5", "1.2.3-4"},
            {"1.2.3-5-foo", "1.2.3-5-Foo"}, {"3.0.0", "2.7.2+asdf"}, {"1.2.3-a.10", "1.2.3-a.5"}, {"1.2.3-a.b", "1.2.3-a.5"},
            {"1.2.3-a.b", "1.2.3-a"}, {"1.2.3-a.b.c.10.d.5", "1.2.3-a.b.c.5.d.100"}, {"1.2.3-r2", "1.2.3-r100"},
            {"1.2.3-r100", "1.2.3-R2"},
        };
        for (String[] p : greater) {
            assertOrder(SemVer.NPM, p[1], p[0]);
        }
        String[][] equal = {
            {"1.2.3", "v1.2.3"}, {"1.2.3-beta+build", "1.2.3-beta+otherbuild"}, {"1.2.3+build", "1.2.3+otherbuild"},
            {"  v1.2.3+build", "1.2.3+otherbuild"}, {"1.2.3-beta", "v1.2.3-beta"},
        };
        for (String[] p : equal) {
            assertEqual(SemVer.NPM, p[0], p[1]);
        }
        // SemVer 2.0.0 section 11's own example
        assertOrder(SemVer.STRICT, "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2", "01.2.3", "1.2.3-01", "1.2.3-", "1.2.3+", "1.2.3.4", "=1.2.3", "a.b.c", "9007199254740992.0.0"})
    void npmInvalid(String bad) {
        assertThatThrownBy(() -> SemVer.NPM.validate(bad)).isInstanceOf(InvalidVersionException.class);
    }

    @Test
    void strictSemVerHasNoPrefix() {
        assertThatThrownBy(() -> SemVer.STRICT.validate("v1.2.3")).isInstanceOf(InvalidVersionException.class);
    }

    // ---- Go: golang.org/x/mod/semver semver_test.go ----

    @Test
    void goModuleVersions() {
        assertOrder(GoModuleVersion.INSTANCE, "v1.0.0-alpha", "v1.0.0-alpha.1", "v1.0.0-alpha.beta", "v1.0.0-beta",
                "v1.0.0-beta.2", "v1.0.0-beta.11", "v1.0.0-rc.1", "v1.0.0", "v1.2.0", "v1.2.3-456", "v1.2.3-456.789",
                "v1.2.3-456-789", "v1.2.3-456a", "v1.2.3-pre", "v1.2.3-pre.1", "v1.2.3-zzz", "v1.2.3");
        assertEqual(GoModuleVersion.INSTANCE, "v1", "v1.0.0");
        assertEqual(GoModuleVersion.INSTANCE, "v1.0", "v1.0.0");
        assertEqual(GoModuleVersion.INSTANCE, "v1.2", "v1.2.0");
        assertEqual(GoModuleVersion.INSTANCE, "v1.2.3-pre+meta", "v1.2.3-pre");
        assertEqual(GoModuleVersion.INSTANCE, "v1.2.3+meta-pre.sha.256a", "v1.2.3");
        assertEqual(GoModuleVersion.INSTANCE, "v2.0.0+incompatible", "v2.0.0");
        // a pseudo-version is a pre-release of the version it precedes
        assertOrder(GoModuleVersion.INSTANCE, "v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-aaaaaaaaaaaa", "v0.0.0");
        for (String bad : new String[] {"bad", "v1-alpha.beta.gamma", "v1-pre", "v1+meta", "v1-pre+meta", "v1.2-pre",
            "v1.2+meta", "v1.2-pre+meta", "1.2.3", "v01.2.3"}) {
            assertThatThrownBy(() -> GoModuleVersion.INSTANCE.validate(bad)).as(bad).isInstanceOf(InvalidVersionException.class);
        }
        assertThat(GoModuleVersion.toSemVer("golang.org/x/net", "v0.30.0")).isEqualTo("0.30.0");
        assertThat(GoModuleVersion.toSemVer("github.com/docker/docker", "v24.0.7+incompatible")).isEqualTo("24.0.7+incompatible");
        assertThat(GoModuleVersion.toSemVer("stdlib", "go1.21.3")).isEqualTo("1.21.3");
        assertThat(GoModuleVersion.toSemVer("stdlib", "go1.22")).isEqualTo("1.22.0");
        assertThat(GoModuleVersion.toSemVer("stdlib", "go1.22rc1")).isEqualTo("1.22.0-rc.1");
    }

    /** Fixed versions as govulncheck writes them (its SemverToGoTag and versionString). */
    @Test
    void goFixedVersionsAreWrittenAsGoWritesThem() {
        String[][] table = {
            {"golang.org/x/net", "0.7.0", "v0.7.0"},
            {"github.com/docker/docker", "24.0.7+incompatible", "v24.0.7+incompatible"},
            {"golang.org/x/net", "v0.7.0", "v0.7.0"},
            {"stdlib", "1.19.6", "go1.19.6"},
            {"stdlib", "1.20.0", "go1.20"},
            {"stdlib", "1.21.0", "go1.21.0"},
            {"stdlib", "1.22.0-rc.1", "go1.22rc1"},
            {"toolchain", "1.21.0-rc.2", "go1.21rc2"},
            {"stdlib", "1.18.0-beta.1", "go1.18beta1"},
            {"stdlib", "1.0.0", "go1"},
            {"stdlib", "go1.19.6", "go1.19.6"},
            {"stdlib", "not-semver", "not-semver"},
        };
        for (String[] row : table) {
            assertThat(GoModuleVersion.fromSemVer(row[0], row[1])).as(row[0] + " " + row[1]).isEqualTo(row[2]);
            if (row[0].equals("stdlib") && row[2].startsWith("go1.")) {
                // Back and forth: the tag reads as the version it came from.
                assertThat(GoModuleVersion.toSemVer(row[0], row[2])).isEqualTo(row[1].startsWith("go") ? "1.19.6" : row[1]);
            }
        }
    }

    // ---- RubyGems: test/rubygems/test_gem_version.rb ----

    @Test
    void rubyGems() {
        RubyGemsVersion g = RubyGemsVersion.INSTANCE;
        assertEqual(g, "1.0", "1.0.0");
        assertOrder(g, "1.0.a", "1.0");
        assertOrder(g, "0.0.0", "1.8.2");
        assertOrder(g, "1.8.2.a", "1.8.2");
        assertOrder(g, "1.8.2.a", "1.8.2.b");
        assertOrder(g, "1.8.2.a9", "1.8.2.a10");
        assertEqual(g, "", "0");
        assertEqual(g, "0.beta.1", "0.0.beta.1");
        assertOrder(g, "0.0.beta", "0.0.beta.1");
        assertOrder(g, "0.0.beta", "0.beta.1");
        assertOrder(g, "5.a", "5.0.0.rc2");
        assertOrder(g, "5.0.0.rc2", "5.x");
        assertEqual(g, "1.0.0-rc1", "1.0.0.pre.rc1");
        for (String bad : new String[] {"junk", "1.0\n2.0", "1..2", "1.2 3.4", "2.3422222.222.222222222.22222.ads0as.dasd0.ddd2222.2.qd3e."}) {
            assertThatThrownBy(() -> g.validate(bad)).as(bad).isInstanceOf(InvalidVersionException.class);
        }
    }

    // ---- NuGet: NuGet.Versioning's documented precedence (docs.microsoft.com "Package versioning") ----

    @Test
    void nuGet() {
        NuGetVersion n = NuGetVersion.INSTANCE;
        assertEqual(n, "1.0", "1.0.0");
        assertEqual(n, "1.0.0", "1.0.0.0");
        assertEqual(n, "1.0.0-BETA", "1.0.0-beta");
        assertEqual(n, "1.0.0+meta", "1.0.0");
        assertOrder(n, "1.0.0-1", "1.0.0-alpha", "1.0.0-alpha.2", "1.0.0-alpha.10", "1.0.0-beta", "1.0.0", "1.0.0.1", "1.0.1");
        for (String bad : new String[] {"1.0.0.0.0", "v1.0.0", "1.0.0-01", "abc"}) {
            assertThatThrownBy(() -> n.validate(bad)).as(bad).isInstanceOf(InvalidVersionException.class);
        }
    }

    @Test
    void orderingsPerEcosystem() {
        assertThat(Orderings.forEcosystem("Debian:12")).contains(Dpkg.INSTANCE);
        assertThat(Orderings.forEcosystem("Ubuntu:22.04:LTS")).contains(Dpkg.INSTANCE);
        assertThat(Orderings.forEcosystem("Alpine:v3.20")).contains(Apk.INSTANCE);
        assertThat(Orderings.forEcosystem("Red Hat:enterprise_linux:9::appstream")).contains(Rpm.INSTANCE);
        assertThat(Orderings.forEcosystem("Rocky Linux:9")).contains(Rpm.INSTANCE);
        assertThat(Orderings.forEcosystem("PyPI")).contains(Pep440.INSTANCE);
        assertThat(Orderings.forEcosystem("crates.io")).contains(SemVer.STRICT);
        assertThat(Orderings.forEcosystem("Packagist")).isEmpty();
        assertThat(Orderings.forEcosystem("Pub")).isEmpty();
    }
}
