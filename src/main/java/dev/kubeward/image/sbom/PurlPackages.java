package dev.kubeward.image.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.kubeward.image.Package;
import dev.kubeward.image.catalog.OsInfo;
import dev.kubeward.image.catalog.RpmCataloger;
import dev.kubeward.image.vuln.OsvEcosystems;
import java.util.Map;

/**
 * A package read from an SBOM, from its purl (purl-spec's types): the ecosystem as OSV names it,
 * the name as the catalogers name it ({@code groupId:artifactId} for Maven, {@code @scope/name}
 * for npm, the module path for Go), and for OS packages ({@code deb}, {@code apk}, {@code rpm})
 * the release from the {@code distro} qualifier, else the SBOM's operating system, and the source
 * package from {@code upstream} ({@code openssl}, {@code foo@1.2-3}, an rpm's source rpm file).
 */
public final class PurlPackages {
    private PurlPackages() {}

    /** purl type → OSV ecosystem, for language packages. */
    private static final Map<String, String> LANGUAGE = Map.ofEntries(
            Map.entry("maven", "Maven"), Map.entry("npm", "npm"), Map.entry("pypi", "PyPI"), Map.entry("golang", "Go"),
            Map.entry("cargo", "crates.io"), Map.entry("gem", "RubyGems"), Map.entry("nuget", "NuGet"),
            Map.entry("composer", "Packagist"), Map.entry("hex", "Hex"), Map.entry("pub", "Pub"),
            Map.entry("hackage", "Hackage"), Map.entry("cran", "CRAN"), Map.entry("swift", "SwiftURL"),
            Map.entry("conan", "ConanCenter"), Map.entry("bitnami", "Bitnami"));

    /**
     * The package a purl names.
     *
     * @param purl    the package URL
     * @param name    the component's own name, used when the purl's type is not one kubeward matches
     * @param version the component's own version, likewise
     * @param os      the SBOM's operating system (its OS component), or null
     * @param path    where the SBOM says the package was found, or null
     * @param source  the source package {name, version} the SBOM gives beside the purl (Trivy's
     *                {@code SrcName}/{@code SrcVersion} properties, its SPDX {@code sourceInfo}), each
     *                maybe null; used when the purl has no {@code upstream}
     * @throws MalformedPackageURLException when the purl is not one
     */
    public static Package of(String purl, String name, String version, OsInfo os, String path, String[] source)
            throws MalformedPackageURLException {
        PackageURL p = new PackageURL(purl);
        String type = p.getType();
        String ns = p.getNamespace();
        String v = p.getVersion();
        Map<String, String> q = p.getQualifiers() == null ? Map.of() : p.getQualifiers();
        String canonical = p.canonicalize();
        switch (type) {
            case "deb", "apk", "rpm" -> {
                String release = release(q.get("distro"), os);
                String pkgVersion = v;
                String sourceName = null;
                String sourceVersion = null;
                String upstream = q.get("upstream");
                if (type.equals("rpm")) {
                    String epoch = q.get("epoch");
                    if (epoch != null && !epoch.equals("0") && v != null) {
                        pkgVersion = epoch + ":" + v;
                    }
                    sourceName = upstream == null ? null : RpmCataloger.sourceName(upstream);
                } else if (upstream != null) {
                    int at = upstream.indexOf('@');
                    sourceName = at < 0 ? upstream : upstream.substring(0, at);
                    sourceVersion = at < 0 ? null : upstream.substring(at + 1);
                }
                if (upstream == null && source != null && source.length == 2 && source[0] != null) {
                    sourceName = source[0];
                    sourceVersion = source[1];
                }
                if (sourceVersion != null && sourceVersion.equals(pkgVersion)) {
                    sourceVersion = null;
                }
                if (sourceName != null && sourceName.equals(p.getName()) && sourceVersion == null) {
                    sourceName = null;
                }
                if (release == null) {
                    return new Package(p.getName(), pkgVersion, null, canonical, sourceName, sourceVersion, null, path);
                }
                return Package.os(p.getName(), pkgVersion, release, sourceName, sourceVersion, canonical, path);
            }
            default -> {
                String ecosystem = LANGUAGE.get(type);
                if (ecosystem == null) {
                    return Package.language(name != null ? name : p.getName(), version != null ? version : v, null, canonical, path);
                }
                String n = switch (type) {
                    case "maven" -> ns == null ? p.getName() : ns + ":" + p.getName();
                    case "golang", "npm", "composer", "swift" -> ns == null ? p.getName() : ns + "/" + p.getName();
                    default -> p.getName();
                };
                if (type.equals("maven") && ns == null) {
                    ecosystem = null; // no group id: listed, not matched, as for a jar without coordinates
                }
                return Package.language(n, v, ecosystem, canonical, path);
            }
        }
    }

    /** The OSV release of a {@code distro} qualifier ({@code debian-12}, {@code alpine-3.19.1}), else of the SBOM's OS. */
    static String release(String distro, OsInfo os) {
        if (distro != null) {
            int dash = distro.lastIndexOf('-');
            String r = dash > 0 ? OsvEcosystems.forOsRelease(distro.substring(0, dash), distro.substring(dash + 1))
                    : OsvEcosystems.forOsRelease(distro, null);
            if (r != null) {
                return r;
            }
        }
        return os == null ? null : os.release();
    }
}
