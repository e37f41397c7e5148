package dev.kubeward.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Severity;
import dev.kubeward.model.InputError;
import dev.kubeward.model.ObjectRef;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/** The machine-readable report; its shape is documented in docs/output-formats.md and versioned. */
public final class JsonReporter implements Reporter {
    public static final int SCHEMA_VERSION = 1;
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void write(ScanReport report, Writer out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ObjectNode tool = root.putObject("tool");
        tool.put("name", "kubeward");
        tool.put("version", report.toolVersion());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : report.findings()) {
            ObjectNode n = findings.addObject();
            n.put("checkId", f.checkId());
            n.put("severity", f.severity().label());
            n.put("title", f.check().title());
            n.put("message", f.message());
            n.set("resource", resource(f.resource()));
            n.put("file", f.file());
            n.put("line", f.line());
            n.put("column", f.column());
            n.put("path", f.path().toString());
            n.put("suppressed", f.suppressed());
            if (f.suppressed()) {
                ObjectNode s = n.putObject("suppression");
                s.put("kind", f.suppression().kind() == dev.kubeward.check.Suppression.Kind.ANNOTATION ? "annotation" : "config");
                s.put("reason", f.suppression().reason());
            }
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("files", report.files());
        summary.put("objects", report.objects().size());
        int total = 0;
        ObjectNode bySeverity = summary.putObject("bySeverity");
        for (Map.Entry<Severity, Integer> e : report.countsBySeverity().entrySet()) {
            bySeverity.put(e.getKey().label(), e.getValue());
            total += e.getValue();
        }
        summary.put("findings", total);
        summary.put("suppressed", report.suppressedCount());
        summary.put("failOn", report.failOn() == null ? "none" : report.failOn().label());
        summary.put("failed", report.thresholdReached());
        ArrayNode errors = root.putArray("errors");
        for (InputError e : report.errors()) {
            ObjectNode n = errors.addObject();
            n.put("file", e.file());
            n.put("line", e.line());
            n.put("message", e.message());
        }
        MAPPER.writeValue(new NonClosingWriter(out), root);
        out.write(System.lineSeparator());
        out.flush();
    }

    static ObjectNode resource(ObjectRef ref) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("apiVersion", ref.apiVersion());
        r.put("kind", ref.kind());
        r.put("namespace", ref.namespace());
        r.put("name", ref.name());
        return r;
    }

    /** Jackson closes the writer it is given; the caller owns it. */
    static final class NonClosingWriter extends java.io.FilterWriter {
        NonClosingWriter(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
