package dev.kubeward.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.runtime.Alert;
import dev.kubeward.runtime.DetectionContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit webhook sink through the HTTPS server: batches, retries, a full queue, metrics. */
class AuditEndpointTest {
    @TempDir
    Path dir;

    WebhookServer server;
    AuditEndpoint audit;
    HttpClient client;
    final List<Alert> alerts = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (audit != null) {
            audit.close();
        }
    }

    static String batch(String... events) {
        return "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":[" + String.join(",", events) + "]}";
    }

    static String event(String id, String stage, String uri, String verb, String resource, String sub, int code) {
        return "{\"level\":\"Metadata\",\"auditID\":\"" + id + "\",\"stage\":\"" + stage + "\",\"requestURI\":\"" + uri + "\",\"verb\":\""
                + verb + "\",\"user\":{\"username\":\"jane\",\"groups\":[\"developers\",\"system:authenticated\"]},"
                + "\"sourceIPs\":[\"172.18.0.1\"],\"userAgent\":\"kubectl/v1.31.0\",\"objectRef\":{\"resource\":\"" + resource
                + "\",\"namespace\":\"shop\",\"name\":\"web-0\",\"apiVersion\":\"v1\"" + (sub.isEmpty() ? "" : ",\"subresource\":\"" + sub + "\"")
                + "},\"responseStatus\":{\"metadata\":{},\"code\":" + code + "},\"requestReceivedTimestamp\":\"2026-11-30T10:00:00.000000Z\","
                + "\"stageTimestamp\":\"2026-11-30T10:00:00.001000Z\"}";
    }

    static final String EXEC = event("a1", "ResponseStarted", "/api/v1/namespaces/shop/pods/web-0/exec?command=sh", "create", "pods", "exec", 101);
    static final String SECRET = event("a2", "ResponseComplete", "/api/v1/namespaces/shop/secrets/web-0", "get", "secrets", "", 200);
    static final String LIST = event("a3", "ResponseComplete", "/api/v1/namespaces/shop/pods", "list", "pods", "", 200);

    private void start(int queue) throws Exception {
        TestCa ca = new TestCa(dir);
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        ca.issue("audit", TestCa.KeyFormat.PKCS8, cert, key);
        ServeMetrics metrics = new ServeMetrics();
        audit = new AuditEndpoint(DetectionContext.defaults(), metrics.registry(), alerts::add, queue);
        server = new WebhookServer(new WebhookServer.Settings("127.0.0.1", 0, 0, cert, key, Duration.ofSeconds(10), null),
                List.of(audit.route()), List.of(metrics.route()), () -> true, line -> {});
        server.start();
        client = HttpClient.newBuilder().sslContext(ca.clientContext()).build();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.tlsPort() + "/audit"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.plainPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitProcessed(long n) throws InterruptedException {
        long end = System.currentTimeMillis() + 20_000;
        while (audit.processed() < n && System.currentTimeMillis() < end) {
            Thread.sleep(5);
        }
        assertThat(audit.processed()).isEqualTo(n);
    }

    @Test
    void aBatchIsAnsweredAndItsEventsDetectedOnceEvenWhenRetried() throws Exception {
        start(AuditEndpoint.DEFAULT_QUEUE_EVENTS);
        String body = batch(EXEC, SECRET, LIST);
        assertThat(post(body).statusCode()).isEqualTo(200);
        awaitProcessed(3);
        assertThat(alerts).extracting(a -> a.detection().id()).containsExactly("pod-exec", "secret-read");
        // The API server retries a batch it got no answer for: nothing is counted twice.
        assertThat(post(body).statusCode()).isEqualTo(200);
        awaitProcessed(6);
        assertThat(alerts).hasSize(2);
        // The exec's ResponseComplete stage in a later batch is a new event, but the same request.
        assertThat(post(batch(EXEC.replace("ResponseStarted", "ResponseComplete"))).statusCode()).isEqualTo(200);
        awaitProcessed(7);
        assertThat(alerts).hasSize(2);
        String m = metrics();
        assertThat(m).contains("kubeward_audit_alerts_total{detection=\"pod-exec\",severity=\"medium\"} 1.0")
                .contains("kubeward_audit_alerts_total{detection=\"secret-read\",severity=\"medium\"} 1.0")
                .contains("kubeward_audit_duplicate_events_total 3.0")
                .contains("kubeward_audit_events_total 7.0")
                .contains("kubeward_audit_batches_total{result=\"queued\"} 3.0");
    }

    @Test
    void aMalformedBatchIs400AndABatchTheQueueCannotHoldIs429() throws Exception {
        start(2);
        HttpResponse<String> bad = post("{\"kind\":\"EventList\",\"items\":[{\"auditID\":\"x\"}]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("not an audit EventList: not an audit event: it has no stage");
        assertThat(post("{\"items\": [").statusCode()).isEqualTo(400);
        HttpResponse<String> full = post(batch(EXEC, SECRET, LIST));
        assertThat(full.statusCode()).isEqualTo(429);
        assertThat(post(batch(EXEC, SECRET)).statusCode()).isEqualTo(200);
        awaitProcessed(2);
        assertThat(metrics()).contains("kubeward_audit_batches_total{result=\"rejected\"} 1.0")
                .contains("kubeward_audit_batches_total{result=\"malformed\"} 2.0");
    }

    @Test
    void oneBadItemIsSkippedAndNamedWhileTheRestOfTheBatchIsQueued() throws Exception {
        start(AuditEndpoint.DEFAULT_QUEUE_EVENTS);
        HttpResponse<String> r = post(batch(EXEC, "{\"auditID\":\"x\"}", "17", SECRET));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("{\"queued\":2,\"skipped\":2,\"errors\":[")
                .contains("/audit:1: not an audit event: it has no stage")
                .contains("/audit:1: an item that is not an Event: a number; skipped");
        awaitProcessed(2);
        assertThat(alerts).extracting(a -> a.detection().id()).containsExactly("pod-exec", "secret-read");
        // A body cut short after an event: the event is kept, the cut reported.
        HttpResponse<String> cut = post("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":[" + LIST + ",{\"level\":");
        assertThat(cut.statusCode()).isEqualTo(200);
        assertThat(cut.body()).startsWith("{\"queued\":1,\"skipped\":1,").contains("/audit:1: ");
        awaitProcessed(3);
        assertThat(metrics()).contains("kubeward_audit_malformed_events_total 3.0")
                .contains("kubeward_audit_batches_total{result=\"queued\"} 2.0")
                .contains("kubeward_audit_batches_total{result=\"malformed\"} 0.0");
    }

    @Test
    void anotherContentTypeIs415BeforeTheEndpointRuns() throws Exception {
        start(10);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.tlsPort() + "/audit"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(batch(EXEC))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(audit.processed()).isZero();
    }
}
