package dev.kubeward.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Severity;
import dev.kubeward.check.Suppression;
import dev.kubeward.model.InputError;
import dev.kubeward.model.ObjectRef;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable report; its shape is documented in docs/output-formats.md and versioned.
 * It is streamed finding by finding rather than built as a tree first: a scan of a large
 * repository can carry tens of thousands of findings, and the tree cost as much memory as the
 * findings themselves.
 */
public final class JsonReporter implements Reporter {
    public static final int SCHEMA_VERSION = JsonDocuments.SCHEMA_VERSION;
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void write(ScanReport report, RenderOptions options, Writer out) throws IOException {
        List<Finding> shown = report.shown(options);
        try (JsonGenerator g = MAPPER.createGenerator(new NonClosingWriter(out))) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", "kubeward");
            g.writeStringField("version", report.toolVersion());
            g.writeEndObject();
            writeConfig(g, options);
            if (report.unread() != null) {
                g.writeFieldName("input");
                g.writeTree(report.unread().toJson());
            }
            g.writeArrayFieldStart("findings");
            for (Finding f : shown) {
                writeFinding(g, f, report);
            }
            g.writeEndArray();
            writeSummary(g, report, shown);
            writeBaseline(g, report, shown);
            writeErrors(g, report.errors());
            g.writeArrayFieldStart("context");
            for (ScanReport.ScannedObject o : report.context()) {
                g.writeStartObject();
                g.writeFieldName("resource");
                writeResource(g, o.ref());
                g.writeStringField("file", o.file());
                g.writeNumberField("line", o.line());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write(System.lineSeparator());
        out.flush();
    }

    private static void writeFinding(JsonGenerator g, Finding f, ScanReport report) throws IOException {
        g.writeStartObject();
        g.writeStringField("checkId", f.checkId());
        g.writeStringField("severity", f.severity().label());
        g.writeStringField("title", f.check().title());
        g.writeStringField("message", f.message());
        g.writeFieldName("resource");
        writeResource(g, f.resource());
        g.writeStringField("file", f.file());
        g.writeNumberField("line", f.line());
        g.writeNumberField("column", f.column());
        g.writeStringField("path", f.path().toString());
        if (!f.related().isEmpty()) {
            g.writeArrayFieldStart("related");
            for (dev.kubeward.check.RelatedLocation rl : f.related()) {
                g.writeStartObject();
                g.writeStringField("file", rl.file());
                g.writeNumberField("line", rl.line());
                g.writeNumberField("column", rl.column());
                g.writeStringField("message", rl.message());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeBooleanField("suppressed", f.suppressed());
        if (f.suppressed()) {
            g.writeObjectFieldStart("suppression");
            g.writeStringField("kind", f.suppression().kind() == Suppression.Kind.ANNOTATION ? "annotation" : "config");
            g.writeStringField("reason", f.suppression().reason());
            g.writeEndObject();
        }
        if (report.baseline() != null && !f.suppressed()) {
            g.writeStringField("baselineState", report.baselined(f) ? "unchanged" : "new");
        }
        dev.kubeward.exposure.Rank rank = report.rank(f);
        if (rank != null) {
            g.writeObjectFieldStart("deploymentRank");
            g.writeNumberField("score", rank.score());
            g.writeNumberField("severityPoints", dev.kubeward.exposure.Rank.severityPoints(rank.severity()));
            g.writeArrayFieldStart("reasons");
            for (dev.kubeward.exposure.Reason r : rank.reasons()) {
                g.writeStartObject();
                g.writeStringField("factor", r.factor().label());
                g.writeNumberField("points", r.factor().points());
                g.writeStringField("detail", r.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** {@code baseline}: the file, how many entries it had, matched, and those no longer found. */
    private static void writeBaseline(JsonGenerator g, ScanReport report, List<Finding> shown) throws IOException {
        Baseline.Comparison b = report.baseline();
        if (b == null) {
            return;
        }
        g.writeObjectFieldStart("baseline");
        g.writeStringField("file", b.file());
        g.writeNumberField("entries", b.entries());
        g.writeNumberField("unchanged", report.baselinedCount(shown));
        g.writeArrayFieldStart("absent");
        for (Baseline.Entry e : b.absent()) {
            Baseline.writeEntry(g, e);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** {@code errors}: the input errors, each file, line and message. */
    static void writeErrors(JsonGenerator g, List<InputError> errors) throws IOException {
        g.writeArrayFieldStart("errors");
        for (InputError e : errors) {
            g.writeStartObject();
            g.writeStringField("file", e.file());
            g.writeNumberField("line", e.line());
            g.writeStringField("message", e.message());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The configuration file used, or null for the defaults: every command's JSON names it so. */
    public static void writeConfig(JsonGenerator g, RenderOptions options) throws IOException {
        if (options.configFile() == null) {
            g.writeNullField("config");
            return;
        }
        g.writeObjectFieldStart("config");
        g.writeStringField("file", options.configFile());
        g.writeStringField("source", options.configSource());
        g.writeEndObject();
    }

    private static void writeSummary(JsonGenerator g, ScanReport report, List<Finding> shown) throws IOException {
        g.writeObjectFieldStart("summary");
        g.writeNumberField("files", report.files());
        g.writeNumberField("objects", report.objects().size());
        int total = 0;
        g.writeObjectFieldStart("bySeverity");
        for (Map.Entry<Severity, Integer> e : report.countsBySeverity(shown).entrySet()) {
            g.writeNumberField(e.getKey().label(), e.getValue());
            total += e.getValue();
        }
        g.writeEndObject();
        g.writeNumberField("findings", total);
        g.writeNumberField("suppressed", shown.stream().filter(Finding::suppressed).count());
        if (report.baseline() != null) {
            g.writeNumberField("baselined", report.baselinedCount(shown));
        }
        g.writeNumberField("notShown", report.findings().size() - shown.size());
        g.writeStringField("failOn", report.failOn() == null ? "none" : report.failOn().label());
        g.writeBooleanField("failed", report.thresholdReached());
        g.writeEndObject();
    }

    private static void writeResource(JsonGenerator g, ObjectRef ref) throws IOException {
        g.writeStartObject();
        g.writeStringField("apiVersion", ref.apiVersion());
        g.writeStringField("kind", ref.kind());
        g.writeStringField("namespace", ref.namespace());
        g.writeStringField("name", ref.name());
        g.writeEndObject();
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
