package dev.kubeward.image.vex;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a VEX product's purl names a package's purl, as OpenVEX's and Trivy's matching does:
 * type, namespace and name equal; the version only when the VEX purl has one; each qualifier the
 * VEX purl gives present with the same value in the package's (a package's extra qualifiers, such
 * as {@code arch} or {@code distro}, do not matter); the subpath only when the VEX purl has one.
 * Both purls are compared after packageurl-java's parsing, so escaping and the case rules of each
 * type do not matter.
 */
final class PurlMatch {
    private PurlMatch() {}

    /** The parsed purl, or null when it is not one. */
    static PackageURL parse(String purl) {
        if (purl == null) {
            return null;
        }
        try {
            return new PackageURL(purl);
        } catch (MalformedPackageURLException e) {
            return null;
        }
    }

    /** The purl's version, or null. */
    static String version(String purl) {
        PackageURL p = parse(purl);
        return p == null ? null : p.getVersion();
    }

    static boolean matches(String vexPurl, String packagePurl) {
        PackageURL v = parse(vexPurl);
        PackageURL p = parse(packagePurl);
        if (v == null || p == null) {
            return false;
        }
        if (!v.getType().equals(p.getType()) || !Objects.equals(v.getNamespace(), p.getNamespace())
                || !v.getName().equals(p.getName())) {
            return false;
        }
        if (v.getVersion() != null && !v.getVersion().equals(p.getVersion())) {
            return false;
        }
        if (v.getSubpath() != null && !v.getSubpath().equals(p.getSubpath())) {
            return false;
        }
        Map<String, String> vq = v.getQualifiers();
        Map<String, String> pq = p.getQualifiers();
        if (vq != null) {
            for (Map.Entry<String, String> e : vq.entrySet()) {
                if (pq == null || !e.getValue().equals(pq.get(e.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }
}
