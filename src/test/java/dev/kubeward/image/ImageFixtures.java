package dev.kubeward.image;

import dev.kubeward.image.TestImages.Compression;
import dev.kubeward.image.vuln.Importer;
import java.nio.file.Path;
import java.util.List;

/** Images in the shapes of real ones (Debian with dpkg, distroless, Alpine) and the OSV records that affect them. */
public final class ImageFixtures {
    private ImageFixtures() {}

    /** OSV records for the packages below: src/test/resources/images/osv. */
    public static final Path OSV = Path.of("src/test/resources/images/osv");

    /** A database of {@link #OSV} in {@code dir}. */
    public static Path database(Path dir) throws Exception {
        new Importer(dir, 1).run(List.of(OSV));
        return dir;
    }

    public static final String DEBIAN_OS_RELEASE = """
            PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
            NAME="Debian GNU/Linux"
            VERSION_ID="12"
            VERSION="12 (bookworm)"
            VERSION_CODENAME=bookworm
            ID=debian
            HOME_URL="https://www.debian.org/"
            """;

    /** dpkg's status: libssl3 from openssl (vulnerable), libc6 from glibc (vulnerable), a removed package, a binNMU. */
    public static final String DPKG_STATUS = """
            Package: libssl3
            Status: install ok installed
            Priority: optional
            Section: libs
            Installed-Size: 6000
            Maintainer: Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>
            Architecture: amd64
            Multi-Arch: same
            Source: openssl
            Version: 3.0.11-1~deb12u1
            Depends: libc6 (>= 2.34)
            Description: Secure Sockets Layer toolkit - shared libraries
             This package is part of the OpenSSL project's implementation of the SSL and
             TLS cryptographic protocols for secure communication over the Internet.

            Package: libc6
            Status: install ok installed
            Architecture: amd64
            Source: glibc
            Version: 2.36-9+deb12u1
            Description: GNU C Library: Shared libraries

            Package: oldpkg
            Status: deinstall ok config-files
            Architecture: amd64
            Version: 1.0-1

            Package: libfoo1
            Status: install ok installed
            Architecture: amd64
            Source: foo (1.2-3)
            Version: 1.2-3+b1

            Package: python3-requests
            Status: install ok installed
            Architecture: all
            Source: requests
            Version: 2.28.1+dfsg-1
            """;

    /**
     * A Debian image of three layers: the base (os-release by link, dpkg status, a package's file
     * list), a layer that adds an app and a file later deleted, and a layer with the whiteout.
     */
    public static TestImages.Builder debian(Compression c) {
        return TestImages.image()
                .label("org.opencontainers.image.source", "https://github.com/example/shop")
                .layer(TestImages.layer().compression(c)
                        .file("/usr/lib/os-release", DEBIAN_OS_RELEASE)
                        .symlink("/etc/os-release", "../usr/lib/os-release")
                        .file("/var/lib/dpkg/status", DPKG_STATUS)
                        .file("/var/lib/dpkg/info/python3-requests.list",
                                "/usr/lib/python3/dist-packages/requests-2.28.1.dist-info\n"
                                + "/usr/lib/python3/dist-packages/requests-2.28.1.dist-info/METADATA\n"))
                .layer(TestImages.layer().compression(c == Compression.GZIP ? Compression.ZSTD : Compression.GZIP)
                        .file("/tmp/junk", "x"))
                .layer(TestImages.layer().compression(Compression.NONE).whiteout("/tmp/junk"));
    }

    public static final String APK_INSTALLED = """
            C:Q1Vx0=
            P:busybox
            V:1.36.1-r15
            A:x86_64
            L:GPL-2.0-only
            o:busybox
            F:bin
            R:busybox

            C:Q1Vx1=
            P:ssl_client
            V:1.36.1-r15
            A:x86_64
            o:busybox
            F:usr/bin
            R:ssl_client

            P:musl
            V:1.2.4_git20230717-r4
            A:x86_64
            o:musl
            F:lib
            R:ld-musl-x86_64.so.1
            """;

    public static TestImages.Builder alpine() {
        return TestImages.image().layer(TestImages.layer()
                .file("/etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n")
                .file("/lib/apk/db/installed", APK_INSTALLED));
    }

    /**
     * The Debian image with an application layer: a Spring Boot jar with log4j-core 2.14.1 nested,
     * node_modules with lodash 4.17.20, pip's requests 2.30.0 beside Debian's, and a Go 1.19.5 binary
     * built with golang.org/x/net v0.5.0.
     */
    public static TestImages.Builder application() throws java.io.IOException {
        byte[] log4j = TestArtifacts.jar(TestArtifacts.entries(
                "META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties",
                TestArtifacts.pomProperties("org.apache.logging.log4j", "log4j-core", "2.14.1")));
        var entries = TestArtifacts.entries("META-INF/maven/com.example/shop/pom.properties",
                TestArtifacts.pomProperties("com.example", "shop", "1.0.0"));
        entries.put("BOOT-INF/lib/log4j-core-2.14.1.jar", log4j);
        byte[] server = TestArtifacts.goBinary(70_000, 65_536 - 16, "go1.19.5",
                "path\texample.com/server\nmod\texample.com/server\t(devel)\t\ndep\tgolang.org/x/net\tv0.5.0\th1:x=\n");
        return debian(Compression.GZIP).layer(TestImages.layer().compression(Compression.ZSTD)
                .file("/app/shop.jar", TestArtifacts.jar(entries), 0644)
                .file("/app/node_modules/lodash/package.json", "{\"name\": \"lodash\", \"version\": \"4.17.20\"}")
                .file("/usr/lib/python3/dist-packages/requests-2.28.1.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: requests\nVersion: 2.28.1\n")
                .file("/usr/local/lib/python3.11/site-packages/requests-2.30.0.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: requests\nVersion: 2.30.0\n")
                .file("/usr/local/bin/server", server, 0755));
    }
}
