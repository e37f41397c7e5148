package dev.kubeward.image;

/**
 * One package found in an image (or read from an SBOM): what the vulnerability lookup
 * ({@link dev.kubeward.image.vuln.VulnDb#lookup}) takes.
 *
 * @param name          the package's name in its ecosystem: a binary package name for OS packages
 *                      ({@code libssl3}), {@code groupId:artifactId} for Maven, the module path for Go
 *                      ({@code stdlib} for the Go standard library), the distribution name for PyPI
 * @param version       the installed version as the ecosystem writes it: dpkg's {@code [epoch:]upstream[-revision]},
 *                      rpm's {@code [epoch:]version-release} (the epoch included when it is not 0), apk's
 *                      {@code 1.2.3-r0}, a Go module version with its {@code v} (or a toolchain tag
 *                      {@code go1.22.1} for {@code stdlib}), …
 * @param ecosystem     the ecosystem as OSV names it, without a release: {@code Debian}, {@code Ubuntu},
 *                      {@code Alpine}, {@code Red Hat}, {@code AlmaLinux}, {@code Rocky Linux}, {@code npm},
 *                      {@code PyPI}, {@code Maven}, {@code Go}, {@code crates.io}, {@code RubyGems}, {@code NuGet}, …
 * @param purl          the package URL, when known (reported back, not used for matching)
 * @param sourceName    OS packages: the source package (dpkg {@code Source:}, the rpm's source rpm name, apk
 *                      {@code origin}); null when it is the binary package itself
 * @param sourceVersion OS packages: the source package's version when it differs from {@code version}
 *                      (dpkg {@code Source: name (version)} after a binNMU); null otherwise
 * @param osRelease     OS packages: the OSV ecosystem with the release, {@code Debian:12}, {@code Alpine:v3.20},
 *                      {@code Ubuntu:22.04:LTS}, {@code AlmaLinux:9}, {@code Rocky Linux:9},
 *                      {@code Red Hat:enterprise_linux:9} (see {@link dev.kubeward.image.vuln.OsvEcosystems#forOsRelease});
 *                      null for language packages
 * @param path          where in the image the package was found (reported back)
 * @param license       the license the package declares (an SPDX expression or the text its metadata gives:
 *                      apk {@code L:}, npm {@code license}, Python {@code License-Expression} or {@code License}),
 *                      or null when its metadata names none (dpkg keeps licenses in copyright files, not read)
 * @param layer         the digest of the layer that last wrote the file the package was read from, or null
 *                      (an unpacked filesystem, an SBOM that does not say)
 */
public record Package(String name, String version, String ecosystem, String purl, String sourceName,
                      String sourceVersion, String osRelease, String path, String license, String layer) {

    /** A package without license or layer. */
    public Package(String name, String version, String ecosystem, String purl, String sourceName,
                   String sourceVersion, String osRelease, String path) {
        this(name, version, ecosystem, purl, sourceName, sourceVersion, osRelease, path, null, null);
    }

    public Package withLicense(String l) {
        return new Package(name, version, ecosystem, purl, sourceName, sourceVersion, osRelease, path, l, layer);
    }

    public Package withLayer(String l) {
        return new Package(name, version, ecosystem, purl, sourceName, sourceVersion, osRelease, path, license, l);
    }

    /** A language package: name, version, ecosystem, purl and path. */
    public static Package language(String name, String version, String ecosystem, String purl, String path) {
        return new Package(name, version, ecosystem, purl, null, null, null, path);
    }

    /** An OS package of a release ({@code Debian:12}); source name and version may be null. */
    public static Package os(String name, String version, String osRelease, String sourceName, String sourceVersion,
                             String purl, String path) {
        int colon = osRelease.indexOf(':');
        return new Package(name, version, colon < 0 ? osRelease : osRelease.substring(0, colon), purl, sourceName,
                sourceVersion, osRelease, path);
    }
}
