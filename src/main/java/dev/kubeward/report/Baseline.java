package dev.kubeward.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.Finding;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.ObjectRef;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The findings a repository already had, so that CI fails only on what a change adds
 * ({@code scan --baseline-out FILE}, {@code scan --baseline FILE}; docs/reports.md).
 *
 * <p>An entry names a finding by what stays when unrelated things change: the check, the object's
 * identity (API group, kind, namespace, name: not the file, not the API version, not the line), the
 * path of the offending field with list indexes replaced by the element they point at (a
 * container by its name, a scalar by its value, any other element by a digest of its content), and
 * the offending value (the scalar at that path; "absent" for a missing field; the message with its
 * numbers masked for an object, which would otherwise change with every edit inside it). Its
 * fingerprint is a SHA-256 over those. Moving a manifest to another file, reordering containers,
 * env entries or rules, and editing other fields all keep the entry; changing the offending value
 * makes a new finding, as it should.
 *
 * <p>Entries are a multiset: two findings alike in all of the above need two entries.
 */
public final class Baseline {
    public static final String KIND = "KubewardBaseline";
    public static final int VERSION = 1;

    /**
     * One recorded finding.
     *
     * @param path the normalised path ({@code spec.template.spec.containers[name=web].image})
     * @param severity, {@code message} and {@code file} (where the finding was when it was
     *     recorded) are for people reading the file and the absent list, and give a SARIF result of
     *     an absent entry its location; they are not part of the match
     */
    public record Entry(String checkId, String group, String kind, String namespace, String name, String path,
            String fingerprint, String severity, String message, String file) {

        String key() {
            return checkId + "\u0000" + group + "\u0000" + kind + "\u0000" + namespace + "\u0000" + name + "\u0000"
                    + fingerprint;
        }

        /** "Deployment shop/web", as {@link ObjectRef#display()} names objects. */
        public String object() {
            String n = name == null || name.isEmpty() ? "(unnamed)" : name;
            return namespace == null || namespace.isEmpty() ? kind + " " + n : kind + " " + namespace + "/" + n;
        }
    }

    /** A baseline file that cannot be used, located for a person ({@code file:line: message}). */
    public static final class Invalid extends Exception {
        private final String file;
        private final int line;

        public Invalid(String file, int line, String message) {
            super(message);
            this.file = file;
            this.line = line;
        }

        @Override
        public String toString() {
            return (line > 0 ? file + ":" + line : file) + ": " + getMessage();
        }
    }

    /**
     * What a scan makes of a baseline.
     *
     * @param file the baseline file as the user named it
     * @param absent the entries no finding of this scan matched: fixed, or the object is gone
     */
    public record Comparison(String file, Set<Finding> unchanged, List<Entry> absent, int entries) {
        public boolean baselined(Finding f) {
            return unchanged.contains(f);
        }
    }

    private final List<Entry> entries;

    public Baseline(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * Matches the scan's findings against the entries, each entry once, in the findings' order.
     * Suppressed findings are neither matched nor recorded: an exemption already covers them.
     */
    public Comparison compare(String file, List<Finding> findings, Map<Finding, Entry> recorded) {
        Map<String, Integer> remaining = new HashMap<>();
        for (Entry e : entries) {
            remaining.merge(e.key(), 1, Integer::sum);
        }
        Set<Finding> unchanged = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Finding f : findings) {
            Entry e = recorded.get(f);
            if (f.suppressed() || e == null) {
                continue;
            }
            Integer n = remaining.get(e.key());
            if (n != null && n > 0) {
                remaining.put(e.key(), n - 1);
                unchanged.add(f);
            }
        }
        List<Entry> absent = new ArrayList<>();
        for (Entry e : entries) {
            Integer n = remaining.get(e.key());
            if (n != null && n > 0) {
                remaining.put(e.key(), n - 1);
                absent.add(e);
            }
        }
        return new Comparison(file, unchanged, absent, entries.size());
    }

    /**
     * The entries of a scan's unsuppressed findings, keyed by finding (identity).
     *
     * @param objects the object tree each finding is about, or null where there is none (a
     *     configuration file's pseudo-object); then the fingerprint rests on the message
     */
    public static Map<Finding, Entry> record(List<Finding> findings, java.util.function.Function<Finding, JsonNode> objects) {
        Map<Finding, Entry> out = new IdentityHashMap<>();
        for (Finding f : findings) {
            if (!f.suppressed()) {
                out.put(f, entry(f, objects.apply(f)));
            }
        }
        return out;
    }

    /** The entry of one finding on {@code object} (null when the object's tree is not at hand). */
    public static Entry entry(Finding f, JsonNode object) {
        ObjectRef ref = f.resource();
        String group = group(ref.apiVersion());
        String path = object == null ? f.path().toString() : normalisedPath(object, f.path());
        String value = object == null ? masked(f.message()) : value(object, f.path(), f.message());
        String fingerprint = sha256(f.checkId() + "\u0000" + group + "\u0000" + ref.kind() + "\u0000"
                + nullToEmpty(ref.namespace()) + "\u0000" + nullToEmpty(ref.name()) + "\u0000" + path + "\u0000" + value);
        return new Entry(f.checkId(), group, ref.kind(), nullToEmpty(ref.namespace()), nullToEmpty(ref.name()), path,
                fingerprint, f.severity().label(), f.message(), f.file());
    }

    /**
     * The path with each list index replaced by what it points at: {@code [name=web]} for an
     * element with a string {@code name}, {@code [=value]} for a scalar, {@code [#digest]} for any
     * other element (its canonical content), the index itself past the end of the list.
     */
    static String normalisedPath(JsonNode object, JsonPath path) {
        StringBuilder sb = new StringBuilder();
        JsonNode node = object;
        for (Object segment : path.segments()) {
            if (segment instanceof Integer i) {
                JsonNode element = node == null || !node.isArray() ? null : node.get(i);
                if (element == null) {
                    sb.append('[').append(i).append(']');
                } else if (element.isObject() && element.path("name").isTextual()) {
                    sb.append("[name=").append(element.get("name").asText()).append(']');
                } else if (element.isValueNode()) {
                    sb.append("[=").append(element.asText()).append(']');
                } else {
                    sb.append("[#").append(sha256(canonical(element)), 0, 12).append(']');
                }
                node = element;
            } else {
                String rendered = JsonPath.ROOT.key((String) segment).toString();
                sb.append(sb.length() == 0 || rendered.startsWith("[") ? "" : ".").append(rendered);
                node = node == null ? null : node.get((String) segment);
            }
        }
        return sb.toString();
    }

    /** The offending value: the scalar at the path, "absent" when there is none, the masked message for a tree. */
    static String value(JsonNode object, JsonPath path, String message) {
        JsonNode node = object;
        for (Object segment : path.segments()) {
            node = segment instanceof Integer i ? node.get(i) : node.get((String) segment);
            if (node == null) {
                return "absent";
            }
        }
        return node.isValueNode() ? "=" + canonical(node) : masked(message);
    }

    /** The message with its numbers masked: some messages name lines or counts that move. */
    static String masked(String message) {
        return "~" + message.replaceAll("[0-9]+", "#");
    }

    /** JSON with object keys sorted, so that reordered keys are the same content. */
    static String canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(JsonReporter.MAPPER.getNodeFactory().textNode(e.getKey())).append(':').append(canonical(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                sb.append(canonical(it.next()));
                if (it.hasNext()) {
                    sb.append(',');
                }
            }
            return sb.append(']').toString();
        }
        return node.toString();
    }

    static String group(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Writes a baseline file (schemas/baseline.schema.json), entries sorted so that the file diffs well. */
    public static void write(String toolVersion, Iterable<Entry> entries, Writer out) throws IOException {
        List<Entry> sorted = new ArrayList<>();
        entries.forEach(sorted::add);
        sorted.sort(java.util.Comparator.comparing(Entry::namespace).thenComparing(Entry::kind).thenComparing(Entry::name)
                .thenComparing(Entry::group).thenComparing(Entry::checkId).thenComparing(Entry::path)
                .thenComparing(Entry::fingerprint));
        try (JsonGenerator g = JsonDocuments.generator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", VERSION);
            g.writeStringField("kind", KIND);
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", "kubeward");
            g.writeStringField("version", toolVersion);
            g.writeEndObject();
            g.writeArrayFieldStart("entries");
            for (Entry e : sorted) {
                g.writeStartObject();
                g.writeStringField("checkId", e.checkId());
                g.writeObjectFieldStart("object");
                g.writeStringField("group", e.group());
                g.writeStringField("kind", e.kind());
                g.writeStringField("namespace", e.namespace());
                g.writeStringField("name", e.name());
                g.writeEndObject();
                g.writeStringField("path", e.path());
                g.writeStringField("fingerprint", e.fingerprint());
                g.writeStringField("severity", e.severity());
                g.writeStringField("message", e.message());
                g.writeStringField("file", e.file());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write(System.lineSeparator());
        out.flush();
    }

    /** Reads a baseline file; anything but the documented shape is an {@link Invalid} naming the line. */
    public static Baseline read(String file, Reader in) throws Invalid, IOException {
        List<Entry> entries = new ArrayList<>();
        boolean kindSeen = false;
        try (JsonParser p = JsonReporter.MAPPER.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Invalid(file, line(p), "not a kubeward baseline: expected a JSON object");
            }
            boolean entriesSeen = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                int fieldLine = line(p);
                JsonToken t = p.nextToken();
                switch (field) {
                    case "schemaVersion" -> {
                        if (!t.isNumeric() || p.getIntValue() != VERSION) {
                            throw new Invalid(file, fieldLine, "schemaVersion " + p.getText() + " is not supported (this kubeward reads "
                                    + VERSION + ")");
                        }
                    }
                    case "kind" -> {
                        if (t != JsonToken.VALUE_STRING || !p.getText().equals(KIND)) {
                            throw new Invalid(file, fieldLine, "not a kubeward baseline: kind is " + p.getText() + ", not " + KIND);
                        }
                        kindSeen = true;
                    }
                    case "entries" -> {
                        if (t != JsonToken.START_ARRAY) {
                            throw new Invalid(file, fieldLine, "entries must be a list");
                        }
                        entriesSeen = true;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            int entryLine = line(p);
                            if (p.currentToken() != JsonToken.START_OBJECT) {
                                throw new Invalid(file, entryLine, "an entry must be an object");
                            }
                            entries.add(entry(file, entryLine, p.readValueAsTree()));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (!kindSeen) {
                throw new Invalid(file, 1, "not a kubeward baseline: no kind: " + KIND + " (write one with scan --baseline-out)");
            }
            if (!entriesSeen) {
                throw new Invalid(file, 1, "no entries list");
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new Invalid(file, line, "not valid JSON: " + e.getOriginalMessage());
        }
        return new Baseline(entries);
    }

    private static Entry entry(String file, int line, JsonNode n) throws Invalid {
        if (!(n instanceof ObjectNode)) {
            throw new Invalid(file, line, "an entry must be an object");
        }
        JsonNode o = n.path("object");
        String[] values = {text(n, "checkId", file, line), text(o, "object.group", file, line),
            text(o, "object.kind", file, line), text(o, "object.namespace", file, line), text(o, "object.name", file, line),
            text(n, "fingerprint", file, line)};
        if (!values[5].matches("[0-9a-f]{64}")) {
            throw new Invalid(file, line, "fingerprint " + values[5] + " is not a SHA-256 in hex");
        }
        return new Entry(values[0], values[1], values[2], values[3], values[4], n.path("path").asText(""), values[5],
                n.path("severity").asText(""), n.path("message").asText(""), n.path("file").asText(""));
    }

    private static String text(JsonNode n, String field, String file, int line) throws Invalid {
        JsonNode v = n.get(field.substring(field.indexOf('.') + 1));
        if (v == null || !v.isTextual()) {
            throw new Invalid(file, line, "entry without " + field + " (a string)");
        }
        return v.asText();
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
