package dev.kubeward.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.audit.AuditLevel;
import dev.kubeward.audit.AuditStage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogReaderTest {
    static final Path DIR = Path.of("src/test/resources/runtime/read");

    static String event(String id, String stage) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"" + id
                + "\",\"stage\":\"" + stage + "\",\"requestURI\":\"/api/v1/namespaces/shop/pods\",\"verb\":\"list\","
                + "\"user\":{\"username\":\"jane\",\"groups\":[\"system:authenticated\"]},\"sourceIPs\":[\"10.0.0.1\"],"
                + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"shop\",\"apiVersion\":\"v1\"},"
                + "\"responseStatus\":{\"metadata\":{},\"code\":200},"
                + "\"requestReceivedTimestamp\":\"2026-11-30T10:00:00.000000Z\",\"stageTimestamp\":\"2026-11-30T10:00:00.001000Z\"}";
    }

    @Test
    void jsonLinesOfTheLogBackendAreReadFieldByField() throws IOException {
        Collected c = Collected.read(DIR.resolve("kube-apiserver.log"));
        assertThat(c.errors).isEmpty();
        assertThat(c.events).hasSize(3);
        AuditEvent exec = c.events.get(0);
        assertThat(exec.apiVersion()).isEqualTo(AuditEvent.V1);
        assertThat(exec.stage()).isEqualTo(AuditStage.RESPONSE_STARTED);
        assertThat(exec.level()).isEqualTo(AuditLevel.METADATA);
        assertThat(exec.verb()).isEqualTo("create");
        assertThat(exec.user().username()).isEqualTo("jane");
        assertThat(exec.user().groups()).containsExactly("developers", "system:authenticated");
        assertThat(exec.objectRef().resourcePath()).isEqualTo("pods/exec");
        assertThat(exec.objectRef().describe()).isEqualTo("pods/exec shop/web-0");
        assertThat(exec.code()).isEqualTo(101);
        assertThat(exec.succeeded()).isTrue();
        assertThat(exec.requestURI()).contains("command=sh&container=web");
        assertThat(exec.sourceIPs()).containsExactly("172.18.0.1");
        assertThat(exec.annotation("authorization.k8s.io/decision")).isEqualTo("allow");
        assertThat(exec.instant()).hasToString("2026-11-30T10:15:02.114561Z");
        assertThat(exec.line()).isEqualTo(1);
        assertThat(exec.requestObject()).isNull();

        AuditEvent secret = c.events.get(1);
        assertThat(secret.user().isServiceAccount()).isTrue();
        assertThat(secret.user().serviceAccount()).isEqualTo("shop/web");
        assertThat(secret.line()).isEqualTo(2);
        AuditEvent health = c.events.get(2);
        assertThat(health.isResourceRequest()).isFalse();
        assertThat(health.requestURI()).isEqualTo("/healthz");
    }

    @Test
    void aPrettyPrintedEventListIsStreamedItemByItemWithItsApiVersion() throws IOException {
        Collected c = Collected.read(DIR.resolve("eventlist.json"));
        assertThat(c.errors).isEmpty();
        assertThat(c.ids()).containsExactly("1b2c3d4e-0000-4000-8000-000000000001", "1b2c3d4e-0000-4000-8000-000000000002");
        AuditEvent create = c.events.get(0);
        assertThat(create.apiVersion()).isEqualTo(AuditEvent.V1);
        assertThat(create.level()).isEqualTo(AuditLevel.REQUEST);
        assertThat(create.requestObject().at("/spec/containers/0/securityContext/privileged").asBoolean()).isTrue();
        assertThat(create.line()).isEqualTo(6);
        assertThat(c.events.get(1).line()).isEqualTo(22);
        assertThat(c.events.get(1).code()).isZero();
        assertThat(c.events.get(1).succeeded()).isFalse();
    }

    @Test
    void v1beta1EventsAreRead() throws IOException {
        Collected c = Collected.read(DIR.resolve("v1beta1.log"));
        assertThat(c.errors).isEmpty();
        assertThat(c.events).singleElement().satisfies(e -> {
            assertThat(e.apiVersion()).isEqualTo(AuditEvent.V1BETA1);
            assertThat(e.time()).isEqualTo("2019-03-01T08:00:00.120000Z");
        });
        // An old event with only the v1beta1 timestamp still has a time.
        Collected old = Collected.read("old.log", "{\"apiVersion\":\"audit.k8s.io/v1beta1\",\"kind\":\"Event\","
                + "\"timestamp\":\"2018-01-01T00:00:00Z\",\"auditID\":\"a\",\"stage\":\"ResponseComplete\",\"verb\":\"get\"}\n");
        assertThat(old.events.get(0).instant()).hasToString("2018-01-01T00:00:00Z");
        assertThat(old.events.get(0).level()).isNull();
    }

    @Test
    void compactEventListsArraysAndSeveralDocumentsInOneInput() throws IOException {
        String list = "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
                + event("a", "RequestReceived") + "," + event("b", "ResponseComplete") + "]}";
        Collected lines = Collected.read("webhook.jsonl", list + "\n" + list.replace("\"a\"", "\"c\"").replace("\"b\"", "\"d\"") + "\n");
        assertThat(lines.errors).isEmpty();
        assertThat(lines.ids()).containsExactly("a", "b", "c", "d");
        assertThat(lines.events.get(2).line()).isEqualTo(2);

        Collected array = Collected.read("events.json", "[\n" + event("x", "ResponseComplete") + ",\n"
                + event("y", "ResponseComplete") + "\n]\n[" + event("z", "Panic") + "]\n");
        assertThat(array.errors).isEmpty();
        assertThat(array.ids()).containsExactly("x", "y", "z");
        assertThat(array.events.get(1).line()).isEqualTo(3);
        assertThat(array.events.get(2).line()).isEqualTo(5);

        Collected pretty = Collected.read("two.json", "{\n  \"kind\": \"EventList\", \"apiVersion\": \"audit.k8s.io/v1\",\n"
                + "  \"items\": [" + event("p", "RequestReceived") + "]\n}\n{\n \"kind\": \"EventList\", \"items\": ["
                + event("q", "RequestReceived") + "]}\n");
        assertThat(pretty.errors).isEmpty();
        assertThat(pretty.ids()).containsExactly("p", "q");
    }

    @Test
    void gzipIsDetectedByItsMagicNumberWhateverTheName() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write((event("g1", "ResponseComplete") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        // lumberjack appends members when it compresses; a second member continues the stream.
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write((event("g2", "ResponseComplete") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Collected c = Collected.read("audit-2026-11-30T10-00-00.000.log", new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(c.errors).isEmpty();
        assertThat(c.ids()).containsExactly("g1", "g2");

        byte[] broken = java.util.Arrays.copyOf(bytes.toByteArray(), 30);
        broken[12] ^= 0x55;
        assertThatReadFails(broken);
    }

    private static void assertThatReadFails(byte[] broken) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Collected.read("broken.gz", new ByteArrayInputStream(broken)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aMalformedLineIsReportedWithItsLineAndTheRestIsRead() throws IOException {
        String text = event("1", "ResponseComplete") + "\n"
                + "{\"kind\":\"Event\",\"auditID\":\"2\",\"stage\":\n"
                + "\n"
                + "42\n"
                + "garbage \u0000\u0001\n"
                + "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"3\",\"stage\":\"Done\",\"verb\":\"get\"}\n"
                + "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"4\",\"stage\":5,\"verb\":\"get\",\"user\":\"root\"}\n"
                + "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{}}\n"
                + "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v2\",\"auditID\":\"5\",\"stage\":\"Panic\",\"verb\":\"get\"}\n"
                + "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"6\",\"stage\":\"Panic\",\"verb\":\"get\","
                + "\"responseStatus\":{\"code\":99999999999}}\n"
                + event("7", "ResponseComplete") + "\r\n"
                + event("8", "ResponseComplete");
        Collected c = Collected.read("audit.log", text);
        assertThat(c.ids()).containsExactly("1", "7", "8");
        assertThat(c.errorLines()).containsExactly(
                "audit.log:2: not JSON: the text ends inside a JSON value; line skipped",
                "audit.log:4: not an audit Event, EventList or array of Events: a number; skipped",
                "audit.log:5: not JSON: Unrecognized token 'garbage': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false'); line skipped",
                "audit.log:6: not an audit event: stage 'Done' is not one of RequestReceived, ResponseStarted, ResponseComplete, Panic; skipped",
                "audit.log:7: not an audit event: stage must be a string, not a number; user must be a mapping (username, uid, groups); it has no stage; skipped",
                "audit.log:8: not an audit event: kind is 'Pod', not Event; apiVersion 'v1' is not audit.k8s.io/v1 or audit.k8s.io/v1beta1; it has no auditID; it has no stage; it has no verb; skipped",
                "audit.log:9: not an audit event: apiVersion 'audit.k8s.io/v2' is not audit.k8s.io/v1 or audit.k8s.io/v1beta1; skipped",
                "audit.log:10: not an audit event: responseStatus.code must be an integer; skipped");
        assertThat(c.events.get(1).line()).isEqualTo(11);
        assertThat(c.events.get(2).line()).isEqualTo(12);
    }

    @Test
    void hostileInputIsBoundedAndReportedNotFatal() throws IOException {
        String deep = "{\"kind\":\"Event\",\"auditID\":\"d\",\"stage\":\"ResponseComplete\",\"verb\":\"create\",\"requestObject\":"
                + "[".repeat(5000) + "]".repeat(5000) + "}";
        String longLine = event("long", "ResponseComplete").replace("jane", "j".repeat(3000));
        Collected c = new Collected();
        new AuditLogReader(2048).read("hostile.log", new ByteArrayInputStream((deep + "\n" + longLine + "\n"
                + event("ok", "ResponseComplete") + "\n").getBytes(StandardCharsets.UTF_8)), c);
        assertThat(c.ids()).containsExactly("ok");
        assertThat(c.errorLines()).hasSize(2);
        assertThat(c.errorLines().get(0)).startsWith("hostile.log:1: ");
        assertThat(c.errorLines().get(1)).isEqualTo("hostile.log:2: event longer than 0 MiB; skipped");

        Collected nesting = Collected.read("deep.log", deep + "\n" + event("after", "ResponseComplete") + "\n");
        assertThat(nesting.ids()).containsExactly("after");
        assertThat(nesting.errorLines()).singleElement().asString().startsWith("deep.log:1: not JSON: Document nesting depth");
    }

    @Test
    void aSyntaxErrorInsideADocumentEndsTheFileAfterWhatWasRead() throws IOException {
        Collected c = Collected.read("batch.json", "[\n" + event("a", "ResponseComplete") + ",\n"
                + event("b", "ResponseComplete") + ",\n{\"auditID\": oops}\n" + event("c", "ResponseComplete") + "\n]\n");
        assertThat(c.ids()).containsExactly("a", "b");
        assertThat(c.errorLines()).singleElement().asString().startsWith("batch.json:4: not JSON: ")
                .endsWith("the rest of the file is not read (a JSON document cannot be resynchronised)");

        Collected items = Collected.read("list.json", "{\n\"kind\":\"EventList\",\"items\":[1,\"x\"," + event("ok", "Panic") + "]}\n");
        assertThat(items.ids()).containsExactly("ok");
        assertThat(items.errorLines()).containsExactly("list.json:2: an item that is not an Event: a number; skipped",
                "list.json:2: an item that is not an Event: a string; skipped");
    }

    @Test
    void emptyAndBlankInputsHaveNothing() throws IOException {
        assertThat(Collected.read("empty.log", "").events).isEmpty();
        Collected blank = Collected.read("blank.log", "\n   \n\t\n");
        assertThat(blank.events).isEmpty();
        assertThat(blank.errors).isEmpty();
    }

    @Test
    void aLargeStreamIsReadWithoutHoldingIt() throws IOException {
        // 300,000 events produced on the fly: the reader never sees the whole input at once.
        int count = 300_000;
        byte[] line = (event("id", "ResponseComplete") + "\n").getBytes(StandardCharsets.UTF_8);
        InputStream generated = new InputStream() {
            long served;
            final long total = (long) count * line.length;

            @Override
            public int read() {
                return served < total ? line[(int) (served++ % line.length)] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - served);
                for (int i = 0; i < n; i++) {
                    b[off + i] = line[(int) ((served + i) % line.length)];
                }
                served += n;
                return n;
            }
        };
        long[] seen = {0, 0};
        new AuditLogReader().read("generated", generated, new EventSink() {
            @Override
            public void event(AuditEvent event) {
                seen[0]++;
                seen[1] = event.line();
            }

            @Override
            public void error(dev.kubeward.model.InputError error) {
                throw new AssertionError(error.toString());
            }
        });
        assertThat(seen[0]).isEqualTo(count);
        assertThat(seen[1]).isEqualTo(count);
    }

    @Test
    void aFileWithACarriageReturnOrBomIsStillJsonLines(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bom.log");
        Files.write(f, ("\uFEFF" + event("bom", "ResponseComplete") + "\r\n").getBytes(StandardCharsets.UTF_8));
        Collected c = Collected.read(f);
        assertThat(c.errors).isEmpty();
        assertThat(c.ids()).containsExactly("bom");
    }

    @Test
    void theParallelReaderGivesTheSameEventsAndErrorsInTheSameOrder() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            if (i % 997 == 3) {
                sb.append("{\"kind\":\"Event\",\"audit\n");
            } else if (i % 1500 == 7) {
                sb.append("\n");
            } else if (i % 2100 == 11) {
                sb.append(event("long" + i, "ResponseComplete").replace("jane", "j".repeat(3000))).append('\n');
            } else {
                sb.append(event("e" + i, i % 2 == 0 ? "ResponseComplete" : "ResponseStarted")).append('\n');
            }
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        Collected one = new Collected();
        new AuditLogReader(2048).read("p.log", new ByteArrayInputStream(bytes), one);
        Collected two = new Collected();
        new AuditLogReader(2048).parallel(3).read("p.log", new ByteArrayInputStream(bytes), two);
        assertThat(one.errors).hasSize(9);
        assertThat(two.ids()).isEqualTo(one.ids());
        assertThat(two.errorLines()).isEqualTo(one.errorLines());
        assertThat(two.events.stream().map(AuditEvent::line).toList()).isEqualTo(one.events.stream().map(AuditEvent::line).toList());
        // A pretty-printed document is still read on one thread, as a document.
        Collected doc = new Collected();
        new AuditLogReader().parallel(2).read("eventlist.json", Files.newInputStream(DIR.resolve("eventlist.json")), doc);
        assertThat(doc.events).hasSize(2);
    }

    static final String FULL = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"RequestResponse\",\"auditID\":\"f1\","
            + "\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/shop/pods/web-0\",\"verb\":\"patch\","
            + "\"user\":{\"username\":\"jane\",\"uid\":\"u1\",\"groups\":[\"developers\",\"system:authenticated\"],\"extra\":{\"a\":[\"b\"]}},"
            + "\"impersonatedUser\":{\"username\":\"system:serviceaccount:shop:web\",\"groups\":[\"system:serviceaccounts\"]},"
            + "\"sourceIPs\":[\"10.0.0.1\",\"10.0.0.2\"],\"userAgent\":\"kubectl/v1.31.0\","
            + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"shop\",\"name\":\"web-0\",\"uid\":\"o1\",\"apiGroup\":\"\","
            + "\"apiVersion\":\"v1\",\"resourceVersion\":\"9\",\"subresource\":\"status\"},"
            + "\"responseStatus\":{\"metadata\":{},\"status\":\"Failure\",\"message\":\"m\",\"reason\":\"Forbidden\",\"details\":{},\"code\":403},"
            + "\"requestObject\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"web-0\"}},"
            + "\"responseObject\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"code\":403},"
            + "\"requestReceivedTimestamp\":\"2026-11-30T10:00:00.000000Z\",\"stageTimestamp\":\"2026-11-30T10:00:00.001000Z\","
            + "\"annotations\":{\"authorization.k8s.io/decision\":\"forbid\",\"pod-security.kubernetes.io/enforce-policy\":\"restricted:latest\"}}";

    /** The same object with the fields of the event and of user, impersonatedUser, objectRef and responseStatus reordered. */
    static String reordered(String json, java.util.function.UnaryOperator<java.util.List<String>> order) throws IOException {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var in = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(json);
        for (String nested : java.util.List.of("user", "impersonatedUser", "objectRef", "responseStatus")) {
            if (in.get(nested) instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                in.set(nested, reorder(o, order));
            }
        }
        return mapper.writeValueAsString(reorder(in, order));
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode reorder(com.fasterxml.jackson.databind.node.ObjectNode o,
            java.util.function.UnaryOperator<java.util.List<String>> order) {
        var names = new java.util.ArrayList<String>();
        o.fieldNames().forEachRemaining(names::add);
        var out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (String n : order.apply(names)) {
            out.set(n, o.get(n));
        }
        return out;
    }

    @Test
    void fieldsInAnyOrderReadAsInTheApiServersOrder() throws IOException {
        AuditEvent expected = Collected.read("a.log", FULL).events.get(0);
        assertThat(expected.impersonatedUser().username()).isEqualTo("system:serviceaccount:shop:web");
        assertThat(expected.objectRef().subresource()).isEqualTo("status");
        assertThat(expected.objectRef().apiVersion()).isEqualTo("v1");
        assertThat(expected.code()).isEqualTo(403);
        assertThat(expected.statusReason()).isEqualTo("Forbidden");
        assertThat(expected.responseObject().path("kind").asText()).isEqualTo("Status");
        assertThat(expected.annotation("pod-security.kubernetes.io/enforce-policy")).isEqualTo("restricted:latest");
        assertThat(expected.userAgent()).isEqualTo("kubectl/v1.31.0");
        java.util.List<java.util.function.UnaryOperator<java.util.List<String>>> orders = new java.util.ArrayList<>();
        orders.add(l -> { var r = new java.util.ArrayList<>(l); java.util.Collections.reverse(r); return r; });
        orders.add(l -> { var r = new java.util.ArrayList<>(l); java.util.Collections.rotate(r, 3); return r; });
        for (long seed = 1; seed <= 20; seed++) {
            long sd = seed;
            orders.add(l -> { var r = new java.util.ArrayList<>(l); java.util.Collections.shuffle(r, new java.util.Random(sd)); return r; });
        }
        for (var order : orders) {
            String text = reordered(FULL, order);
            Collected c = Collected.read("a.log", text);
            assertThat(c.errors).as(text).isEmpty();
            // stageTimestamp is decoded only when it comes before requestReceivedTimestamp (it is then the event's time).
            assertThat(c.events).as(text).extracting(AuditLogReaderTest::withoutStageTimestamp)
                    .containsExactly(withoutStageTimestamp(expected));
        }
        // A wrong type is still caught wherever the field comes.
        Collected bad = Collected.read("a.log", reordered(FULL.replace("\"verb\":\"patch\"", "\"verb\":7"), orders.get(0)));
        assertThat(bad.errorLines()).containsExactly("a.log:1: not an audit event: verb must be a string, not a number; it has no verb; skipped");
    }

    private static String withoutStageTimestamp(AuditEvent e) {
        return e.toString().replaceAll("stageTimestamp=[^,]*, ", "");
    }

    @Test
    void theNewlineScanFindsTheFirstNewlineWhateverTheBytesAroundIt() {
        java.util.Random random = new java.util.Random(7);
        byte[] alphabet = {'\n', '\r', 0x0B, 0x09, 0x00, (byte) 0x8A, (byte) (0x0A ^ 0x80), (byte) 0xFF, 'a', '{', 0x01};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            int naive = -1;
            for (int i = from; i < to; i++) {
                if (b[i] == '\n') {
                    naive = i;
                    break;
                }
            }
            assertThat(AuditLogReader.Lines.indexOfNewline(b, from, to)).as(java.util.Arrays.toString(b) + " " + from + ".." + to)
                    .isEqualTo(naive);
        }
    }
}
