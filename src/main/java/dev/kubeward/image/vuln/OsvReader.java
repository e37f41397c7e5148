package dev.kubeward.image.vuln;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Reads OSV JSON with a streaming parser, keeping only what matching needs and skipping the rest
 * (details, references, credits) without building it. A file holds one record, or an array of
 * records. What is kept is counted in {@link Counts}: GIT ranges and affected entries without a
 * package are not errors but are not kept either, and the importer reports how many.
 */
public final class OsvReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(64 * 1024 * 1024).maxNestingDepth(64).build())
            .build();

    /** What was seen but not kept. */
    public static final class Counts {
        public long gitRanges;
        public long unknownRanges;
        public long affectedWithoutPackage;

        public void add(Counts o) {
            gitRanges += o.gitRanges;
            unknownRanges += o.unknownRanges;
            affectedWithoutPackage += o.affectedWithoutPackage;
        }
    }

    private final UnaryOperator<String> intern;
    private final Counts counts;

    /**
     * @param intern shares equal strings (versions, ecosystems, ids repeat across records); may be the identity
     * @param counts where skipped parts are counted
     */
    public OsvReader(UnaryOperator<String> intern, Counts counts) {
        this.intern = intern;
        this.counts = counts;
    }

    /** Reads every record of one JSON document (an object or an array of objects). */
    public void read(InputStream in, Consumer<OsvRecord> sink) throws IOException, OsvFormatException {
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                sink.accept(record(p));
            } else if (t == JsonToken.START_ARRAY) {
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t != JsonToken.START_OBJECT) {
                        throw error(p, "expected an OSV record (a JSON object) in the array");
                    }
                    sink.accept(record(p));
                }
            } else {
                throw error(p, t == null ? "empty file" : "expected an OSV record (a JSON object)");
            }
            if (p.nextToken() != null) {
                throw error(p, "text after the end of the JSON document");
            }
        } catch (JsonProcessingException e) {
            // malformed JSON, and the limits (nesting depth, string length) of a hostile document
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage();
            throw new OsvFormatException("malformed JSON: " + msg, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr());
        }
    }

    private static OsvFormatException error(JsonParser p, String message) {
        JsonLocation l = p.currentTokenLocation();
        return new OsvFormatException(message, l.getLineNr(), l.getColumnNr());
    }

    private String str(JsonParser p, String field) throws IOException, OsvFormatException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            skip(p, t);
            throw error(p, "'" + field + "' must be a string");
        }
        return intern.apply(p.getText());
    }

    private static void skip(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
        }
    }

    private List<String> strings(JsonParser p, String field) throws IOException, OsvFormatException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (t != JsonToken.START_ARRAY) {
            skip(p, t);
            throw error(p, "'" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                throw error(p, "'" + field + "' must be an array of strings");
            }
            out.add(intern.apply(p.getText()));
        }
        return out;
    }

    private long time(JsonParser p, String field) throws IOException, OsvFormatException {
        String s = str(p, field);
        if (s == null) {
            return 0;
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw error(p, "'" + field + "' is not an RFC 3339 timestamp: " + s);
            }
        }
    }

    private OsvRecord record(JsonParser p) throws IOException, OsvFormatException {
        JsonLocation start = p.currentTokenLocation();
        String id = null;
        long modified = 0;
        long withdrawn = 0;
        List<String> aliases = List.of();
        List<String> upstream = List.of();
        String summary = null;
        List<OsvRecord.Score> severity = List.of();
        String dbSeverity = null;
        List<OsvRecord.Affected> affected = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            switch (f) {
                case "id" -> id = str(p, f);
                case "modified" -> modified = time(p, f);
                case "withdrawn" -> withdrawn = time(p, f);
                case "aliases" -> aliases = strings(p, f);
                case "upstream" -> upstream = strings(p, f);
                case "summary" -> summary = str(p, f);
                case "severity" -> severity = scores(p, f);
                case "database_specific" -> dbSeverity = specificSeverity(p, false);
                case "affected" -> {
                    JsonToken t = p.nextToken();
                    if (t == JsonToken.VALUE_NULL) {
                        break;
                    }
                    if (t != JsonToken.START_ARRAY) {
                        skip(p, t);
                        throw error(p, "'affected' must be an array");
                    }
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t != JsonToken.START_OBJECT) {
                            throw error(p, "'affected' entries must be objects");
                        }
                        OsvRecord.Affected a = affected(p);
                        if (a != null) {
                            affected.add(a);
                        }
                    }
                }
                default -> skip(p, p.nextToken());
            }
        }
        if (id == null || id.isBlank()) {
            throw new OsvFormatException("OSV record without an 'id'", start.getLineNr(), start.getColumnNr());
        }
        return new OsvRecord(id, modified, withdrawn, aliases, upstream, summary, severity, dbSeverity, List.copyOf(affected));
    }

    private List<OsvRecord.Score> scores(JsonParser p, String field) throws IOException, OsvFormatException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (t != JsonToken.START_ARRAY) {
            skip(p, t);
            throw error(p, "'" + field + "' must be an array");
        }
        List<OsvRecord.Score> out = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw error(p, "'" + field + "' entries must be objects");
            }
            String type = null;
            String score = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                switch (f) {
                    case "type" -> type = str(p, f);
                    case "score" -> score = str(p, f);
                    default -> skip(p, p.nextToken());
                }
            }
            if (type != null && score != null) {
                out.add(new OsvRecord.Score(type, score));
            }
        }
        return out;
    }

    /**
     * The rating in a {@code database_specific} or {@code ecosystem_specific} object: its
     * {@code severity} string, or (Debian, in {@code ecosystem_specific}) its {@code urgency}.
     */
    private String specificSeverity(JsonParser p, boolean urgency) throws IOException, OsvFormatException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
            skip(p, t);
            return null;
        }
        String severity = null;
        String urg = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_STRING && f.equals("severity")) {
                severity = intern.apply(p.getText());
            } else if (v == JsonToken.VALUE_STRING && urgency && f.equals("urgency")) {
                urg = intern.apply(p.getText());
            } else {
                skip(p, v);
            }
        }
        return severity != null ? severity : urg;
    }

    private OsvRecord.Affected affected(JsonParser p) throws IOException, OsvFormatException {
        String ecosystem = null;
        String name = null;
        List<OsvRecord.Score> severity = List.of();
        String eco = null;
        String db = null;
        List<OsvRecord.Range> ranges = new ArrayList<>();
        List<String> versions = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            switch (f) {
                case "package" -> {
                    JsonToken t = p.nextToken();
                    if (t != JsonToken.START_OBJECT) {
                        skip(p, t);
                        if (t != JsonToken.VALUE_NULL) {
                            throw error(p, "'package' must be an object");
                        }
                        break;
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String g = p.currentName();
                        switch (g) {
                            case "ecosystem" -> ecosystem = str(p, g);
                            case "name" -> name = str(p, g);
                            default -> skip(p, p.nextToken());
                        }
                    }
                }
                case "severity" -> severity = scores(p, f);
                case "ecosystem_specific" -> eco = specificSeverity(p, true);
                case "database_specific" -> db = specificSeverity(p, false);
                case "versions" -> versions = strings(p, f);
                case "ranges" -> {
                    JsonToken t = p.nextToken();
                    if (t == JsonToken.VALUE_NULL) {
                        break;
                    }
                    if (t != JsonToken.START_ARRAY) {
                        skip(p, t);
                        throw error(p, "'ranges' must be an array");
                    }
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t != JsonToken.START_OBJECT) {
                            throw error(p, "'ranges' entries must be objects");
                        }
                        OsvRecord.Range r = range(p);
                        if (r != null) {
                            ranges.add(r);
                        }
                    }
                }
                default -> skip(p, p.nextToken());
            }
        }
        if (ecosystem == null || name == null) {
            counts.affectedWithoutPackage++;
            return null;
        }
        return new OsvRecord.Affected(ecosystem, name, severity, eco != null ? eco : db, List.copyOf(ranges), versions);
    }

    private OsvRecord.Range range(JsonParser p) throws IOException, OsvFormatException {
        String type = null;
        List<OsvRecord.Event> events = new ArrayList<>();
        JsonLocation at = p.currentTokenLocation();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            switch (f) {
                case "type" -> type = str(p, f);
                case "events" -> {
                    JsonToken t = p.nextToken();
                    if (t != JsonToken.START_ARRAY) {
                        skip(p, t);
                        throw error(p, "'events' must be an array");
                    }
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t != JsonToken.START_OBJECT) {
                            throw error(p, "'events' entries must be objects");
                        }
                        OsvRecord.Event e = null;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String k = p.currentName();
                            OsvRecord.EventKind kind = switch (k) {
                                case "introduced" -> OsvRecord.EventKind.INTRODUCED;
                                case "fixed" -> OsvRecord.EventKind.FIXED;
                                case "last_affected" -> OsvRecord.EventKind.LAST_AFFECTED;
                                case "limit" -> OsvRecord.EventKind.LIMIT;
                                default -> null;
                            };
                            if (kind == null) {
                                skip(p, p.nextToken());
                                continue;
                            }
                            String v = str(p, k);
                            if (v == null) {
                                continue;
                            }
                            if (e != null) {
                                throw error(p, "an event has one of introduced, fixed, last_affected or limit, not several");
                            }
                            e = new OsvRecord.Event(kind, v);
                        }
                        if (e != null) {
                            events.add(e);
                        }
                    }
                }
                default -> skip(p, p.nextToken());
            }
        }
        if (type == null) {
            throw new OsvFormatException("a range without a 'type'", at.getLineNr(), at.getColumnNr());
        }
        switch (type.toUpperCase(Locale.ROOT)) {
            case "ECOSYSTEM":
                return new OsvRecord.Range(OsvRecord.RangeType.ECOSYSTEM, List.copyOf(events));
            case "SEMVER":
                return new OsvRecord.Range(OsvRecord.RangeType.SEMVER, List.copyOf(events));
            case "GIT":
                counts.gitRanges++;
                return null;
            default:
                counts.unknownRanges++;
                return null;
        }
    }
}
