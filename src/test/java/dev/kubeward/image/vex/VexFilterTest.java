package dev.kubeward.image.vex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.image.Package;
import dev.kubeward.image.scan.ImageScan;
import dev.kubeward.image.vex.OpenVex.Product;
import dev.kubeward.image.vex.OpenVex.Statement;
import dev.kubeward.image.vex.OpenVex.Status;
import dev.kubeward.image.vuln.LookupResult;
import dev.kubeward.image.vuln.VulnMatch;
import dev.kubeward.image.vuln.VulnSeverity;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VexFilterTest {
    static final String DIGEST = "sha256:" + "a".repeat(64);
    static final Package SSL = Package.os("libssl3", "3.0.11-1~deb12u1", "Debian:12", "openssl", null,
            "pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12&upstream=openssl", "/var/lib/dpkg/status:1");
    static final Package LIBC = Package.os("libc6", "2.36-9+deb12u1", "Debian:12", "glibc", null,
            "pkg:deb/debian/libc6@2.36-9%2Bdeb12u1?arch=amd64&distro=debian-12&upstream=glibc", "/var/lib/dpkg/status:16");

    @ParameterizedTest(name = "{0} names {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "pkg:deb/debian/libssl3|pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12|true",
        "pkg:deb/debian/libssl3@3.0.11-1~deb12u1|pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64|true",
        "pkg:deb/debian/libssl3@3.0.11-1~deb12u2|pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64|false",
        "pkg:deb/debian/libssl3?arch=amd64|pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12|true",
        "pkg:deb/debian/libssl3?arch=arm64|pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64|false",
        "pkg:deb/debian/libssl3?arch=amd64|pkg:deb/debian/libssl3@3.0.11-1~deb12u1|false",
        "pkg:deb/ubuntu/libssl3|pkg:deb/debian/libssl3@3.0.11-1~deb12u1|false",
        "pkg:rpm/debian/libssl3|pkg:deb/debian/libssl3@3.0.11-1~deb12u1|false",
        "pkg:deb/debian/libssl|pkg:deb/debian/libssl3@3.0.11-1~deb12u1|false",
        "pkg:npm/%40angular/core@1.0.0|pkg:npm/%40angular/core@1.0.0|true",
        // purl-spec: an @ in the namespace must be percent-encoded; unencoded, it starts the version
        "pkg:npm/@angular/core|pkg:npm/%40angular/core@1.0.0|false",
        "pkg:pypi/Django|pkg:pypi/django@4.2|true",
        "pkg:golang/golang.org/x/net@v0.5.0|pkg:golang/golang.org/x/net@v0.5.0|true",
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1|pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar|true",
        "pkg:maven/org.apache.logging.log4j/log4j-core#sub|pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1|false",
    })
    void purlMatching(String vex, String pkg, boolean matches) {
        assertThat(PurlMatch.matches(vex, pkg)).isEqualTo(matches);
    }

    static VulnMatch vuln(String id, Package p, String... aliases) {
        return new VulnMatch(id, List.of(aliases), VulnSeverity.HIGH, 7.5, null, null, "summary", null, p, List.of(id));
    }

    static ImageScan scan(String digest, VulnMatch... ms) {
        return new ImageScan("oci:x", "shop:1.0", digest, null, List.of(SSL, LIBC), new LookupResult(List.of(ms), List.of(), List.of()),
                List.of(), null);
    }

    static Statement st(String vuln, Status status, Instant t, int order, Product... products) {
        return new Statement("vex.json:" + (order + 1), vuln, Set.of(), List.of(products), status,
                status == Status.NOT_AFFECTED ? "component_not_present" : null, null, status == Status.AFFECTED ? "upgrade" : null, t, order);
    }

    static Product purl(String p) {
        return new Product(p, p, Set.of(), List.of());
    }

    static Product image(String digest, Product... subs) {
        return new Product("pkg:oci/shop@" + digest, "pkg:oci/shop@" + digest, Set.of(digest), List.of(subs));
    }

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void notAffectedAndFixedSuppressTheOthersDoNot() {
        ImageScan s = scan(DIGEST, vuln("CVE-1", SSL), vuln("CVE-2", SSL), vuln("CVE-3", SSL), vuln("CVE-4", SSL));
        VexFilter f = new VexFilter(List.of(st("CVE-1", Status.NOT_AFFECTED, T0, 0, purl("pkg:deb/debian/libssl3")),
                st("CVE-2", Status.FIXED, T0, 1, purl("pkg:deb/debian/libssl3")),
                st("CVE-3", Status.AFFECTED, T0, 2, purl("pkg:deb/debian/libssl3")),
                st("CVE-4", Status.UNDER_INVESTIGATION, T0, 3, purl("pkg:deb/debian/libssl3"))));
        VexFilter.Result r = f.apply(List.of(s));
        assertThat(r.scans().get(0).suppressed()).extracting(x -> x.match().id()).containsExactly("CVE-1", "CVE-2");
        assertThat(r.scans().get(0).open().vulnerabilities()).extracting(VulnMatch::id).containsExactly("CVE-3", "CVE-4");
        assertThat(r.unused()).isEmpty();
    }

    @Test
    void theImageByDigestWithOrWithoutSubcomponents() {
        ImageScan s = scan(DIGEST, vuln("CVE-1", SSL), vuln("CVE-1", LIBC));
        VexFilter whole = new VexFilter(List.of(st("CVE-1", Status.NOT_AFFECTED, T0, 0, image(DIGEST))));
        assertThat(whole.apply(List.of(s)).scans().get(0).suppressed()).hasSize(2);
        VexFilter onlyLibc = new VexFilter(List.of(st("CVE-1", Status.NOT_AFFECTED, T0, 0, image(DIGEST, purl("pkg:deb/debian/libc6")))));
        assertThat(onlyLibc.apply(List.of(s)).scans().get(0).suppressed()).extracting(x -> x.match().pkg().name()).containsExactly("libc6");
        VexFilter otherImage = new VexFilter(List.of(st("CVE-1", Status.NOT_AFFECTED, T0, 0, image("sha256:" + "b".repeat(64)))));
        VexFilter.Result r = otherImage.apply(List.of(s));
        assertThat(r.scans().get(0).suppressed()).isEmpty();
        assertThat(r.unused()).singleElement().asString()
                .isEqualTo("vex.json:1: the VEX statement on CVE-1 (not_affected, pkg:oci/shop@sha256:" + "b".repeat(64)
                        + ") matches no vulnerability found");
    }

    @Test
    void aVulnerabilityIsNamedByItsIdOrAnAlias() {
        ImageScan s = scan(DIGEST, vuln("CVE-2023-5363", SSL, "DSA-5532-1"));
        VexFilter byAlias = new VexFilter(List.of(st("DSA-5532-1", Status.NOT_AFFECTED, T0, 0, purl("pkg:deb/debian/libssl3"))));
        assertThat(byAlias.apply(List.of(s)).scans().get(0).suppressed()).hasSize(1);
        Statement withAlias = new Statement("v:1", "GHSA-x", Set.of("CVE-2023-5363"), List.of(purl("pkg:deb/debian/libssl3")),
                Status.FIXED, null, null, null, T0, 0);
        assertThat(new VexFilter(List.of(withAlias)).apply(List.of(s)).scans().get(0).suppressed()).hasSize(1);
        VexFilter other = new VexFilter(List.of(st("CVE-2023-9999", Status.NOT_AFFECTED, T0, 0, purl("pkg:deb/debian/libssl3"))));
        assertThat(other.apply(List.of(s)).scans().get(0).suppressed()).isEmpty();
    }

    @Test
    void theMostRecentStatementDecidesAndOnEqualTimesTheLaterOne() {
        ImageScan s = scan(DIGEST, vuln("CVE-1", SSL));
        Product p = purl("pkg:deb/debian/libssl3");
        Instant later = T0.plusSeconds(60);
        // not_affected, then later affected: counted again (and both statements were used).
        VexFilter.Result r = new VexFilter(List.of(st("CVE-1", Status.NOT_AFFECTED, T0, 0, p), st("CVE-1", Status.AFFECTED, later, 1, p)))
                .apply(List.of(s));
        assertThat(r.scans().get(0).suppressed()).isEmpty();
        assertThat(r.unused()).isEmpty();
        // Read in the other order, the timestamps still decide.
        r = new VexFilter(List.of(st("CVE-1", Status.AFFECTED, later, 0, p), st("CVE-1", Status.NOT_AFFECTED, T0, 1, p))).apply(List.of(s));
        assertThat(r.scans().get(0).suppressed()).isEmpty();
        // Equal times: the later one read.
        r = new VexFilter(List.of(st("CVE-1", Status.UNDER_INVESTIGATION, T0, 0, p), st("CVE-1", Status.FIXED, T0, 1, p))).apply(List.of(s));
        assertThat(r.scans().get(0).suppressed()).singleElement().extracting(x -> x.statement().status()).isEqualTo(Status.FIXED);
    }

    @Test
    void anImageWithoutADigestIsMatchedByPurlOnlyAndUnreadImagesPassThrough() {
        ImageScan rootfs = scan(null, vuln("CVE-1", SSL));
        ImageScan failed = ImageScan.failed("oci:missing", "no layout");
        VexFilter f = new VexFilter(List.of(st("CVE-1", Status.NOT_AFFECTED, T0, 0, image(DIGEST)),
                st("CVE-1", Status.NOT_AFFECTED, T0, 1, purl("pkg:deb/debian/libssl3@3.0.11-1~deb12u1"))));
        VexFilter.Result r = f.apply(List.of(rootfs, failed));
        assertThat(r.scans().get(0).suppressed()).singleElement().extracting(x -> x.statement().order()).isEqualTo(1);
        assertThat(r.scans().get(1).open()).isSameAs(failed);
        assertThat(r.unused()).hasSize(1).first().asString().startsWith("vex.json:1:");
    }
}
