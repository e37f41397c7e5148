package dev.kubeward.image.catalog;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;

/** Package URLs (purl-spec) of what the catalogers find, built and escaped by packageurl-java. */
final class Purls {
    private Purls() {}

    /**
     * A purl; qualifiers are name/value pairs, null values left out. Null when the parts are not a
     * valid purl (a name that is empty after normalization): the package is reported without one.
     */
    static String of(String type, String namespace, String name, String version, String... qualifiers) {
        try {
            PackageURLBuilder b = PackageURLBuilder.aPackageURL().withType(type).withName(name);
            if (namespace != null && !namespace.isEmpty()) {
                b.withNamespace(namespace);
            }
            if (version != null && !version.isEmpty()) {
                b.withVersion(version);
            }
            for (int i = 0; i + 1 < qualifiers.length; i += 2) {
                if (qualifiers[i + 1] != null && !qualifiers[i + 1].isEmpty()) {
                    b.withQualifier(qualifiers[i], qualifiers[i + 1]);
                }
            }
            return b.build().canonicalize();
        } catch (MalformedPackageURLException | RuntimeException e) {
            return null;
        }
    }
}
