package dev.kubeward.image.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.image.ImageFixtures;
import dev.kubeward.image.Package;
import dev.kubeward.image.TestImages;
import dev.kubeward.image.TestImages.Compression;
import dev.kubeward.image.oci.Image;
import dev.kubeward.image.oci.ImageLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsCatalogersTest {
    @TempDir
    Path tmp;

    private Catalog catalog(TestImages.Builder b) throws Exception {
        Path dir = tmp.resolve("img" + System.nanoTime());
        b.writeLayout(dir, null);
        try (Image image = ImageLoader.open("oci:" + dir, tmp, null)) {
            return Catalog.of(image);
        }
    }

    @Test
    void dpkgPackagesAreNamedWithTheirSourcePackageAndRelease() throws Exception {
        Catalog c = catalog(ImageFixtures.debian(Compression.GZIP));
        assertThat(c.os().release()).isEqualTo("Debian:12");
        assertThat(c.packages()).extracting(Package::name)
                .containsExactly("libssl3", "libc6", "libfoo1", "python3-requests");
        Package ssl = c.packages().get(0);
        // The status file is in the base layer, named by its diff ID.
        assertThat(ssl.layer()).matches("sha256:[0-9a-f]{64}");
        assertThat(c.packages()).allSatisfy(p -> assertThat(p.layer()).isEqualTo(ssl.layer()));
        assertThat(ssl.withLayer(null)).isEqualTo(new Package("libssl3", "3.0.11-1~deb12u1", "Debian",
                "pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12&upstream=openssl",
                "openssl", null, "Debian:12", "/var/lib/dpkg/status:1"));
        Package binNmu = c.packages().get(2);
        assertThat(binNmu.sourceName()).isEqualTo("foo");
        assertThat(binNmu.sourceVersion()).isEqualTo("1.2-3");
        assertThat(binNmu.purl()).contains("upstream=foo%401.2-3");
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void distrolessStatusDirectoryAndItsFileLists() throws Exception {
        Catalog c = catalog(TestImages.image().layer(TestImages.layer()
                .file("/etc/os-release", ImageFixtures.DEBIAN_OS_RELEASE)
                .file("/var/lib/dpkg/status.d/base-files", "Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n")
                .file("/var/lib/dpkg/status.d/base-files.md5sums", "d41d8cd98f00b204e9800998ecf8427e  etc/issue\n")
                .file("/var/lib/dpkg/status.d/libssl3", "Package: libssl3\nSource: openssl\nVersion: 3.0.11-1~deb12u1\nArchitecture: amd64\n")));
        assertThat(c.packages()).extracting(Package::name, Package::sourceName, Package::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("base-files", null, "/var/lib/dpkg/status.d/base-files:1"),
                        org.assertj.core.groups.Tuple.tuple("libssl3", "openssl", "/var/lib/dpkg/status.d/libssl3:1"));
    }

    @Test
    void aStatusFileDeletedByALaterLayerLeavesNoPackages() throws Exception {
        Catalog c = catalog(TestImages.image()
                .layer(TestImages.layer().file("/etc/os-release", ImageFixtures.DEBIAN_OS_RELEASE)
                        .file("/var/lib/dpkg/status", ImageFixtures.DPKG_STATUS))
                .layer(TestImages.layer().opaque("/var/lib/dpkg")));
        assertThat(c.packages()).isEmpty();
    }

    @Test
    void apkPackagesAreNamedWithTheirOrigin() throws Exception {
        Catalog c = catalog(ImageFixtures.alpine());
        assertThat(c.os().release()).isEqualTo("Alpine:v3.19");
        assertThat(c.packages().stream().map(p -> p.withLayer(null))).containsExactly(
                new Package("busybox", "1.36.1-r15", "Alpine", "pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1",
                        null, null, "Alpine:v3.19", "/lib/apk/db/installed:1").withLicense("GPL-2.0-only"),
                new Package("ssl_client", "1.36.1-r15", "Alpine",
                        "pkg:apk/alpine/ssl_client@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1&upstream=busybox",
                        "busybox", null, "Alpine:v3.19", "/lib/apk/db/installed:10"),
                new Package("musl", "1.2.4_git20230717-r4", "Alpine",
                        "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1",
                        null, null, "Alpine:v3.19", "/lib/apk/db/installed:18"));
    }

    @Test
    void osPackagesWithoutAKnownReleaseAreListedAndSaidSo() throws Exception {
        Path root = tmp.resolve("rootfs");
        Files.createDirectories(root.resolve("var/lib/dpkg"));
        Files.writeString(root.resolve("var/lib/dpkg/status"), ImageFixtures.DPKG_STATUS);
        Catalog c = Catalog.ofRootFs(root);
        assertThat(c.os()).isNull();
        assertThat(c.packages()).hasSize(4).allMatch(p -> p.osRelease() == null && p.ecosystem() == null);
        assertThat(c.problems()).containsExactly(
                "dpkg packages found, but no /etc/os-release says which release: they are listed but not matched");
    }

    @Test
    void osReleaseIsReadAsOsRelease5Says() {
        assertThat(OsInfo.parse("# comment\nID=ubuntu\nVERSION_ID=\"22.04\"\nPRETTY_NAME='Ubuntu 22.04.4 LTS'\n".getBytes()))
                .isEqualTo(new OsInfo("ubuntu", "22.04", "Ubuntu 22.04.4 LTS", "Ubuntu:22.04:LTS"));
        assertThat(OsInfo.parse("ID=\"rhel\"\nVERSION_ID=\"9.4\"\nPRETTY_NAME=\"Red Hat \\\"Enterprise\\\" Linux\"".getBytes()))
                .isEqualTo(new OsInfo("rhel", "9.4", "Red Hat \"Enterprise\" Linux", "Red Hat:enterprise_linux:9"));
        assertThat(OsInfo.parse("ID=gentoo\n".getBytes()).release()).isNull();
        assertThat(List.of(OsInfo.parse(new byte[0]).id() == null)).containsExactly(true);
    }
}
