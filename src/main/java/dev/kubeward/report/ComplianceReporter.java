package dev.kubeward.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kubeward.check.Finding;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * {@code scan --framework ID} in text and JSON (schemas/compliance.schema.json): the controls by
 * section, each with its status, the checks that serve it, its findings (failed), its suppressed
 * findings with their reasons, and why it is not applicable or not checkable; then the counts and
 * the score.
 */
public final class ComplianceReporter {
    /** Findings listed under one failed control in text; the rest are counted. JSON lists them all. */
    static final int TEXT_FINDINGS_PER_CONTROL = 10;

    private ComplianceReporter() {}

    public static void writeText(Compliance c, ScanReport report, RenderOptions options, Writer writer) {
        PrintWriter out = new PrintWriter(writer);
        if (!options.quiet()) {
            out.println(c.framework().title() + " " + c.framework().version());
            out.println();
            for (Map.Entry<String, List<Compliance.Result>> section : c.bySection().entrySet()) {
                out.println(section.getKey());
                for (Compliance.Result r : section.getValue()) {
                    String status = r.status() == Compliance.Status.FAILED ? "FAILED" : r.status().label();
                    out.printf("  %-14s  %s  %s%n", status, r.control().id().equals(r.control().title()) ? "" : r.control().id(),
                            r.control().title());
                    if (r.reason() != null) {
                        out.println("                  " + r.reason());
                    } else if (!r.checks().isEmpty()) {
                        out.println("                  checks: " + String.join(", ", r.checks()));
                    }
                    int shown = 0;
                    for (Finding f : r.findings()) {
                        if (shown++ == TEXT_FINDINGS_PER_CONTROL) {
                            out.println("                  … and " + (r.findings().size() - TEXT_FINDINGS_PER_CONTROL)
                                    + " more (--format json lists them all)");
                            break;
                        }
                        out.printf("                  %s:%d:%d  %s  %s  %s: %s%n", f.file(), f.line(), f.column(),
                                f.severity().label(), f.checkId(), f.resource().display(), f.message());
                    }
                    for (Finding f : r.suppressed()) {
                        out.printf("                  suppressed  %s  %s: %s (%s)%n", f.checkId(), f.resource().display(),
                                f.message(), f.suppression().reason());
                    }
                }
                out.println();
            }
        }
        out.println(c.summaryLine());
        if (!report.errors().isEmpty()) {
            out.println(report.errors().size() + (report.errors().size() == 1 ? " input error" : " input errors")
                    + " (the controls are judged on what could be read)");
        }
        out.flush();
    }

    public static void writeJson(Compliance c, ScanReport report, RenderOptions options, Writer out) throws IOException {
        try (JsonGenerator g = JsonDocuments.generator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", JsonDocuments.SCHEMA_VERSION);
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", "kubeward");
            g.writeStringField("version", report.toolVersion());
            g.writeEndObject();
            JsonReporter.writeConfig(g, options);
            g.writeObjectFieldStart("framework");
            g.writeStringField("id", c.framework().id());
            g.writeStringField("title", c.framework().title());
            g.writeStringField("version", c.framework().version());
            g.writeEndObject();
            g.writeArrayFieldStart("controls");
            for (Compliance.Result r : c.results()) {
                g.writeStartObject();
                g.writeStringField("id", r.control().id());
                g.writeStringField("title", r.control().title());
                g.writeStringField("section", r.control().section());
                g.writeStringField("status", r.status().key());
                g.writeArrayFieldStart("checks");
                for (String id : r.checks()) {
                    g.writeString(id);
                }
                g.writeEndArray();
                if (r.reason() != null) {
                    g.writeStringField("reason", r.reason());
                }
                g.writeArrayFieldStart("findings");
                for (Finding f : r.findings()) {
                    writeFinding(g, f);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("suppressed");
                for (Finding f : r.suppressed()) {
                    writeFinding(g, f);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("controls", c.results().size());
            for (Compliance.Status s : Compliance.Status.values()) {
                g.writeNumberField(camel(s.key()), c.count(s));
            }
            if (c.scorePercent() < 0) {
                g.writeNullField("score");
            } else {
                g.writeNumberField("score", c.scorePercent());
            }
            g.writeEndObject();
            JsonReporter.writeErrors(g, report.errors());
            g.writeEndObject();
        }
        out.write(System.lineSeparator());
        out.flush();
    }

    private static void writeFinding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("checkId", f.checkId());
        g.writeStringField("severity", f.severity().label());
        g.writeStringField("message", f.message());
        g.writeStringField("object", f.resource().display());
        g.writeStringField("file", f.file());
        g.writeNumberField("line", f.line());
        g.writeStringField("path", f.path().toString());
        if (f.suppressed()) {
            g.writeStringField("reason", f.suppression().reason());
        }
        g.writeEndObject();
    }

    /** not-applicable → notApplicable. */
    static String camel(String key) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char ch : key.toCharArray()) {
            if (ch == '-') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return sb.toString();
    }
}
