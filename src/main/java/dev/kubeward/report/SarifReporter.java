package dev.kubeward.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.CheckMeta;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Severity;
import dev.kubeward.check.Suppression;
import dev.kubeward.model.InputError;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0, as GitHub code scanning reads it: rules with help and a security-severity score,
 * results with regions, suppressions for exempted findings, input errors as notifications.
 */
public final class SarifReporter implements Reporter {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    /**
     * The run is written as a stream: its tool and invocation parts are small trees, but each
     * result is written as soon as it is built, so a scan with a hundred thousand findings does
     * not hold them all a second time as JSON nodes.
     */
    @Override
    public void write(ScanReport report, Writer out) throws IOException {
        ObjectNode tool = JsonReporter.MAPPER.createObjectNode();
        ObjectNode driver = tool.putObject("driver");
        driver.put("name", "kubeward");
        driver.put("version", report.toolVersion());
        driver.put("semanticVersion", report.toolVersion());
        driver.put("informationUri", "https://github.com/kubeward/kubeward");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (CheckMeta m : report.rules()) {
            ruleIndex.put(m.id(), rules.size());
            rules.add(rule(m));
        }
        try (JsonGenerator g = JsonReporter.MAPPER.createGenerator(new JsonReporter.NonClosingWriter(out))) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("$schema", SCHEMA);
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            g.writeFieldName("tool");
            g.writeTree(tool);
            g.writeArrayFieldStart("results");
            for (Finding f : report.findings()) {
                g.writeTree(result(f, ruleIndex));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("invocations");
            g.writeTree(invocation(report));
            g.writeEndArray();
            g.writeStringField("columnKind", "unicodeCodePoints");
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write(System.lineSeparator());
        out.flush();
    }

    private static ObjectNode invocation(ScanReport report) {
        ObjectNode invocation = JsonReporter.MAPPER.createObjectNode();
        invocation.put("executionSuccessful", report.errors().isEmpty());
        if (!report.errors().isEmpty()) {
            ArrayNode notes = invocation.putArray("toolExecutionNotifications");
            for (InputError e : report.errors()) {
                ObjectNode n = notes.addObject();
                n.put("level", "error");
                n.putObject("message").put("text", e.message());
                ObjectNode physical = n.putArray("locations").addObject().putObject("physicalLocation");
                physical.putObject("artifactLocation").put("uri", uri(e.file()));
                if (e.line() > 0) {
                    physical.putObject("region").put("startLine", e.line());
                }
            }
        }
        return invocation;
    }

    private static ObjectNode rule(CheckMeta m) {
        ObjectNode r = JsonReporter.MAPPER.createObjectNode();
        r.put("id", m.id());
        r.put("name", pascal(m.id()));
        r.putObject("shortDescription").put("text", m.title());
        r.putObject("fullDescription").put("text", m.description());
        String help = m.description() + "\n\nWhy: " + m.rationale() + "\n\nFix: " + m.remediation();
        ObjectNode h = r.putObject("help");
        h.put("text", help);
        h.put("markdown", "**" + m.title() + "**\n\n" + m.description() + "\n\n**Why it matters.** " + m.rationale()
                + "\n\n**How to fix.** " + m.remediation() + frameworksMarkdown(m));
        r.put("helpUri", m.helpUri());
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

    private static String frameworksMarkdown(CheckMeta m) {
        StringBuilder sb = new StringBuilder();
        CheckMeta.Frameworks f = m.frameworks();
        appendList(sb, "CIS Kubernetes Benchmark", f.cis());
        appendList(sb, "NSA/CISA Kubernetes Hardening Guide", f.nsaCisa());
        appendList(sb, "Pod Security Standards", f.pss());
        appendList(sb, "MITRE ATT&CK", f.mitre());
        return sb.toString();
    }

    private static void appendList(StringBuilder sb, String name, List<String> items) {
        if (!items.isEmpty()) {
            sb.append("\n\n").append(name).append(": ").append(String.join(", ", items));
        }
    }

    private static ObjectNode result(Finding f, Map<String, Integer> ruleIndex) {
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
        physical.putObject("artifactLocation").put("uri", uri(f.file()));
        ObjectNode region = physical.putObject("region");
        region.put("startLine", Math.max(1, f.line()));
        region.put("startColumn", Math.max(1, f.column()));
        ObjectNode logical = location.putArray("logicalLocations").addObject();
        logical.put("fullyQualifiedName", f.resource().display() + (f.path().isRoot() ? "" : ":" + f.path()));
        logical.put("kind", "object");
        r.putObject("partialFingerprints").put("kubewardFinding/v1", fingerprint(f));
        if (f.suppressed()) {
            ObjectNode s = r.putArray("suppressions").addObject();
            s.put("kind", f.suppression().kind() == Suppression.Kind.ANNOTATION ? "inSource" : "external");
            s.put("justification", f.suppression().reason());
        }
        return r;
    }

    /** Stable across edits that move lines: the check, the object and the field. */
    private static String fingerprint(Finding f) {
        String key = f.checkId() + "|" + f.resource().display() + "|" + f.path() + "|" + f.message();
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static String uri(String file) {
        if (file.equals("<stdin>")) {
            return "stdin";
        }
        String path = file.replace('\\', '/');
        if (path.startsWith("./")) {
            path = path.substring(2);
        }
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            return path;
        }
    }

    static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** GitHub maps these scores to its own critical/high/medium/low bands. */
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
