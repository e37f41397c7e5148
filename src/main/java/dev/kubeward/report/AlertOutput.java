package dev.kubeward.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kubeward.check.Finding;
import dev.kubeward.runtime.Alert;
import dev.kubeward.runtime.AuditEvent;
import java.io.IOException;

/**
 * One alert as a line of text or as a JSON object (a JSON line, or an element of the
 * {@code alerts} of audit-log's JSON document): schemas/audit-log.schema.json, $defs/alert.
 */
public final class AlertOutput {
    private AlertOutput() {}

    /** "2026-11-30T10:15:02Z  medium    pod-exec  jane … [audit.log:12]". */
    public static String text(Alert a) {
        AuditEvent e = a.event();
        String finding = a.finding() == null ? "" : " (" + a.finding().checkId() + " at " + a.finding().path() + ")";
        return (e.time() == null ? "-" : e.time()) + "  " + String.format("%-8s  ", a.severity().label()) + a.detection().id() + "  "
                + a.message() + finding + "  [" + e.location() + " " + e.auditID() + "]";
    }

    /** One alert as a JSON line, without the newline. */
    public static String jsonLine(Alert a) {
        java.io.StringWriter w = new java.io.StringWriter(1024);
        try (JsonGenerator g = JsonDocuments.lineGenerator(w)) {
            json(a, g);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
    }

    public static void json(Alert a, JsonGenerator g) throws IOException {
        AuditEvent e = a.event();
        g.writeStartObject();
        g.writeStringField("detection", a.detection().id());
        g.writeStringField("title", a.detection().title());
        g.writeStringField("severity", a.severity().label());
        g.writeStringField("message", a.message());
        g.writeArrayFieldStart("mitre");
        for (String m : a.detection().mitre()) {
            g.writeString(m);
        }
        g.writeEndArray();
        g.writeStringField("time", e.time());
        g.writeStringField("auditID", e.auditID());
        g.writeStringField("stage", e.stage().label());
        g.writeStringField("level", e.level() == null ? null : e.level().label());
        g.writeObjectFieldStart("user");
        g.writeStringField("username", e.user().username());
        g.writeArrayFieldStart("groups");
        for (String grp : e.user().groups()) {
            g.writeString(grp);
        }
        g.writeEndArray();
        g.writeEndObject();
        if (e.impersonatedUser() == null) {
            g.writeNullField("impersonatedUser");
        } else {
            g.writeObjectFieldStart("impersonatedUser");
            g.writeStringField("username", e.impersonatedUser().username());
            g.writeArrayFieldStart("groups");
            for (String grp : e.impersonatedUser().groups()) {
                g.writeString(grp);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeArrayFieldStart("sourceIPs");
        for (String ip : e.sourceIPs()) {
            g.writeString(ip);
        }
        g.writeEndArray();
        g.writeStringField("userAgent", e.userAgent());
        g.writeStringField("verb", e.verb());
        g.writeStringField("requestURI", e.requestURI());
        if (e.objectRef() == null) {
            g.writeNullField("objectRef");
        } else {
            AuditEvent.Target t = e.objectRef();
            g.writeObjectFieldStart("objectRef");
            g.writeStringField("apiGroup", t.apiGroup());
            g.writeStringField("apiVersion", t.apiVersion());
            g.writeStringField("resource", t.resource());
            g.writeStringField("subresource", t.subresource());
            g.writeStringField("namespace", t.namespace());
            g.writeStringField("name", t.name());
            g.writeEndObject();
        }
        if (e.code() == 0) {
            g.writeNullField("responseCode");
        } else {
            g.writeNumberField("responseCode", e.code());
        }
        g.writeObjectFieldStart("source");
        g.writeStringField("file", e.file());
        g.writeNumberField("line", e.line());
        g.writeEndObject();
        Finding f = a.finding();
        if (f == null) {
            g.writeNullField("finding");
        } else {
            g.writeObjectFieldStart("finding");
            g.writeStringField("check", f.checkId());
            g.writeStringField("title", f.check().title());
            g.writeStringField("severity", f.severity().label());
            g.writeStringField("message", f.message());
            g.writeStringField("path", f.path().toString());
            g.writeStringField("object", f.resource().display());
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
