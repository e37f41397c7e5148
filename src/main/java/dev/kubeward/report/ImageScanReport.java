package dev.kubeward.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.Severity;
import dev.kubeward.image.Package;
import dev.kubeward.image.scan.ImageScan;
import dev.kubeward.image.vuln.LookupResult;
import dev.kubeward.image.vuln.VulnMatch;
import dev.kubeward.image.vuln.VulnSeverity;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.kubeward.image.vex.VexFilter;

/**
 * The report of {@code kubeward images scan}: text grouped by image, most severe first, with the
 * version that fixes each vulnerability; JSON ({@code schemas/images-scan.schema.json}) with a flat
 * {@code vulnerabilities[]} and the images it was found in.
 *
 * @param scans   the images, in the order given
 * @param notes   what the user should know about the database (its age), printed before the summary
 */
public record ImageScanReport(List<ImageScan> scans, List<String> notes, Vex vex) {

    /** A report without VEX statements. */
    public ImageScanReport(List<ImageScan> scans, List<String> notes) {
        this(scans, notes, Vex.NONE);
    }

    /**
     * What VEX statements did ({@code --vex}, {@code images.vex}).
     *
     * @param documents  the VEX files read
     * @param suppressed per scan (by identity), the vulnerabilities a statement suppressed; the scan lists only the others
     * @param unused     each statement that matched no vulnerability, as a sentence naming its file and line
     */
    public record Vex(List<String> documents, Map<ImageScan, List<VexFilter.Suppressed>> suppressed, List<String> unused) {
        public static final Vex NONE = new Vex(List.of(), Map.of(), List.of());

        public List<VexFilter.Suppressed> of(ImageScan s) {
            return suppressed.getOrDefault(s, List.of());
        }
    }

    /** Vulnerabilities of all images. */
    public int total() {
        return scans.stream().mapToInt(s -> s.vulnerabilities().size()).sum();
    }

    public void writeText(PrintWriter out, boolean quiet) {
        int[] all = new int[VulnSeverity.values().length];
        int unreadable = 0;
        for (ImageScan s : scans) {
            int[] c = s.counts();
            for (int i = 0; i < c.length; i++) {
                all[i] += c[i];
            }
            if (s.error() != null) {
                unreadable++;
            }
            if (quiet) {
                continue;
            }
            if (s.error() != null) {
                out.println(s.reference() + ": not scanned: " + s.error());
                out.println();
                continue;
            }
            StringBuilder head = new StringBuilder(s.reference());
            List<String> about = new ArrayList<>();
            if (s.name() != null && !s.name().equals(s.reference())) {
                about.add(s.name());
            }
            about.add(s.os() == null ? "no OS release" : s.os().describe());
            if (s.digest() != null) {
                about.add(shortDigest(s.digest()));
            }
            head.append(" (").append(String.join(", ", about)).append(")");
            head.append(": ").append(s.packages().size()).append(" packages, ").append(s.vulnerabilities().size())
                    .append(s.vulnerabilities().size() == 1 ? " vulnerability" : " vulnerabilities");
            out.println(head);
            List<VulnMatch> vulns = s.vulnerabilities();
            if (!vulns.isEmpty()) {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"SEVERITY", "ID", "PACKAGE", "VERSION", "FIXED IN", "PATH"});
                for (VulnMatch m : vulns) {
                    rows.add(new String[] {m.severity().label(), m.id(), packageLabel(m.pkg()), m.pkg().version(),
                        m.fixed() == null ? "(no fix)" : m.fixed(), m.pkg().path() == null ? "" : m.pkg().path()});
                }
                table(out, rows);
            }
            List<VexFilter.Suppressed> sup = vex.of(s);
            if (!sup.isEmpty()) {
                out.println("  " + sup.size() + " suppressed by VEX:");
                for (Listed l : listed(s)) {
                    if (l.suppressed() != null) {
                        out.println("    " + l.match().id() + "  " + packageLabel(l.match().pkg()) + " " + l.match().pkg().version()
                                + "  " + l.suppressed());
                    }
                }
            }
            long unmatched = s.lookup() == null ? 0 : s.lookup().unmatched().size();
            if (unmatched > 0) {
                out.println("  " + unmatched + " packages not looked up: " + unmatchedSummary(s.lookup()));
            }
            for (String p : s.problems()) {
                out.println("  note: " + p);
            }
            out.println();
        }
        if (!quiet) {
            notes.forEach(n -> out.println("warning: " + n));
            vex.unused().forEach(n -> out.println("warning: " + n));
        }
        StringBuilder sum = new StringBuilder();
        int total = total();
        sum.append(total).append(total == 1 ? " vulnerability" : " vulnerabilities").append(" in ").append(scans.size())
                .append(scans.size() == 1 ? " image" : " images");
        List<String> parts = new ArrayList<>();
        for (int i = all.length - 1; i >= 0; i--) {
            if (all[i] > 0) {
                parts.add(VulnSeverity.values()[i].label() + " " + all[i]);
            }
        }
        if (!parts.isEmpty()) {
            sum.append(" (").append(String.join(", ", parts)).append(")");
        }
        int suppressed = suppressedTotal();
        if (suppressed > 0) {
            sum.append(", ").append(suppressed).append(" suppressed by VEX");
        }
        if (unreadable > 0) {
            sum.append("; ").append(unreadable).append(" could not be read");
        }
        out.println(sum);
    }

    /** The check severity a vulnerability counts as for --fail-on, --severity, SARIF levels and JUnit failures. */
    public static Severity severity(VulnSeverity s) {
        return dev.kubeward.exposure.VulnerabilityFindings.severity(s);
    }

    /**
     * A vulnerability as a report lists it.
     *
     * @param suppressed why it is not counted (a VEX statement's status and justification), or null
     */
    public record Listed(VulnMatch match, String suppressed) {}

    /** The vulnerabilities of an image a report lists: the open ones, most severe first, then the suppressed ones. */
    public List<Listed> listed(ImageScan s) {
        List<Listed> out = new ArrayList<>();
        s.vulnerabilities().forEach(m -> out.add(new Listed(m, null)));
        List<VexFilter.Suppressed> sup = new ArrayList<>(vex.of(s));
        sup.sort(java.util.Comparator.comparing(VexFilter.Suppressed::match, ImageScan.ORDER));
        sup.forEach(x -> out.add(new Listed(x.match(), x.statement().reason())));
        return out;
    }

    /** How many vulnerabilities VEX statements suppressed in all images. */
    public int suppressedTotal() {
        return scans.stream().mapToInt(s -> vex.of(s).size()).sum();
    }

    /**
     * The file an image was read from, for a location: the directory of {@code oci:DIR[:REF]}, the
     * file of {@code oci-archive:}, {@code docker-archive:} and {@code sbom:}, the directory of {@code rootfs:};
     * the reference itself for anything else (a registry reference).
     */
    public static String artifactOf(String reference, java.nio.file.Path cwd) {
        for (String scheme : List.of("oci-archive:", "docker-archive:", "rootfs:", "sbom:", "oci:")) {
            if (reference.startsWith(scheme)) {
                String path = reference.substring(scheme.length());
                if (scheme.equals("oci:") && !java.nio.file.Files.exists(cwd.resolve(path))) {
                    int colon = path.lastIndexOf(':');
                    if (colon > 0) {
                        path = path.substring(0, colon);
                    }
                }
                return path;
            }
        }
        return reference;
    }

    /** {@code CVE-2023-5363 in libssl3 3.0.11-1~deb12u1 (openssl), fixed in 3.0.11-1~deb12u2: summary}. */
    static String describe(VulnMatch m) {
        Package p = m.pkg();
        StringBuilder sb = new StringBuilder(m.id()).append(" (").append(m.severity().label()).append(") in ").append(p.name())
                .append(' ').append(p.version());
        if (p.sourceName() != null && !p.sourceName().equals(p.name())) {
            sb.append(" (source ").append(p.sourceName()).append(')');
        }
        sb.append(m.fixed() == null ? ", no fix known" : ", fixed in " + m.fixed());
        if (p.path() != null) {
            sb.append(", at ").append(p.path());
        }
        if (m.summary() != null && !m.summary().isBlank()) {
            sb.append(": ").append(m.summary().strip());
        }
        return sb.toString();
    }

    /** {@code libssl3 (openssl)}: the binary package with the source package it is matched by. */
    static String packageLabel(Package p) {
        return p.sourceName() != null && !p.sourceName().equals(p.name()) ? p.name() + " (" + p.sourceName() + ")" : p.name();
    }

    private static String unmatchedSummary(LookupResult lookup) {
        java.util.Map<String, Integer> reasons = new java.util.LinkedHashMap<>();
        lookup.unmatched().forEach(u -> reasons.merge(u.reason(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        reasons.forEach((r, n) -> parts.add(n + " " + r));
        return String.join("; ", parts);
    }

    private static String shortDigest(String d) {
        int colon = d.indexOf(':');
        return colon > 0 && d.length() > colon + 13 ? d.substring(0, colon + 13) : d;
    }

    private static void table(PrintWriter out, List<String[]> rows) {
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder("  ");
            for (int i = 0; i < r.length; i++) {
                sb.append(r[i]);
                if (i < r.length - 1) {
                    sb.append(" ".repeat(w[i] - r[i].length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    /** The JSON document: the header given, then {@code database}, {@code images[]} and {@code vulnerabilities[]}. */
    public void writeJson(PrintWriter out, ObjectNode root, String database) throws IOException {
        root.put("database", database);
        ArrayNode warnings = root.putArray("warnings");
        notes.forEach(warnings::add);
        ObjectNode vexNode = root.putObject("vex");
        ArrayNode docs = vexNode.putArray("documents");
        vex.documents().forEach(docs::add);
        ArrayNode unused = vexNode.putArray("unused");
        vex.unused().forEach(unused::add);
        ArrayNode images = root.putArray("images");
        ArrayNode vulns = root.putArray("vulnerabilities");
        for (ImageScan s : scans) {
            ObjectNode img = images.addObject();
            img.put("reference", s.reference());
            img.put("name", s.name());
            img.put("digest", s.digest());
            if (s.os() == null) {
                img.putNull("os");
            } else {
                img.putObject("os").put("id", s.os().id()).put("versionId", s.os().versionId())
                        .put("prettyName", s.os().prettyName()).put("release", s.os().release());
            }
            img.put("error", s.error());
            img.put("packages", s.packages().size());
            img.put("vulnerabilities", s.vulnerabilities().size());
            img.put("suppressed", vex.of(s).size());
            ArrayNode un = img.putArray("unmatched");
            if (s.lookup() != null) {
                for (LookupResult.Unmatched u : s.lookup().unmatched()) {
                    ObjectNode n = un.addObject();
                    packageJson(n.putObject("package"), u.pkg());
                    n.put("reason", u.reason());
                }
            }
            ArrayNode pr = img.putArray("problems");
            s.problems().forEach(pr::add);
            java.util.Map<VulnMatch, VexFilter.Suppressed> bySuppressed = new java.util.IdentityHashMap<>();
            vex.of(s).forEach(x -> bySuppressed.put(x.match(), x));
            for (Listed l : listed(s)) {
                VulnMatch m = l.match();
                ObjectNode v = vulns.addObject();
                v.put("image", s.reference());
                v.put("id", m.id());
                ArrayNode al = v.putArray("aliases");
                m.aliases().forEach(al::add);
                v.put("severity", m.severity().label());
                if (Double.isNaN(m.score())) {
                    v.putNull("score");
                } else {
                    v.put("score", m.score());
                }
                v.put("vector", m.vector());
                v.put("severitySource", m.severitySource());
                packageJson(v.putObject("package"), m.pkg());
                v.put("fixed", m.fixed());
                v.put("summary", m.summary());
                ArrayNode rec = v.putArray("records");
                m.records().forEach(rec::add);
                VexFilter.Suppressed x = bySuppressed.get(m);
                v.put("suppressed", x != null);
                if (x != null) {
                    ObjectNode sup = v.putObject("suppression");
                    sup.put("kind", "vex");
                    sup.put("status", x.statement().status().label());
                    sup.put("justification", x.statement().justification());
                    sup.put("impactStatement", x.statement().impactStatement());
                    sup.put("statement", x.statement().where());
                    sup.put("reason", x.statement().reason());
                }
            }
        }
        JsonDocuments.write(root, out);
    }

    /**
     * The inventory as CycloneDX 1.6 JSON: a BOM per run, the images as {@code container}
     * components in the metadata (one) or as components (several), each OS an
     * {@code operating-system} component (name the os-release ID, version its VERSION_ID), each
     * package a {@code library} component with its purl, declared license, the place it was found
     * as evidence ({@code occurrences[].location} and {@code line}) and kubeward's facts as
     * properties ({@code kubeward:package:ecosystem}, {@code sourceName}, {@code sourceVersion},
     * {@code osRelease}, {@code layerDiffID}); {@code dependencies} link each image to what it holds.
     */
    public void writeCycloneDx(PrintWriter out, String toolVersion, java.time.Instant now) throws IOException {
        ObjectNode root = JsonReporter.MAPPER.createObjectNode();
        root.put("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
        root.put("bomFormat", "CycloneDX");
        root.put("specVersion", "1.6");
        root.put("serialNumber", "urn:uuid:" + java.util.UUID.randomUUID());
        root.put("version", 1);
        ObjectNode meta = root.putObject("metadata");
        meta.put("timestamp", java.time.format.DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        ObjectNode tool = meta.putObject("tools").putArray("components").addObject();
        tool.put("type", "application");
        tool.put("name", "kubeward");
        tool.put("version", toolVersion);
        ArrayNode components = root.putArray("components");
        ArrayNode dependencies = root.putArray("dependencies");
        List<ImageScan> read = scans.stream().filter(s -> s.error() == null).toList();
        int n = 0;
        for (ImageScan s : read) {
            String imageRef = "image-" + n;
            ObjectNode image = read.size() == 1 ? meta.putObject("component") : components.addObject();
            image.put("bom-ref", imageRef);
            image.put("type", "container");
            image.put("name", s.name() != null ? s.name() : s.reference());
            if (s.digest() != null) {
                image.put("version", s.digest());
            }
            image.putArray("properties").addObject().put("name", "kubeward:image:reference").put("value", s.reference());
            ArrayNode holds = JsonReporter.MAPPER.createArrayNode();
            if (s.os() != null && s.os().id() != null) {
                ObjectNode os = components.addObject();
                String ref = imageRef + "/os";
                os.put("bom-ref", ref);
                os.put("type", "operating-system");
                os.put("name", s.os().id());
                if (s.os().versionId() != null) {
                    os.put("version", s.os().versionId());
                }
                if (s.os().prettyName() != null) {
                    os.put("description", s.os().prettyName());
                }
                holds.add(ref);
            }
            int i = 0;
            for (Package p : s.packages()) {
                String ref = imageRef + "/pkg-" + i++;
                ObjectNode c = components.addObject();
                c.put("bom-ref", ref);
                c.put("type", "library");
                c.put("name", p.name());
                if (p.version() != null) {
                    c.put("version", p.version());
                }
                if (p.purl() != null) {
                    c.put("purl", p.purl());
                }
                if (p.license() != null) {
                    ObjectNode l = c.putArray("licenses").addObject();
                    if (p.license().matches("[A-Za-z0-9.+-]+")) {
                        l.putObject("license").put("id", p.license());
                    } else if (p.license().matches("[A-Za-z0-9.+() -]+") && p.license().matches(".* (AND|OR|WITH) .*")) {
                        l.put("expression", p.license());
                    } else {
                        l.putObject("license").put("name", p.license());
                    }
                }
                if (p.path() != null) {
                    ObjectNode occ = c.putObject("evidence").putArray("occurrences").addObject();
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*):(\\d+)").matcher(p.path());
                    if (m.matches() && !m.group(1).contains("!")) {
                        occ.put("location", m.group(1));
                        occ.put("line", Integer.parseInt(m.group(2)));
                    } else {
                        occ.put("location", p.path());
                    }
                }
                ArrayNode props = c.putArray("properties");
                property(props, "kubeward:package:ecosystem", p.ecosystem());
                property(props, "kubeward:package:sourceName", p.sourceName());
                property(props, "kubeward:package:sourceVersion", p.sourceVersion());
                property(props, "kubeward:package:osRelease", p.osRelease());
                property(props, "kubeward:package:path", p.path());
                property(props, "kubeward:package:layerDiffID", p.layer());
                if (props.isEmpty()) {
                    c.remove("properties");
                }
                holds.add(ref);
            }
            ObjectNode dep = dependencies.addObject();
            dep.put("ref", imageRef);
            dep.set("dependsOn", holds);
            n++;
        }
        JsonDocuments.write(root, out);
    }

    private static void property(ArrayNode props, String name, String value) {
        if (value != null) {
            props.addObject().put("name", name).put("value", value);
        }
    }

    static void packageJson(ObjectNode n, Package p) {
        n.put("name", p.name());
        n.put("version", p.version());
        n.put("ecosystem", p.osRelease() != null ? p.osRelease() : p.ecosystem());
        n.put("purl", p.purl());
        n.put("path", p.path());
        if (p.sourceName() != null) {
            n.put("sourceName", p.sourceName());
        }
        if (p.sourceVersion() != null) {
            n.put("sourceVersion", p.sourceVersion());
        }
    }
}
