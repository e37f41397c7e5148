package dev.kubeward.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.CheckMeta;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Severity;
import dev.kubeward.check.Suppression;
import dev.kubeward.image.scan.ImageScan;
import dev.kubeward.image.vuln.VulnMatch;
import dev.kubeward.model.InputError;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0, as GitHub code scanning reads it ("SARIF support for code scanning"): rules with
 * help and a security-severity score at their effective severity, results with regions and
 * artifact URIs relative to the repository root ({@code %SRCROOT%}), fingerprints that survive
 * lines moving, suppressions for exempted findings, input errors as notifications.
 */
public final class SarifReporter implements Reporter {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** The uriBaseId of every artifact inside the repository root. */
    public static final String SRCROOT = "%SRCROOT%";
    /** The artifact name of standard input, as every format names it. */
    static final String STDIN = "<stdin>";

    /**
     * The run is written as a stream: its tool and invocation parts are small trees, but each
     * result is written as soon as it is built, so a scan with a hundred thousand findings does
     * not hold them all a second time as JSON nodes.
     */
    @Override
    public void write(ScanReport report, RenderOptions options, Writer out) throws IOException {
        ObjectNode tool = tool(report.toolVersion());
        ArrayNode rules = (ArrayNode) tool.at("/driver/rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (CheckMeta m : report.rules()) {
            ruleIndex.put(m.id(), rules.size());
            rules.add(rule(m, options));
        }
        Artifacts artifacts = new Artifacts(options.workingDirectory(), options.sourceRoot());
        Map<String, Integer> occurrences = new HashMap<>();
        writeLog(out, tool, artifacts, g -> {
            for (Finding f : report.shown(options)) {
                ObjectNode r = result(f, ruleIndex, artifacts, occurrences);
                if (report.baseline() != null && !f.suppressed()) {
                    r.put("baselineState", report.baselined(f) ? "unchanged" : "new");
                }
                dev.kubeward.exposure.Rank rank = report.rank(f);
                if (rank != null) {
                    // SARIF's rank: 0 to 100, higher first; the score and its reasons in the properties.
                    r.put("rank", rank.sarifRank());
                    ObjectNode props = r.putObject("properties");
                    props.put("deploymentRank", rank.score());
                    ArrayNode reasons = props.putArray("deploymentReasons");
                    rank.reasons().forEach(x -> reasons.add(x.factor().label() + " +" + x.factor().points() + ": " + x.detail()));
                }
                g.writeTree(r);
            }
            if (report.baseline() != null) {
                for (Baseline.Entry e : report.baseline().absent()) {
                    g.writeTree(absent(e, ruleIndex, artifacts));
                }
            }
        }, invocation(report, artifacts));
    }

    /**
     * The SARIF of {@code images scan}: a rule per vulnerability (its id, as Trivy and Grype name
     * them), a result per vulnerable package of each image, located at the image's file (the
     * layout directory, the archive or the root filesystem, relative to {@code %SRCROOT%} when it is
     * inside the repository; the reference itself otherwise) with the package's place in the image
     * as the logical location; vulnerabilities a VEX statement covers are suppressed results with
     * the statement's justification. The security-severity of a rule is the CVSS base score when the
     * records give one, else the band of its level.
     */
    public void writeImages(ImageScanReport report, String toolVersion, RenderOptions options, Writer out) throws IOException {
        ObjectNode tool = tool(toolVersion);
        ArrayNode rules = (ArrayNode) tool.at("/driver/rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        Artifacts artifacts = new Artifacts(options.workingDirectory(), options.sourceRoot());
        List<ObjectNode> results = new java.util.ArrayList<>();
        Map<String, Integer> occurrences = new HashMap<>();
        for (ImageScan s : report.scans()) {
            ObjectNode artifact = JsonReporter.MAPPER.createObjectNode();
            artifacts.locate(artifact, ImageScanReport.artifactOf(s.reference(), options.workingDirectory()));
            for (ImageScanReport.Listed l : report.listed(s)) {
                VulnMatch m = l.match();
                Integer index = ruleIndex.get(m.id());
                if (index == null) {
                    index = rules.size();
                    ruleIndex.put(m.id(), index);
                    rules.add(vulnerabilityRule(m));
                }
                results.add(vulnerabilityResult(s, l, index, artifact, occurrences));
            }
        }
        ObjectNode invocation = JsonReporter.MAPPER.createObjectNode();
        invocation.put("executionSuccessful", report.scans().stream().allMatch(s -> s.error() == null));
        ArrayNode execution = JsonReporter.MAPPER.createArrayNode();
        for (ImageScan s : report.scans()) {
            if (s.error() != null) {
                ObjectNode n = execution.addObject();
                n.putObject("descriptor").put("id", "image-not-read");
                n.put("level", "error");
                n.putObject("message").put("text", s.error());
            }
            for (String p : s.problems()) {
                ObjectNode n = execution.addObject();
                n.putObject("descriptor").put("id", "image-note");
                n.put("level", "note");
                n.putObject("message").put("text", s.reference() + ": " + p);
            }
        }
        for (String w : report.notes()) {
            ObjectNode n = execution.addObject();
            n.putObject("descriptor").put("id", "database-warning");
            n.put("level", "warning");
            n.putObject("message").put("text", w);
        }
        for (String w : report.vex().unused()) {
            ObjectNode n = execution.addObject();
            n.putObject("descriptor").put("id", "vex-statement-unused");
            n.put("level", "warning");
            n.putObject("message").put("text", w);
        }
        if (!execution.isEmpty()) {
            invocation.set("toolExecutionNotifications", execution);
        }
        writeLog(out, tool, artifacts, g -> {
            for (ObjectNode r : results) {
                g.writeTree(r);
            }
        }, invocation);
    }

    private static ObjectNode vulnerabilityRule(VulnMatch m) {
        ObjectNode r = JsonReporter.MAPPER.createObjectNode();
        r.put("id", m.id());
        r.put("name", m.id());
        String title = m.summary() == null || m.summary().isBlank() ? m.id() : m.summary().strip();
        r.putObject("shortDescription").put("text", clip(title, 1024));
        String aliases = m.aliases().isEmpty() ? "" : " Also known as " + String.join(", ", m.aliases()) + ".";
        r.putObject("fullDescription").put("text", clip(title + (title.endsWith(".") ? "" : ".") + aliases, 1024));
        String score = Double.isNaN(m.score()) ? "" : " (CVSS " + m.score() + (m.vector() == null ? "" : ", " + m.vector()) + ")";
        String fix = "Upgrade the package to a version the records name as fixed, or rebuild the image on a base that has it.";
        ObjectNode h = r.putObject("help");
        h.put("text", m.id() + ": " + title + "\n\nSeverity: " + m.severity().label() + score + "." + aliases
                + "\n\nHow to fix: " + fix);
        h.put("markdown", "**" + m.id() + "** (severity " + m.severity().label() + score + ")\n\n" + title
                + (aliases.isEmpty() ? "" : "\n\n" + aliases.strip()) + "\n\n**How to fix.** " + fix);
        r.put("helpUri", "https://osv.dev/vulnerability/" + m.id());
        Severity level = ImageScanReport.severity(m.severity());
        r.putObject("defaultConfiguration").put("level", level(level));
        ObjectNode props = r.putObject("properties");
        ArrayNode tags = props.putArray("tags");
        tags.add("security");
        tags.add("vulnerability");
        tags.add(m.severity().label());
        props.put("security-severity", Double.isNaN(m.score()) || m.score() <= 0 ? securitySeverity(level)
                : String.format(java.util.Locale.ROOT, "%.1f", m.score()));
        return r;
    }

    private static ObjectNode vulnerabilityResult(ImageScan s, ImageScanReport.Listed l, int ruleIndex, ObjectNode artifact,
            Map<String, Integer> occurrences) {
        VulnMatch m = l.match();
        ObjectNode r = JsonReporter.MAPPER.createObjectNode();
        r.put("ruleId", m.id());
        r.put("ruleIndex", ruleIndex);
        r.put("level", level(ImageScanReport.severity(m.severity())));
        r.putObject("message").put("text", ImageScanReport.describe(m) + " (" + s.reference() + ")");
        ObjectNode location = r.putArray("locations").addObject();
        ObjectNode physical = location.putObject("physicalLocation");
        physical.set("artifactLocation", artifact.deepCopy());
        physical.putObject("region").put("startLine", 1).put("startColumn", 1);
        ObjectNode logical = location.putArray("logicalLocations").addObject();
        logical.put("fullyQualifiedName", s.reference() + "!" + (m.pkg().path() == null ? m.pkg().name() : m.pkg().path()));
        logical.put("name", m.pkg().name());
        logical.put("kind", "module");
        String key = m.id() + "|" + (s.name() != null ? s.name() : s.reference()) + "|" + m.pkg().name() + "|" + m.pkg().path();
        String fingerprint = hash(key) + ":" + occurrences.merge(key, 1, Integer::sum);
        r.putObject("partialFingerprints").put("primaryLocationLineHash", fingerprint).put("kubewardVulnerability/v1", fingerprint);
        if (l.suppressed() != null) {
            ObjectNode sup = r.putArray("suppressions").addObject();
            sup.put("kind", "external");
            sup.put("justification", l.suppressed());
        }
        ObjectNode props = r.putObject("properties");
        props.put("image", s.reference());
        ImageScanReport.packageJson(props.putObject("package"), m.pkg());
        props.put("fixed", m.fixed());
        return r;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    /** The tool: kubeward at its version, with an empty list of rules. */
    static ObjectNode tool(String version) {
        ObjectNode tool = JsonReporter.MAPPER.createObjectNode();
        ObjectNode driver = tool.putObject("driver");
        driver.put("name", "kubeward");
        driver.put("version", version);
        driver.put("semanticVersion", version);
        driver.putArray("rules");
        return tool;
    }

    /** Writes one result after the other into the {@code results} array of the run. */
    @FunctionalInterface
    interface Results {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * The log of one run: schema and version, the tool, {@code %SRCROOT%}, the results as they are
     * written, the invocation. Every SARIF kubeward writes ({@code scan}, {@code images scan}) is this
     * document.
     */
    static void writeLog(Writer out, ObjectNode tool, Artifacts artifacts, Results results, ObjectNode invocation)
            throws IOException {
        try (JsonGenerator g = JsonReporter.MAPPER.createGenerator(new JsonReporter.NonClosingWriter(out))) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("$schema", SCHEMA);
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            g.writeFieldName("tool");
            g.writeTree(tool);
            g.writeObjectFieldStart("originalUriBaseIds");
            g.writeObjectFieldStart(SRCROOT);
            g.writeStringField("uri", artifacts.rootUri());
            g.writeObjectFieldStart("description");
            g.writeStringField("text", "The repository root: the git top-level of the scanned files.");
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("results");
            results.write(g);
            g.writeEndArray();
            g.writeArrayFieldStart("invocations");
            g.writeTree(invocation);
            g.writeEndArray();
            g.writeStringField("columnKind", "unicodeCodePoints");
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write(System.lineSeparator());
        out.flush();
    }

    /**
     * The invocation: input errors as {@code toolExecutionNotifications} at level error; what was
     * not read as notifications at level note, so that a code-scanning run says what it did not
     * look at (SARIF 2.1.0 §3.20.21, §3.20.22): documents that are not objects and notices about
     * templates are execution notifications, files and directories the selection left out
     * (.gitignore, --exclude, defaults) configuration notifications. The counts are in the
     * invocation's property bag.
     */
    private static ObjectNode invocation(ScanReport report, Artifacts artifacts) {
        ObjectNode invocation = JsonReporter.MAPPER.createObjectNode();
        invocation.put("executionSuccessful", report.errors().isEmpty());
        UnreadInput unread = report.unread() == null ? UnreadInput.NONE : report.unread();
        ArrayNode execution = JsonReporter.MAPPER.createArrayNode();
        for (InputError e : report.errors()) {
            notification(execution, "input-error", "error", e.message(), e.file(), e.line(), artifacts);
        }
        for (UnreadInput.Skipped s : unread.skipped()) {
            notification(execution, "document-skipped", "note", "document skipped: " + s.reason(), s.file(), s.line(),
                    artifacts);
        }
        for (UnreadInput.Notice n : unread.notices()) {
            notification(execution, "input-notice", "note", n.message(), n.file(), n.line(), artifacts);
        }
        for (dev.kubeward.model.CoverageGap gap : unread.notChecked()) {
            ObjectNode n = execution.addObject();
            n.putObject("descriptor").put("id", "kind-not-checked");
            n.put("level", "warning");
            n.putObject("message").put("text", gap.toString());
        }
        if (!execution.isEmpty()) {
            invocation.set("toolExecutionNotifications", execution);
        }
        if (!unread.notRead().isEmpty()) {
            ArrayNode configuration = invocation.putArray("toolConfigurationNotifications");
            for (UnreadInput.NotRead n : unread.notRead()) {
                notification(configuration, n.directory() ? "directory-not-read" : "file-not-read", "note",
                        (n.directory() ? "directory not read: " : "file not read: ") + n.reason() + " (" + n.rule() + ")",
                        n.path(), 0, artifacts);
            }
        }
        if (report.unread() != null) {
            ObjectNode props = invocation.putObject("properties");
            props.put("documentsSkipped", unread.documentsSkipped());
            props.put("filesNotRead", unread.filesNotRead());
            props.put("directoriesNotRead", unread.directoriesNotRead());
        }
        return invocation;
    }

    static void notification(ArrayNode list, String id, String level, String text, String file, int line,
            Artifacts artifacts) {
        ObjectNode n = list.addObject();
        n.putObject("descriptor").put("id", id);
        n.put("level", level);
        n.putObject("message").put("text", text);
        ObjectNode physical = n.putArray("locations").addObject().putObject("physicalLocation");
        artifacts.locate(physical.putObject("artifactLocation"), file);
        if (line > 0) {
            physical.putObject("region").put("startLine", line);
        }
    }

    /** A rule at its effective severity (the configuration may override the check's default). */
    private static ObjectNode rule(CheckMeta m, RenderOptions options) {
        ObjectNode r = JsonReporter.MAPPER.createObjectNode();
        r.put("id", m.id());
        r.put("name", pascal(m.id()));
        r.putObject("shortDescription").put("text", m.title());
        r.putObject("fullDescription").put("text", m.description());
        ObjectNode h = r.putObject("help");
        h.put("text", m.title() + "\n\nWhat it looks at: " + m.description() + "\n\nWhy it matters: " + m.rationale()
                + "\n\nHow to fix: " + m.remediation() + frameworks(m, false));
        h.put("markdown", "**" + m.title() + "** (severity " + m.severity().label() + ")\n\n**What it looks at.** "
                + m.description() + "\n\n**Why it matters.** " + m.rationale() + "\n\n**How to fix.** "
                + m.remediation() + frameworks(m, true));
        String helpUri = options.helpUri(m.id());
        if (helpUri != null) {
            r.put("helpUri", helpUri);
        }
        r.putObject("defaultConfiguration").put("level", level(m.severity()));
        ObjectNode props = r.putObject("properties");
        ArrayNode tags = props.putArray("tags");
        tags.add("security");
        tags.add(m.category());
        m.frameworks().cis().forEach(c -> tags.add("CIS-" + c));
        m.frameworks().mitre().forEach(tags::add);
        props.put("security-severity", securitySeverity(m.severity()));
        props.put("precision", "very-high");
        return r;
    }

    private static String frameworks(CheckMeta m, boolean markdown) {
        StringBuilder sb = new StringBuilder();
        CheckMeta.Frameworks f = m.frameworks();
        appendList(sb, "CIS Kubernetes Benchmark", f.cis(), markdown);
        appendList(sb, "NSA/CISA Kubernetes Hardening Guide", f.nsaCisa(), markdown);
        appendList(sb, "Pod Security Standards", f.pss(), markdown);
        appendList(sb, "MITRE ATT&CK", f.mitre(), markdown);
        return sb.toString();
    }

    private static void appendList(StringBuilder sb, String name, List<String> items, boolean markdown) {
        if (!items.isEmpty()) {
            sb.append("\n\n").append(markdown ? "**" + name + ":** " : name + ": ").append(String.join(", ", items));
        }
    }

    /**
     * A baseline entry no finding matched: SARIF 2.1.0's {@code baselineState: absent} (§3.27.24),
     * informational at level none, located at the file where it was recorded (line 1: lines are not
     * recorded), since GitHub code scanning rejects a whole upload for one result without a
     * physical location.
     */
    private static ObjectNode absent(Baseline.Entry e, Map<String, Integer> ruleIndex, Artifacts artifacts) {
        ObjectNode r = JsonReporter.MAPPER.createObjectNode();
        r.put("ruleId", e.checkId());
        Integer index = ruleIndex.get(e.checkId());
        if (index != null) {
            r.put("ruleIndex", index);
        }
        r.put("kind", "informational");
        r.put("level", "none");
        r.putObject("message").put("text", "No longer found: " + e.message() + " (" + e.object() + ")");
        ObjectNode location = r.putArray("locations").addObject();
        ObjectNode physical = location.putObject("physicalLocation");
        artifacts.locate(physical.putObject("artifactLocation"), e.file().isEmpty() ? STDIN : e.file());
        physical.putObject("region").put("startLine", 1).put("startColumn", 1);
        ObjectNode logical = location.putArray("logicalLocations").addObject();
        logical.put("fullyQualifiedName", e.object() + (e.path().isEmpty() ? "" : ":" + e.path()));
        logical.put("kind", "object");
        String fingerprint = e.fingerprint().substring(0, 16) + ":1";
        r.putObject("partialFingerprints").put("primaryLocationLineHash", fingerprint).put("kubewardBaseline/v1", e.fingerprint());
        r.put("baselineState", "absent");
        return r;
    }

    private static ObjectNode result(Finding f, Map<String, Integer> ruleIndex, Artifacts artifacts,
            Map<String, Integer> occurrences) {
        ObjectNode r = JsonReporter.MAPPER.createObjectNode();
        r.put("ruleId", f.checkId());
        Integer index = ruleIndex.get(f.checkId());
        if (index != null) {
            r.put("ruleIndex", index);
        }
        r.put("level", level(f.severity()));
        r.putObject("message").put("text", f.message() + " (" + f.resource().display() + ")");
        ObjectNode location = r.putArray("locations").addObject();
        ObjectNode physical = location.putObject("physicalLocation");
        String uri = artifacts.locate(physical.putObject("artifactLocation"), f.file());
        ObjectNode region = physical.putObject("region");
        region.put("startLine", Math.max(1, f.line()));
        region.put("startColumn", Math.max(1, f.column()));
        ObjectNode logical = location.putArray("logicalLocations").addObject();
        logical.put("fullyQualifiedName", f.resource().display() + (f.path().isRoot() ? "" : ":" + f.path()));
        logical.put("kind", "object");
        if (!f.related().isEmpty()) {
            com.fasterxml.jackson.databind.node.ArrayNode related = r.putArray("relatedLocations");
            int id = 1;
            for (dev.kubeward.check.RelatedLocation rl : f.related()) {
                ObjectNode l = related.addObject();
                l.put("id", id++);
                ObjectNode p = l.putObject("physicalLocation");
                artifacts.locate(p.putObject("artifactLocation"), rl.file());
                p.putObject("region").put("startLine", Math.max(1, rl.line())).put("startColumn", Math.max(1, rl.column()));
                l.putObject("message").put("text", rl.message());
            }
        }
        String key = fingerprintKey(f, uri);
        String fingerprint = hash(key) + ":" + occurrences.merge(key, 1, Integer::sum);
        ObjectNode fp = r.putObject("partialFingerprints");
        fp.put("primaryLocationLineHash", fingerprint);
        fp.put("kubewardFinding/v2", fingerprint);
        if (f.suppressed()) {
            ObjectNode s = r.putArray("suppressions").addObject();
            s.put("kind", f.suppression().kind() == Suppression.Kind.ANNOTATION ? "inSource" : "external");
            s.put("justification", f.suppression().reason());
        }
        return r;
    }

    /**
     * What identifies a finding across runs: the check, the file, the object and the field, and
     * the message with its numbers left out (some messages name lines, which move). Line and column
     * are not part of it, so that an edit above the finding does not make a new alert; findings
     * that share the key are told apart by their order ({@code hash:N}, as GitHub's own are).
     */
    static String fingerprintKey(Finding f, String uri) {
        String message = f.message();
        int rank = message.indexOf("; rank ");
        if (rank > 0 && dev.kubeward.exposure.VulnerabilityFindings.CATEGORY.equals(f.check().category())) {
            // A vulnerability stays the same alert when how it is deployed changes.
            message = message.substring(0, rank);
        }
        return f.checkId() + "|" + uri + "|" + f.resource().display() + "|" + f.path() + "|"
                + message.replaceAll("[0-9]+", "#");
    }

    static String hash(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /**
     * Artifact locations: a file inside the repository root is a URI relative to it with uriBaseId
     * %SRCROOT%, symlinks resolved (GitHub cannot show a result in a symlinked file); a file outside
     * it is an absolute file: URI; standard input is {@code <stdin>}, percent-encoded as a URI must be.
     */
    static final class Artifacts {
        private final Path workingDirectory;
        private final Path root;
        private final Map<String, String[]> memo = new HashMap<>();

        Artifacts(Path workingDirectory, Path sourceRoot) {
            this.workingDirectory = workingDirectory;
            this.root = real(sourceRoot.toAbsolutePath().normalize());
        }

        String rootUri() {
            String uri = root.toUri().toASCIIString();
            return uri.endsWith("/") ? uri : uri + "/";
        }

        /** Fills an artifactLocation; returns its URI. */
        String locate(ObjectNode artifactLocation, String file) {
            String[] located = memo.computeIfAbsent(file, this::resolve);
            artifactLocation.put("uri", located[0]);
            if (located[1] != null) {
                artifactLocation.put("uriBaseId", located[1]);
            }
            return located[0];
        }

        private String[] resolve(String file) {
            if (file.equals(STDIN)) {
                return new String[] {encode(STDIN), null};
            }
            Path path;
            try {
                path = real(workingDirectory.resolve(file).normalize());
            } catch (java.nio.file.InvalidPathException e) {
                return new String[] {encode(file.replace('\\', '/')), null};
            }
            if (path.startsWith(root) && !path.equals(root)) {
                StringBuilder uri = new StringBuilder();
                for (Path part : root.relativize(path)) {
                    if (uri.length() > 0) {
                        uri.append('/');
                    }
                    uri.append(encode(part.toString()));
                }
                return new String[] {uri.toString(), SRCROOT};
            }
            return new String[] {path.toUri().toASCIIString(), null};
        }

        private static Path real(Path p) {
            try {
                return p.toRealPath();
            } catch (IOException | SecurityException e) {
                return p;
            }
        }

        /** One path segment (or a name) as a URI reference: what RFC 3986 does not allow is percent-encoded. */
        static String encode(String segment) {
            try {
                String s = new URI(null, null, segment, null).toASCIIString();
                // A segment with a colon before any slash would read as a scheme.
                return s.replace(":", "%3A").replace("<", "%3C").replace(">", "%3E");
            } catch (URISyntaxException e) {
                return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
            }
        }
    }

    static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** GitHub's bands: over 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, 0.1 to 3.9 low. */
    static String securitySeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "1.0";
        };
    }

    private static String pascal(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("-")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }
}
