package dev.kubeward.image.scan;

import dev.kubeward.image.Package;
import dev.kubeward.image.catalog.OsInfo;
import dev.kubeward.image.vuln.LookupResult;
import dev.kubeward.image.vuln.VulnMatch;
import dev.kubeward.image.vuln.VulnSeverity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What was found in one image (or filesystem, or SBOM): its packages and their vulnerabilities, or
 * why it could not be read.
 *
 * @param reference what the user named ({@code oci:build/layout}, {@code --rootfs dir})
 * @param name      the image's own name when it has one (a ref name, a tag), or null
 * @param digest    the manifest digest (the config digest for a docker-archive), or null
 * @param os        the OS, or null
 * @param packages  every package found
 * @param lookup    the vulnerabilities, or null when the image could not be read
 * @param problems  what could not be read or matched, as sentences
 * @param error     why the image could not be read at all, or null
 */
public record ImageScan(String reference, String name, String digest, OsInfo os, List<Package> packages,
                        LookupResult lookup, List<String> problems, String error) {

    /** An image that could not be read. */
    public static ImageScan failed(String reference, String error) {
        return new ImageScan(reference, null, null, null, List.of(), null, List.of(), error);
    }

    /** Most severe first; then by score, id, package and path, so the order is the same every run. */
    public static final Comparator<VulnMatch> ORDER = Comparator
            .comparing((VulnMatch m) -> m.severity().ordinal(), Comparator.reverseOrder())
            .thenComparing(m -> Double.isNaN(m.score()) ? -1 : m.score(), Comparator.reverseOrder())
            .thenComparing(VulnMatch::id)
            .thenComparing(m -> m.pkg().name())
            .thenComparing(m -> String.valueOf(m.pkg().path()));

    /** The vulnerabilities, most severe first. */
    public List<VulnMatch> vulnerabilities() {
        if (lookup == null) {
            return List.of();
        }
        List<VulnMatch> out = new ArrayList<>(lookup.matches());
        out.sort(ORDER);
        return out;
    }

    /** How many vulnerabilities have each level, by {@link VulnSeverity} ordinal. */
    public int[] counts() {
        int[] c = new int[VulnSeverity.values().length];
        vulnerabilities().forEach(m -> c[m.severity().ordinal()]++);
        return c;
    }
}
