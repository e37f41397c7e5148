package dev.kubeward.image.vex;

import dev.kubeward.image.Package;
import dev.kubeward.image.scan.ImageScan;
import dev.kubeward.image.vex.OpenVex.Product;
import dev.kubeward.image.vex.OpenVex.Statement;
import dev.kubeward.image.vuln.LookupResult;
import dev.kubeward.image.vuln.VulnMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Applies VEX statements to image scans. A statement covers a vulnerability found in a package
 * of an image when it names the vulnerability (its id or one of its aliases, by the statement's
 * name, {@code @id} or aliases) and one of its products names the package: the image by digest
 * (all its packages, or only its {@code subcomponents}), or the package itself by purl
 * ({@link PurlMatch}). Of the statements that cover one vulnerability the most recent decides
 * (OpenVEX: a later statement supersedes an earlier one), the later one read on equal timestamps;
 * {@code not_affected} and {@code fixed} suppress it, {@code affected} and
 * {@code under_investigation} leave it counted. An image and its SBOM carry the same digest and
 * purls, so a statement applies to both alike. A statement that covers nothing is reported.
 */
public final class VexFilter {
    private final List<Statement> statements;

    public VexFilter(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    /** A vulnerability a statement suppressed. */
    public record Suppressed(VulnMatch match, Statement statement) {}

    /** An image's scan with only the vulnerabilities still counted, and the suppressed ones beside it. */
    public record Applied(ImageScan open, List<Suppressed> suppressed) {}

    /**
     * @param scans  each scan, its open vulnerabilities in {@code open()}
     * @param unused each statement that covered no vulnerability of any scan, as a sentence
     */
    public record Result(List<Applied> scans, List<String> unused) {}

    public Result apply(List<ImageScan> scans) {
        Set<Statement> used = new HashSet<>();
        List<Applied> out = new ArrayList<>();
        for (ImageScan s : scans) {
            if (s.lookup() == null || statements.isEmpty()) {
                out.add(new Applied(s, List.of()));
                continue;
            }
            List<VulnMatch> open = new ArrayList<>();
            List<Suppressed> suppressed = new ArrayList<>();
            for (VulnMatch m : s.lookup().matches()) {
                Statement decisive = null;
                for (Statement st : statements) {
                    if (covers(st, s, m)) {
                        used.add(st);
                        if (decisive == null || LATEST.compare(st, decisive) > 0) {
                            decisive = st;
                        }
                    }
                }
                if (decisive != null && decisive.status().suppresses()) {
                    suppressed.add(new Suppressed(m, decisive));
                } else {
                    open.add(m);
                }
            }
            ImageScan kept = new ImageScan(s.reference(), s.name(), s.digest(), s.os(), s.packages(),
                    new LookupResult(List.copyOf(open), s.lookup().unmatched(), s.lookup().problems()), s.problems(), s.error());
            out.add(new Applied(kept, List.copyOf(suppressed)));
        }
        List<String> unused = new ArrayList<>();
        for (Statement st : statements) {
            if (!used.contains(st)) {
                unused.add(st.where() + ": the VEX statement on " + st.vulnerability() + " (" + st.status().label() + ", "
                        + String.join(", ", st.products().stream().map(Product::id).toList())
                        + ") matches no vulnerability found");
            }
        }
        return new Result(List.copyOf(out), List.copyOf(unused));
    }

    private static final Comparator<Statement> LATEST = Comparator.comparing(Statement::timestamp).thenComparingInt(Statement::order);

    static boolean covers(Statement st, ImageScan s, VulnMatch m) {
        Set<String> names = st.names();
        if (!names.contains(m.id()) && m.aliases().stream().noneMatch(names::contains)) {
            return false;
        }
        for (Product p : st.products()) {
            if (covers(p, s, m.pkg())) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(Product p, ImageScan s, Package pkg) {
        if (s.digest() != null && p.digests().contains(s.digest().toLowerCase(Locale.ROOT))) {
            return p.subcomponents().isEmpty()
                    || p.subcomponents().stream().anyMatch(sc -> sc.purl() != null && PurlMatch.matches(sc.purl(), pkg.purl()));
        }
        return p.purl() != null && !p.purl().startsWith("pkg:oci/") && PurlMatch.matches(p.purl(), pkg.purl());
    }
}
