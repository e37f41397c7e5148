package dev.kubeward.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.audit.AuditLevel;
import dev.kubeward.audit.AuditStage;
import dev.kubeward.model.InputError;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads audit events as the API server writes them, streaming, in constant memory whatever the
 * size of the input:
 *
 * <ul>
 *   <li>JSON lines, one Event per line: the log backend ({@code --audit-log-path}); a line that is
 *       not JSON or not an Event is reported with its line number and skipped;
 *   <li>EventList documents and JSON arrays of Events: the webhook backend's body, or a log
 *       pretty-printed by a tool; several documents may follow one another. A syntax error in
 *       such a document ends the file (a document cannot be resynchronised), after every event
 *       before it was read; an element that is not an Event is reported and skipped;
 *   <li>either of them gzip'd ({@code --audit-log-compress}), detected by the gzip magic number.
 * </ul>
 *
 * <p>Events of audit.k8s.io/v1 and v1beta1 are read; items of an EventList take the list's
 * apiVersion when they do not name one. An event (a line) larger than the limit is reported and
 * skipped without being held in memory.
 */
public final class AuditLogReader {
    /** The default bound on one event: well above the API server's 3 MiB request body limit, twice (request and response). */
    public static final int DEFAULT_MAX_EVENT_BYTES = 16 << 20;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200)
                    .maxStringLength(DEFAULT_MAX_EVENT_BYTES).maxNumberLength(100).build())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private final int maxEventBytes;
    private final int threads;

    public AuditLogReader() {
        this(DEFAULT_MAX_EVENT_BYTES);
    }

    public AuditLogReader(int maxEventBytes) {
        this(maxEventBytes, 1);
    }

    private AuditLogReader(int maxEventBytes, int threads) {
        this.maxEventBytes = maxEventBytes;
        this.threads = threads;
    }

    /**
     * The same reader parsing JSON lines on {@code threads} threads while the caller's thread
     * splits lines; the sink receives the events in input order, on one thread of the reader's
     * (not the caller's), before {@code read} returns. For files read to their end: a
     * followed file or a live pipe waits for a batch to fill, so read those with one thread.
     */
    public AuditLogReader parallel(int threads) {
        return new AuditLogReader(maxEventBytes, Math.max(1, threads));
    }

    /**
     * Reads one input to its end (for a followed file: until it is stopped). I/O errors of the
     * stream itself are thrown; everything wrong with its content goes to {@code sink}.
     *
     * @param name how messages name the input (a path, or "-" for standard input)
     */
    public void read(String name, InputStream input, EventSink sink) throws IOException {
        InputStream in = decompressed(input);
        Lines lines = new Lines(in, maxEventBytes);
        boolean first = true;
        while (lines.next()) {
            if (lines.tooLong) {
                sink.error(new InputError(name, (int) lines.number, "event longer than " + (maxEventBytes >> 20)
                        + " MiB; skipped"));
                first = false;
                continue;
            }
            if (lines.isBlank()) {
                continue;
            }
            if (first && lines.opensDocument()) {
                readDocuments(name, lines, sink);
                return;
            }
            first = false;
            if (threads > 1) {
                pipelined(name, lines, sink);
                return;
            }
            readLine(name, lines.bytes, lines.offset, lines.length, lines.number, sink);
        }
    }

    /** Lines gathered for one parse task: their bytes, and for a line too long its number alone. */
    private static final class Batch {
        static final int MAX_LINES = 1024;
        static final int MAX_BYTES = 4 << 20;
        byte[] data = new byte[1 << 16];
        int size;
        int count;
        final int[] offsets = new int[MAX_LINES];
        final int[] lengths = new int[MAX_LINES];
        final long[] numbers = new long[MAX_LINES];

        void add(Lines l) {
            if (l.tooLong) {
                lengths[count] = -1;
            } else {
                if (size + l.length > data.length) {
                    data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + l.length));
                }
                System.arraycopy(l.bytes, l.offset, data, size, l.length);
                offsets[count] = size;
                lengths[count] = l.length;
                size += l.length;
            }
            numbers[count++] = l.number;
        }

        boolean full() {
            return count == MAX_LINES || size >= MAX_BYTES;
        }
    }

    /**
     * Three stages: this thread splits lines into batches, the pool parses them, and one delivery
     * thread hands the results to the sink in input order (so the sink, the detections, run
     * beside the parsing). At most 2 × threads batches are in flight: memory stays bounded.
     */
    private void pipelined(String name, Lines lines, EventSink sink) throws IOException {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kubeward-audit-parse");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.Future<List<Object>> end = java.util.concurrent.CompletableFuture.completedFuture(List.of());
        java.util.concurrent.BlockingQueue<java.util.concurrent.Future<List<Object>>> inFlight =
                new java.util.concurrent.ArrayBlockingQueue<>(2 * threads);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread delivery = new Thread(() -> {
            try {
                java.util.concurrent.Future<List<Object>> f;
                while ((f = inFlight.take()) != end) {
                    deliver(f, sink);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "kubeward-audit-deliver");
        delivery.setDaemon(true);
        delivery.start();
        try {
            Batch batch = new Batch();
            boolean more = true;
            while (more && failure.get() == null) {
                if (lines.tooLong || !lines.isBlank()) {
                    batch.add(lines);
                }
                more = lines.next();
                if (batch.full() || (!more && batch.count > 0)) {
                    Batch b = batch;
                    put(inFlight, pool.submit(() -> parse(name, b)), failure);
                    batch = new Batch();
                }
            }
            put(inFlight, end, failure);
            delivery.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading audit events");
        } finally {
            pool.shutdownNow();
            delivery.interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IOException(t);
        }
    }

    /** Queues a batch for delivery, unless delivery has failed (then the failure is thrown by the caller). */
    private static <T> void put(java.util.concurrent.BlockingQueue<T> q, T item, java.util.concurrent.atomic.AtomicReference<Throwable> failure)
            throws InterruptedException {
        while (failure.get() == null && !q.offer(item, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            // delivery is behind: wait
        }
    }

    private List<Object> parse(String name, Batch b) throws IOException {
        List<Object> out = new ArrayList<>(b.count);
        EventSink collect = new EventSink() {
            @Override
            public void event(AuditEvent event) {
                out.add(event);
            }

            @Override
            public void error(InputError error) {
                out.add(error);
            }
        };
        for (int i = 0; i < b.count; i++) {
            if (b.lengths[i] < 0) {
                out.add(new InputError(name, (int) b.numbers[i], "event longer than " + (maxEventBytes >> 20) + " MiB; skipped"));
            } else {
                readLine(name, b.data, b.offsets[i], b.lengths[i], b.numbers[i], collect);
            }
        }
        return out;
    }

    private static void deliver(java.util.concurrent.Future<List<Object>> f, EventSink sink) throws IOException {
        List<Object> results;
        try {
            results = f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading audit events");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        }
        for (Object o : results) {
            if (o instanceof AuditEvent e) {
                sink.event(e);
            } else {
                sink.error((InputError) o);
            }
        }
    }

    /** Detects gzip by its magic number, so that rotated files keep whatever name they were given. */
    static InputStream decompressed(InputStream input) throws IOException {
        BufferedInputStream in = input instanceof BufferedInputStream b ? b : new BufferedInputStream(input, 1 << 16);
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        if (a == 0x1f && b == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    private void readLine(String name, byte[] bytes, int offset, int length, long number, EventSink sink) throws IOException {
        try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                topLevel(p, t, name, number - 1, sink);
            }
        } catch (JsonProcessingException e) {
            sink.error(new InputError(name, (int) number, "not JSON: " + sentence(e) + "; line skipped"));
        }
    }

    private void readDocuments(String name, Lines lines, EventSink sink) throws IOException {
        long base = lines.number - 1;
        byte[] firstLine = new byte[lines.length + 1];
        System.arraycopy(lines.bytes, lines.offset, firstLine, 0, lines.length);
        firstLine[lines.length] = '\n';
        InputStream rest = new SequenceInputStream(new ByteArrayInputStream(firstLine), lines.remaining());
        try (JsonParser p = FACTORY.createParser(rest)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                topLevel(p, t, name, base, sink);
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : base + e.getLocation().getLineNr();
            sink.error(new InputError(name, (int) line, "not JSON: " + sentence(e)
                    + "; the rest of the file is not read (a JSON document cannot be resynchronised)"));
        }
    }

    private void topLevel(JsonParser p, JsonToken t, String name, long base, EventSink sink) throws IOException {
        if (t == JsonToken.START_OBJECT) {
            object(p, name, base, null, sink, true);
        } else if (t == JsonToken.START_ARRAY) {
            items(p, name, base, null, sink);
        } else {
            long line = base + p.currentTokenLocation().getLineNr();
            p.skipChildren();
            sink.error(new InputError(name, (int) line, "not an audit Event, EventList or array of Events: a "
                    + describe(t) + "; skipped"));
        }
    }

    private void items(JsonParser p, String name, long base, String apiVersion, EventSink sink) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_OBJECT) {
                object(p, name, base, apiVersion, sink, false);
            } else {
                long line = base + p.currentTokenLocation().getLineNr();
                p.skipChildren();
                sink.error(new InputError(name, (int) line, "an item that is not an Event: a " + describe(t) + "; skipped"));
            }
        }
    }

    /** An Event, or at the top level an EventList whose items are streamed as they are read. */
    private void object(JsonParser p, String name, long base, String inheritedVersion, EventSink sink, boolean top)
            throws IOException {
        long line = base + p.currentTokenLocation().getLineNr();
        Builder b = new Builder(name, line);
        boolean list = false;
        FieldOrder.Cursor fields = EVENT.cursor();
        String field;
        while ((field = fields.next(p)) != null) {
            JsonToken v = p.nextToken();
            if (top && field.equals("items")) {
                list = true;
                if (v == JsonToken.START_ARRAY) {
                    if (b.kind != null && !b.kind.equals("EventList")) {
                        b.problem("kind '" + b.kind + "' has items; only an EventList has");
                    }
                    items(p, name, base, b.apiVersion, sink);
                } else if (v != JsonToken.VALUE_NULL) {
                    p.skipChildren();
                    sink.error(new InputError(name, (int) line, "EventList items must be a list; skipped"));
                }
                continue;
            }
            b.field(field, v, p);
        }
        if (list || "EventList".equals(b.kind)) {
            if (b.apiVersion != null && !b.apiVersion.equals(AuditEvent.V1) && !b.apiVersion.equals(AuditEvent.V1BETA1)) {
                sink.error(new InputError(name, (int) line, "EventList of apiVersion '" + b.apiVersion
                        + "', not audit.k8s.io/v1 or v1beta1; its items were read as v1"));
            }
            return;
        }
        if (b.apiVersion == null) {
            b.apiVersion = inheritedVersion;
        }
        AuditEvent e = b.build();
        if (e == null) {
            sink.error(new InputError(name, (int) line, "not an audit event: " + String.join("; ", b.problems) + "; skipped"));
        } else {
            sink.event(e);
        }
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "list";
            default -> t.toString();
        };
    }

    /** Jackson's message without its source excerpt and feature hints. */
    static String sentence(JsonProcessingException e) {
        if (e instanceof JsonEOFException) {
            return "the text ends inside a JSON value";
        }
        String m = e.getOriginalMessage();
        if (m == null) {
            return "malformed";
        }
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        m = m.replaceAll(" \\(code \\d+\\)", "").replaceAll("\\(for .*\\)", "").strip();
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    static final String REASON = "authorization.k8s.io/reason";

    /**
     * The fields of an object in the order the API server writes them (its Go structs' order),
     * so that each next name is first compared, as bytes, with the one predicted
     * ({@link JsonParser#nextFieldName(com.fasterxml.jackson.core.SerializableString)}) and only
     * looked up when it is another: a third of parsing went to looking names up. Any order is
     * read the same; only the speed depends on it.
     */
    static final class FieldOrder {
        private final com.fasterxml.jackson.core.io.SerializedString[] names;

        FieldOrder(String... names) {
            this.names = new com.fasterxml.jackson.core.io.SerializedString[names.length];
            for (int i = 0; i < names.length; i++) {
                this.names[i] = new com.fasterxml.jackson.core.io.SerializedString(names[i]);
            }
        }

        /** Reads one object's field names in turn; {@link #next} is null at its end. */
        Cursor cursor() {
            return new Cursor(this);
        }

        static final class Cursor {
            private final FieldOrder order;
            private int at;

            Cursor(FieldOrder order) {
                this.order = order;
            }

            /** The next field's name (the parser on its FIELD_NAME), or null when the object ends. */
            String next(JsonParser p) throws IOException {
                if (at < order.names.length && p.nextFieldName(order.names[at])) {
                    return order.names[at++].getValue();
                }
                if (at >= order.names.length) {
                    p.nextToken();
                }
                if (p.currentToken() != JsonToken.FIELD_NAME) {
                    return null;
                }
                // Another field than predicted (an optional one left out): the order resumes after it.
                String name = p.currentName();
                for (int i = at; i < order.names.length; i++) {
                    if (order.names[i].getValue().equals(name)) {
                        at = i + 1;
                        break;
                    }
                }
                return name;
            }
        }
    }

    /** audit.k8s.io/v1 Event, then EventList's own fields. */
    static final FieldOrder EVENT = new FieldOrder("kind", "apiVersion", "level", "auditID", "stage", "requestURI", "verb",
            "user", "impersonatedUser", "sourceIPs", "userAgent", "objectRef", "responseStatus", "requestObject",
            "responseObject", "requestReceivedTimestamp", "stageTimestamp", "annotations");
    /** authentication/v1 UserInfo. */
    static final FieldOrder USER = new FieldOrder("username", "uid", "groups", "extra");
    /** audit.k8s.io/v1 ObjectReference. */
    static final FieldOrder OBJECT_REF = new FieldOrder("resource", "namespace", "name", "uid", "apiGroup", "apiVersion",
            "resourceVersion", "subresource");
    /** meta/v1 Status as responseStatus holds it. */
    static final FieldOrder STATUS = new FieldOrder("metadata", "status", "message", "reason", "details", "code");

    /** The annotations an event keeps (besides the reason): authorization's and Pod Security's. */
    static boolean kept(String key) {
        return key.startsWith("authorization.k8s.io/") || key.startsWith("pod-security.kubernetes.io/");
    }

    /** The fields of one event as they stream by; {@link #build} validates them. */
    private static final class Builder {
        final String file;
        final long line;
        final List<String> problems = new ArrayList<>(0);
        String kind;
        String apiVersion;
        String auditID;
        String stage;
        String level;
        String requestURI;
        String verb;
        AuditEvent.User user;
        AuditEvent.User impersonated;
        List<String> sourceIPs = List.of();
        String userAgent;
        AuditEvent.Target objectRef;
        int code;
        String reason;
        JsonNode requestObject;
        JsonNode responseObject;
        Map<String, String> annotations = Map.of();
        String received;
        String stageTimestamp;
        String timestamp;

        Builder(String file, long line) {
            this.file = file;
            this.line = line;
        }

        void problem(String p) {
            problems.add(p);
        }

        void field(String f, JsonToken v, JsonParser p) throws IOException {
            switch (f) {
                case "kind" -> kind = text(f, v, p);
                case "apiVersion" -> apiVersion = text(f, v, p);
                case "auditID" -> auditID = text(f, v, p);
                case "stage" -> stage = text(f, v, p);
                case "level" -> level = text(f, v, p);
                case "requestURI" -> requestURI = text(f, v, p);
                case "verb" -> verb = text(f, v, p);
                case "userAgent" -> userAgent = text(f, v, p);
                case "requestReceivedTimestamp" -> received = text(f, v, p);
                // Only a fallback for the time: left undecoded when the request's time came first, as the API server writes it.
                case "stageTimestamp" -> {
                    if (received == null) {
                        stageTimestamp = text(f, v, p);
                    } else {
                        skipText(f, v, p);
                    }
                }
                case "timestamp" -> timestamp = text(f, v, p);
                case "user" -> user = user(f, v, p);
                case "impersonatedUser" -> impersonated = user(f, v, p);
                case "sourceIPs" -> sourceIPs = strings(f, v, p);
                case "objectRef" -> objectRef = objectRef(v, p);
                case "responseStatus" -> status(v, p);
                case "requestObject" -> requestObject = tree(v, p);
                case "responseObject" -> responseObject = tree(v, p);
                case "annotations" -> annotations = annotations(v, p);
                default -> p.skipChildren();
            }
        }

        private String text(String f, JsonToken v, JsonParser p) throws IOException {
            if (v == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            if (v != JsonToken.VALUE_NULL) {
                problem(f + " must be a string, not a " + describe(v));
                p.skipChildren();
            }
            return null;
        }

        /** A string field checked for its type but not decoded. */
        private void skipText(String f, JsonToken v, JsonParser p) throws IOException {
            if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                problem(f + " must be a string, not a " + describe(v));
                p.skipChildren();
            }
        }

        private List<String> strings(String f, JsonToken v, JsonParser p) throws IOException {
            if (v == JsonToken.VALUE_NULL) {
                return List.of();
            }
            if (v != JsonToken.START_ARRAY) {
                problem(f + " must be a list of strings");
                p.skipChildren();
                return List.of();
            }
            List<String> out = new ArrayList<>(2);
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == JsonToken.VALUE_STRING) {
                    out.add(p.getText());
                } else {
                    problem(f + " must be a list of strings");
                    p.skipChildren();
                }
            }
            return out;
        }

        /**
         * The annotations detections read: authorization's decision, Pod Security's, and the
         * authorizer's reason only for anonymous requests (the one detection that names it); the
         * values of the others are skipped undecoded, which keeps a busy log fast.
         */
        private Map<String, String> annotations(JsonToken v, JsonParser p) throws IOException {
            if (v == JsonToken.VALUE_NULL) {
                return Map.of();
            }
            if (v != JsonToken.START_OBJECT) {
                problem("annotations must be a mapping of strings");
                p.skipChildren();
                return Map.of();
            }
            Map<String, String> out = new HashMap<>(4);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                JsonToken t = p.nextToken();
                if (t != JsonToken.VALUE_STRING) {
                    problem("annotations." + k + " must be a string");
                    p.skipChildren();
                } else if (k.equals(REASON) ? user == null || user.username().equals("system:anonymous") : kept(k)) {
                    out.put(k, p.getText());
                }
            }
            return out;
        }

        private AuditEvent.User user(String f, JsonToken v, JsonParser p) throws IOException {
            if (v == JsonToken.VALUE_NULL) {
                return null;
            }
            if (v != JsonToken.START_OBJECT) {
                problem(f + " must be a mapping (username, uid, groups)");
                p.skipChildren();
                return null;
            }
            String username = "";
            List<String> groups = List.of();
            FieldOrder.Cursor fields = USER.cursor();
            String k;
            while ((k = fields.next(p)) != null) {
                JsonToken t = p.nextToken();
                switch (k) {
                    case "username" -> username = orEmpty(text(f + ".username", t, p));
                    case "uid" -> skipText(f + ".uid", t, p); // no detection reads it
                    case "groups" -> groups = strings(f + ".groups", t, p);
                    default -> p.skipChildren();
                }
            }
            return new AuditEvent.User(username, groups);
        }

        private AuditEvent.Target objectRef(JsonToken v, JsonParser p) throws IOException {
            if (v == JsonToken.VALUE_NULL) {
                return null;
            }
            if (v != JsonToken.START_OBJECT) {
                problem("objectRef must be a mapping");
                p.skipChildren();
                return null;
            }
            String group = "";
            String version = "";
            String resource = "";
            String sub = "";
            String ns = "";
            String name = "";
            FieldOrder.Cursor fields = OBJECT_REF.cursor();
            String k;
            while ((k = fields.next(p)) != null) {
                JsonToken t = p.nextToken();
                switch (k) {
                    case "apiGroup" -> group = orEmpty(text("objectRef.apiGroup", t, p));
                    case "apiVersion" -> version = orEmpty(text("objectRef.apiVersion", t, p));
                    case "resource" -> resource = orEmpty(text("objectRef.resource", t, p));
                    case "subresource" -> sub = orEmpty(text("objectRef.subresource", t, p));
                    case "namespace" -> ns = orEmpty(text("objectRef.namespace", t, p));
                    case "name" -> name = orEmpty(text("objectRef.name", t, p));
                    default -> p.skipChildren();
                }
            }
            return new AuditEvent.Target(group, version, resource, sub, ns, name);
        }

        private void status(JsonToken v, JsonParser p) throws IOException {
            if (v == JsonToken.VALUE_NULL) {
                return;
            }
            if (v != JsonToken.START_OBJECT) {
                problem("responseStatus must be a mapping");
                p.skipChildren();
                return;
            }
            FieldOrder.Cursor fields = STATUS.cursor();
            String k;
            while ((k = fields.next(p)) != null) {
                JsonToken t = p.nextToken();
                if (k.equals("code")) {
                    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                        code = p.getIntValue();
                    } else {
                        problem("responseStatus.code must be an integer");
                        p.skipChildren();
                    }
                } else if (k.equals("reason")) {
                    reason = text("responseStatus.reason", t, p);
                } else {
                    p.skipChildren();
                }
            }
        }

        private JsonNode tree(JsonToken v, JsonParser p) throws IOException {
            if (v == JsonToken.VALUE_NULL) {
                return null;
            }
            return MAPPER.readTree(p);
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s;
        }

        AuditEvent build() {
            if (kind != null && !kind.equals("Event")) {
                problem("kind is '" + kind + "', not Event");
            }
            if (apiVersion != null && !apiVersion.equals(AuditEvent.V1) && !apiVersion.equals(AuditEvent.V1BETA1)) {
                problem("apiVersion '" + apiVersion + "' is not audit.k8s.io/v1 or audit.k8s.io/v1beta1");
            }
            if (auditID == null || auditID.isEmpty()) {
                problem("it has no auditID");
            }
            AuditStage s = stage == null ? null : AuditStage.parse(stage);
            if (stage == null) {
                problem("it has no stage");
            } else if (s == null) {
                problem("stage '" + stage + "' is not one of RequestReceived, ResponseStarted, ResponseComplete, Panic");
            }
            AuditLevel l = level == null ? null : AuditLevel.parse(level);
            if (level != null && (l == null || l == AuditLevel.NONE)) {
                problem("level '" + level + "' is not one of Metadata, Request, RequestResponse");
            }
            if (verb == null || verb.isEmpty()) {
                problem("it has no verb");
            }
            if (!problems.isEmpty()) {
                return null;
            }
            String time = received != null ? received : stageTimestamp != null ? stageTimestamp : timestamp;
            return new AuditEvent(apiVersion == null ? AuditEvent.V1 : apiVersion, auditID, s, l,
                    requestURI == null ? "" : requestURI, verb, user == null ? AuditEvent.User.NONE : user, impersonated,
                    sourceIPs, userAgent == null ? "" : userAgent, objectRef, code, reason, requestObject, responseObject,
                    annotations, time, stageTimestamp, file, line);
        }
    }

    /**
     * Splits a stream into lines without decoding it, handing out slices of its buffer (copied
     * only when a line crosses a buffer boundary). A line past the limit is counted, not kept.
     */
    static final class Lines {
        private final InputStream in;
        private final int max;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;
        private byte[] acc = new byte[1 << 12];
        byte[] bytes;
        int offset;
        int length;
        long number;
        boolean tooLong;

        Lines(InputStream in, int max) {
            this.in = in;
            this.max = max;
        }

        boolean next() throws IOException {
            tooLong = false;
            int accLen = 0;
            boolean partial = false;
            while (true) {
                if (pos >= limit) {
                    int n = in.read(buf, 0, buf.length);
                    if (n <= 0) {
                        if (!partial) {
                            return false;
                        }
                        number++;
                        set(acc, 0, accLen);
                        return true;
                    }
                    pos = 0;
                    limit = n;
                }
                int nl = indexOfNewline(buf, pos, limit);
                if (nl >= 0) {
                    number++;
                    if (!partial) {
                        set(buf, pos, nl - pos);
                    } else {
                        accLen = append(accLen, nl - pos);
                        set(acc, 0, accLen);
                    }
                    pos = nl + 1;
                    return true;
                }
                accLen = append(accLen, limit - pos);
                partial = true;
                pos = limit;
            }
        }

        private static final java.lang.invoke.VarHandle LONGS =
                java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
        private static final long LOW_BITS = 0x0101010101010101L;
        private static final long HIGH_BITS = 0x8080808080808080L;

        /**
         * The first '\n' in {@code b[from, to)}, or -1: eight bytes at a time (a byte of the word
         * XOR newlines is zero exactly where a newline is; the lowest such byte is found exactly,
         * since the borrow of the zero-byte test only runs upwards).
         */
        static int indexOfNewline(byte[] b, int from, int to) {
            int i = from;
            for (; i + 8 <= to; i += 8) {
                long x = (long) LONGS.get(b, i) ^ NEWLINES;
                long found = (x - LOW_BITS) & ~x & HIGH_BITS;
                if (found != 0) {
                    return i + (Long.numberOfTrailingZeros(found) >>> 3);
                }
            }
            for (; i < to; i++) {
                if (b[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private int append(int accLen, int n) {
            if (tooLong || (long) accLen + n > max) {
                tooLong = true;
                return accLen;
            }
            if (accLen + n > acc.length) {
                acc = java.util.Arrays.copyOf(acc, Math.max(acc.length * 2, accLen + n));
            }
            System.arraycopy(buf, pos, acc, accLen, n);
            return accLen + n;
        }

        private void set(byte[] b, int off, int len) {
            if (len > max) {
                tooLong = true;
            }
            if (len > 0 && b[off + len - 1] == '\r') {
                len--;
            }
            bytes = b;
            offset = off;
            length = len;
        }

        boolean isBlank() {
            for (int i = offset; i < offset + length; i++) {
                byte c = bytes[i];
                if (c != ' ' && c != '\t' && c != '\r') {
                    return false;
                }
            }
            return true;
        }

        /**
         * True when the line starts a pretty-printed document rather than holding a JSON line: it
         * opens an array, or is a lone brace.
         */
        boolean opensDocument() {
            int i = offset;
            int end = offset + length;
            if (end - i >= 3 && bytes[i] == (byte) 0xEF && bytes[i + 1] == (byte) 0xBB && bytes[i + 2] == (byte) 0xBF) {
                i += 3;
            }
            while (i < end && (bytes[i] == ' ' || bytes[i] == '\t')) {
                i++;
            }
            if (i < end && bytes[i] == '[') {
                return true;
            }
            int j = end;
            while (j > i && (bytes[j - 1] == ' ' || bytes[j - 1] == '\t')) {
                j--;
            }
            return j - i == 1 && bytes[i] == '{';
        }

        /** What the stream holds after the current line. */
        InputStream remaining() {
            return new SequenceInputStream(new ByteArrayInputStream(buf, pos, limit - pos), in);
        }
    }
}
