package dev.kubeward.image.vuln;

import static dev.kubeward.image.vuln.OsvFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeward.image.Package;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import of hand-made all.zip files and lookups against them, for every rule of the matching. */
class VulnDbTest {
    @TempDir
    Path tmp;

    Path db;
    Importer.Report report;

    @BeforeEach
    void importFixtures() throws Exception {
        db = tmp.resolve("db");
        Map<String, String> debian = new LinkedHashMap<>();
        debian.put("DSA-5514-1.json", DSA);
        debian.put("DEBIAN-CVE-2023-4911.json", DEBIAN_CVE);
        Map<String, String> ghsa = new LinkedHashMap<>();
        ghsa.put("GHSA-jfh8-c2jp-5v3q.json", LOG4SHELL);
        ghsa.put("GHSA-35jh-r3h4-6jhm.json", LODASH);
        ghsa.put("GHSA-9999-9999-9999.json", WITHDRAWN);
        ghsa.put("GO-2023-1571.json", GO_VULN);
        ghsa.put("GHSA-vvpx-j8f3-3w6h.json", GO_GHSA);
        ghsa.put("PYSEC-2021-9999.json", PYSEC);
        ghsa.put("GHSA-aaaa-bbbb-cccc.json", PY_GHSA);
        ghsa.put("ALPINE-CVE-2024-0001.json", ALPINE_LAST_AFFECTED);
        ghsa.put("PYSEC-2022-1.json", VERSIONS_ONLY);
        ghsa.put("GHSA-pppp-qqqq-rrrr.json", PACKAGIST);
        ghsa.put("GHSA-v4v4-v4v4-v4v4.json", V4_ONLY);
        ghsa.put("OSV-2020-1.json", GIT_ONLY);
        ghsa.put("broken/GHSA-broken.json", BROKEN);
        ghsa.put("modified_id.csv", "2024-01-01T00:00:00Z,GHSA-35jh-r3h4-6jhm\n");
        Path a = zip(tmp, "Debian/all.zip", debian);
        Path b = zip(tmp, "mixed/all.zip", ghsa);
        report = new Importer(db, 2).run(List.of(a, b));
    }

    private LookupResult lookup(Package... p) throws VulnDbException {
        return VulnDb.open(db).lookup(List.of(p));
    }

    @Test
    void theImportReportsWhatItDidAndWhatItCouldNotRead() {
        assertThat(report.records()).isEqualTo(14);
        assertThat(report.withdrawn()).isEqualTo(1);
        assertThat(report.gitRanges()).isEqualTo(1);
        assertThat(report.withoutPackage()).isEqualTo(1);
        assertThat(report.skippedFiles()).isEqualTo(1);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.where()).endsWith("all.zip!broken/GHSA-broken.json:3:28");
            assertThat(p.message()).startsWith("malformed JSON");
        });
        assertThat(report.perEcosystem()).containsOnlyKeys("Alpine", "Debian", "Go", "Maven", "Packagist", "PyPI", "npm");
        assertThat(report.perEcosystem().get("Debian")[0]).isEqualTo(2);
    }

    @Test
    void osPackagesMatchBySourcePackageAndReleaseAndACveIsReportedOnce() throws Exception {
        Package libc = Package.os("libc6", "2.36-9+deb12u1", "Debian:12", "glibc", null, "pkg:deb/debian/libc6@2.36-9+deb12u1", "var/lib/dpkg/status");
        LookupResult r = lookup(libc);
        assertThat(r.matches()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("CVE-2023-4911");
            assertThat(m.aliases()).containsExactly("DEBIAN-CVE-2023-4911", "DSA-5514-1");
            assertThat(m.records()).containsExactly("DEBIAN-CVE-2023-4911", "DSA-5514-1");
            assertThat(m.fixed()).isEqualTo("2.36-9+deb12u3");
            // Debian's own urgency wins over the CVSS score for a Debian package
            assertThat(m.severity()).isEqualTo(VulnSeverity.MEDIUM);
            assertThat(m.severitySource()).isEqualTo("DEBIAN-CVE-2023-4911 ecosystem_specific");
            assertThat(m.pkg()).isSameAs(libc);
        });
        // the binary name is not the key: a package named glibc-something with no source does not match
        assertThat(lookup(Package.os("libc6", "2.36-9+deb12u1", "Debian:12", null, null, null, null)).matches()).isEmpty();
        // the fixed version and later are clean; another release's ranges are not borrowed
        assertThat(lookup(Package.os("libc6", "2.36-9+deb12u3", "Debian:12", "glibc", null, null, null)).matches()).isEmpty();
        LookupResult bullseye = lookup(Package.os("libc6", "2.31-13+deb11u6", "Debian:11", "glibc", null, null, null));
        assertThat(bullseye.matches()).singleElement().satisfies(m -> {
            assertThat(m.fixed()).isEqualTo("2.31-13+deb11u7");
            assertThat(m.records()).containsExactly("DSA-5514-1");
            assertThat(m.severity()).isEqualTo(VulnSeverity.UNKNOWN);
        });
        // a binNMU: the source version decides
        assertThat(lookup(Package.os("libc6", "2.36-9+deb12u3+b1", "Debian:12", "glibc", "2.36-9+deb12u1", null, null)).matches()).hasSize(1);
    }

    @Test
    void mavenRangesInAnyOrderAndTheScore() throws Exception {
        Package log4j = Package.language("org.apache.logging.log4j:log4j-core", "2.14.1", "Maven",
                "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "app/lib/log4j-core-2.14.1.jar");
        assertThat(lookup(log4j).matches()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("CVE-2021-44228");
            assertThat(m.aliases()).containsExactly("GHSA-jfh8-c2jp-5v3q");
            assertThat(m.score()).isEqualTo(10.0);
            assertThat(m.severity()).isEqualTo(VulnSeverity.CRITICAL);
            assertThat(m.fixed()).isEqualTo("2.15.0");
            assertThat(m.summary()).isEqualTo("Remote code injection in Log4j");
        });
        assertThat(lookup(Package.language("org.apache.logging.log4j:log4j-core", "2.12.1", "Maven", null, null)).matches())
                .singleElement().satisfies(m -> assertThat(m.fixed()).isEqualTo("2.12.2"));
        assertThat(lookup(Package.language("org.apache.logging.log4j:log4j-core", "2.12.2", "Maven", null, null)).matches()).isEmpty();
        assertThat(lookup(Package.language("org.apache.logging.log4j:log4j-core", "2.0-beta8", "Maven", null, null)).matches()).isEmpty();
        assertThat(lookup(Package.language("org.apache.logging.log4j:log4j-core", "2.0-rc1", "Maven", null, null)).matches()).hasSize(1);
    }

    @Test
    void aCvssV4VectorIsScoredBeforeTheRegistrysWord() throws Exception {
        assertThat(lookup(Package.language("v4-only", "1.1.0", "npm", null, null)).matches()).singleElement().satisfies(m -> {
            assertThat(m.severity()).isEqualTo(VulnSeverity.HIGH);
            assertThat(m.score()).isEqualTo(8.7);
            assertThat(m.severitySource()).isEqualTo("CVSS_V4");
        });
    }

    @Test
    void withdrawnRecordsAreIgnored() throws Exception {
        LookupResult r = lookup(Package.language("lodash", "4.17.20", "npm", null, null));
        assertThat(r.matches()).extracting(VulnMatch::id).containsExactly("CVE-2021-23337");
        assertThat(lookup(Package.language("lodash", "4.17.21", "npm", null, null)).matches()).isEmpty();
    }

    @Test
    void goRecordsAndTheirGhsaAreOneVulnerability() throws Exception {
        LookupResult r = lookup(Package.language("golang.org/x/net", "v0.6.0", "Go", null, "usr/bin/app"),
                Package.language("stdlib", "go1.20.0", "Go", null, "usr/bin/app"),
                Package.language("stdlib", "go1.20.1", "Go", null, "usr/bin/app"));
        assertThat(r.matches()).hasSize(2);
        VulnMatch net = r.matches().get(0);
        assertThat(net.id()).isEqualTo("CVE-2022-41723");
        assertThat(net.aliases()).containsExactly("GHSA-vvpx-j8f3-3w6h", "GO-2023-1571");
        assertThat(net.severity()).isEqualTo(VulnSeverity.HIGH);
        assertThat(net.score()).isEqualTo(7.5);
        assertThat(net.fixed()).isEqualTo("v0.7.0");
        assertThat(r.matches().get(1).pkg().version()).isEqualTo("go1.20.0");
        assertThat(r.matches().get(1).fixed()).isEqualTo("go1.20.1");
    }

    @Test
    void withoutACveTheGhsaNamesTheVulnerabilityAndPypiNamesAreNormalized() throws Exception {
        LookupResult r = lookup(Package.language("Django", "3.2.3", "PyPI", null, null));
        assertThat(r.matches()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("GHSA-aaaa-bbbb-cccc");
            assertThat(m.aliases()).containsExactly("PYSEC-2021-9999");
            assertThat(m.severity()).isEqualTo(VulnSeverity.MEDIUM);
            assertThat(m.fixed()).isEqualTo("3.2.4");
        });
        assertThat(lookup(Package.language("django", "3.2.4", "PyPI", null, null)).matches()).isEmpty();
    }

    @Test
    void aVersionsListAloneMatchesExactly() throws Exception {
        assertThat(lookup(Package.language("only_listed", "1.0.1", "PyPI", null, null)).matches())
                .singleElement().satisfies(m -> {
                    assertThat(m.id()).isEqualTo("CVE-2022-0001");
                    assertThat(m.fixed()).isNull();
                });
        assertThat(lookup(Package.language("only-listed", "1.0.2", "PyPI", null, null)).matches()).isEmpty();
        assertThat(lookup(Package.language("only-listed", "1.0", "PyPI", null, null)).matches()).isEmpty();
    }

    @Test
    void lastAffectedAndReleases() throws Exception {
        LookupResult r = lookup(Package.os("libssl3", "3.3.0-r1", "Alpine:v3.20", "openssl", null, null, null));
        assertThat(r.matches()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("CVE-2024-0001");
            assertThat(m.fixed()).isNull();
        });
        assertThat(lookup(Package.os("libssl3", "3.3.0-r2", "Alpine:v3.20", "openssl", null, null, null)).matches()).isEmpty();
        assertThat(lookup(Package.os("libssl3", "3.1.4-r5", "Alpine:v3.19", "openssl", null, null, null)).matches())
                .singleElement().satisfies(m -> assertThat(m.fixed()).isEqualTo("3.1.5-r0"));
        assertThat(lookup(Package.os("libssl3", "3.1.4-r5", "Alpine:v3.18", "openssl", null, null, null)).matches()).isEmpty();
    }

    @Test
    void packagesThatCannotBeLookedUpAreSaidWhy() throws Exception {
        LookupResult r = lookup(Package.language("left-pad", "1.0.0", "Hex", null, null),
                Package.language("lodash", "not-a-version", "npm", null, null),
                Package.language("rails", "7.0.0", "RubyGems", null, null));
        assertThat(r.matches()).isEmpty();
        assertThat(r.unmatched()).hasSize(3);
        assertThat(r.unmatched().get(0).reason()).contains("no Hex data");
        assertThat(r.unmatched().get(1).reason()).contains("invalid version 'not-a-version'");
        assertThat(r.unmatched().get(2).reason()).contains("RubyGems/all.zip");
        // a version that is not the ecosystem's is said once, not once per record
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void anEcosystemWithoutAFaithfulOrderingIsReportedUnmatchedButItsListedVersionsStillMatch() throws Exception {
        LookupResult listed = lookup(Package.language("Symfony/Http-Kernel", "5.4.19", "Packagist", null, null));
        assertThat(listed.matches()).extracting(VulnMatch::id).containsExactly("CVE-2023-0002");
        assertThat(listed.unmatched()).singleElement().satisfies(u -> assertThat(u.reason())
                .contains("Packagist has no faithful version ordering").contains("ECOSYSTEM ranges were not evaluated"));
        LookupResult notListed = lookup(Package.language("symfony/http-kernel", "5.4.1", "Packagist", null, null));
        assertThat(notListed.matches()).isEmpty();
        assertThat(notListed.unmatched()).hasSize(1);
    }

    @Test
    void reImportUpdatesInPlaceAndAnOlderCopyNeverWins() throws Exception {
        String newer = LODASH.replace("2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z").replace("4.17.21", "4.17.22");
        Path dir = tmp.resolve("update");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("GHSA-35jh-r3h4-6jhm.json"), newer);
        new Importer(db, 2).run(List.of(dir));
        assertThat(lookup(Package.language("lodash", "4.17.21", "npm", null, null)).matches())
                .singleElement().satisfies(m -> assertThat(m.fixed()).isEqualTo("4.17.22"));
        // the old all.zip again: its older copy is not taken
        Importer.Report again = new Importer(db, 1).run(List.of(tmp.resolve("mixed/all.zip")));
        assertThat(again.perEcosystem().get("npm")[2]).isEqualTo(1);
        assertThat(lookup(Package.language("lodash", "4.17.21", "npm", null, null)).matches()).hasSize(1);
        // other ecosystems are untouched by an npm-only import
        assertThat(VulnDb.open(db).shards()).extracting(VulnDb.Shard::ecosystem).contains("Debian", "Maven");
    }

    @Test
    void statusAgeAndTheMissingDatabase() throws Exception {
        VulnDb v = VulnDb.open(db);
        assertThat(v.shards()).extracting(VulnDb.Shard::records).contains(2L);
        VulnDb.Shard npm = v.shards().stream().filter(s -> s.ecosystem().equals("npm")).findFirst().orElseThrow();
        assertThat(npm.withdrawn()).isEqualTo(1);
        assertThat(npm.newestModified()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(v.ageWarning(Duration.ofDays(7), Instant.now())).isEmpty();
        assertThat(v.ageWarning(Duration.ofDays(7), Instant.now().plus(Duration.ofDays(8)))).get().asString()
                .contains("8d old").contains("older than 7d");
        assertThatThrownBy(() -> VulnDb.open(tmp.resolve("nothing"))).isInstanceOf(VulnDbException.class)
                .hasMessageContaining("never downloads")
                .hasMessageContaining("https://osv-vulnerabilities.storage.googleapis.com/Debian/all.zip");
        assertThat(VulnDb.parseAge("36h")).isEqualTo(Duration.ofHours(36));
        assertThatThrownBy(() -> VulnDb.parseAge("a week")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCorruptShardIsAnErrorNotACrash() throws IOException, VulnDbException {
        Path shard = db.resolve("shards").resolve("npm.kwv");
        Files.write(shard, new byte[] {1, 2, 3});
        VulnDb v = VulnDb.open(db);
        assertThatThrownBy(() -> v.lookup(List.of(Package.language("lodash", "1.0.0", "npm", null, null))))
                .hasMessageContaining("truncated index file");
    }

    @Test
    void redHatRecordsAreFoundByTheBinaryRpmToo() throws Exception {
        String rhsa = """
                {"id": "RHSA-2024:0001", "modified": "2024-01-10T00:00:00Z", "upstream": ["CVE-2023-5678"],
                 "affected": [{"package": {"ecosystem": "Red Hat:enterprise_linux:9::baseos", "name": "openssl-libs"},
                               "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1:3.0.7-25.el9_3"}]}]}]}
                """;
        Path dir = tmp.resolve("rh");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("RHSA-2024:0001.json"), rhsa);
        new Importer(db, 1).run(List.of(dir));
        Package p = Package.os("openssl-libs", "1:3.0.7-24.el9", "Red Hat:enterprise_linux:9", "openssl", null, null, null);
        assertThat(lookup(p).matches()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("CVE-2023-5678");
            assertThat(m.fixed()).isEqualTo("1:3.0.7-25.el9_3");
        });
        assertThat(lookup(Package.os("openssl-libs", "1:3.0.7-25.el9_3", "Red Hat:enterprise_linux:9", "openssl", null, null, null))
                .matches()).isEmpty();
        assertThat(lookup(Package.os("openssl-libs", "1:3.0.7-24.el9", "Red Hat:enterprise_linux:8", "openssl", null, null, null))
                .matches()).isEmpty();
    }

    @Test
    void osReleasesAsOsvNamesThem() {
        assertThat(OsvEcosystems.forOsRelease("debian", "12")).isEqualTo("Debian:12");
        assertThat(OsvEcosystems.forOsRelease("alpine", "3.20.3")).isEqualTo("Alpine:v3.20");
        assertThat(OsvEcosystems.forOsRelease("ubuntu", "22.04")).isEqualTo("Ubuntu:22.04:LTS");
        assertThat(OsvEcosystems.forOsRelease("ubuntu", "23.10")).isEqualTo("Ubuntu:23.10");
        assertThat(OsvEcosystems.forOsRelease("rocky", "9.3")).isEqualTo("Rocky Linux:9");
        assertThat(OsvEcosystems.forOsRelease("rhel", "9.4")).isEqualTo("Red Hat:enterprise_linux:9");
        assertThat(OsvEcosystems.allZipUrl("Rocky Linux")).isEqualTo("https://osv-vulnerabilities.storage.googleapis.com/Rocky%20Linux/all.zip");
        assertThat(Matcher.ecosystemMatches("Red Hat:enterprise_linux:9::appstream",
                Package.os("openssl", "1:3.0.7-24.el9", "Red Hat:enterprise_linux:9", null, null, null, null), "Red Hat")).isTrue();
    }
}
