package dev.kubeward.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server while requests flow: certificate rotation, many connections, metrics, policy reloads. */
class ServeUnderLoadTest {
    @TempDir
    Path dir;

    WebhookServer server;
    final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private TestCa ca;
    private Path cert;
    private Path key;

    private void start(AdmissionEndpoints endpoints, ServeMetrics metrics) throws Exception {
        ca = new TestCa(dir);
        cert = dir.resolve("tls.crt");
        key = dir.resolve("tls.key");
        ca.issue("first", TestCa.KeyFormat.PKCS8, cert, key);
        server = new WebhookServer(new WebhookServer.Settings("127.0.0.1", 0, 0, cert, key, Duration.ofMillis(100), null),
                List.of(endpoints.validateRoute(), endpoints.mutateRoute()), metrics == null ? List.of() : List.of(metrics.route()), () -> true, log::add);
        if (metrics != null) {
            metrics.bind(server);
        }
        server.start();
    }

    private HttpRequest validate(byte[] review) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + server.tlsPort() + "/validate"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(review)).build();
    }

    @Test
    void certificateRotationWhileRequestsFlowFailsNoRequest() throws Exception {
        start(new AdmissionEndpoints(Reviews.engine(null)), null);
        byte[] review = Reviews.bytes(Reviews.create(Reviews.yaml(AdmissionEngineTest.PRIVILEGED_POD), "shop"));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Set<java.math.BigInteger> served = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            boolean fresh = i % 2 == 0;
            HttpClient.Version version = i % 3 == 0 ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2;
            workers.add(pool.submit(() -> {
                try {
                    HttpClient kept = HttpClient.newBuilder().sslContext(ca.clientContext()).version(version).build();
                    while (running.get()) {
                        // Half the workers open a new connection (a new handshake) every time, half keep theirs.
                        HttpClient c = fresh ? HttpClient.newBuilder().sslContext(ca.clientContext()).version(version).build() : kept;
                        HttpResponse<String> r = c.send(validate(review), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200 || !r.body().contains("\"allowed\":false")) {
                            failures.add(r.statusCode() + " " + r.body());
                        } else {
                            ok.incrementAndGet();
                            served.add(((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber());
                        }
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
                return null;
            }));
        }
        TestCa.KeyFormat[] formats = {TestCa.KeyFormat.PKCS1_RSA, TestCa.KeyFormat.SEC1_EC, TestCa.KeyFormat.PKCS8};
        for (int i = 0; i < 3; i++) {
            Thread.sleep(400);
            ca.issue("rotated-" + i, formats[i], cert, key);
            int expected = i + 1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (server.reloads() < expected && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        Thread.sleep(600);
        running.set(false);
        for (Future<?> f : workers) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(failures).isEmpty();
        assertThat(server.reloads()).isEqualTo(3);
        assertThat(ok.get()).isGreaterThan(20);
        // New handshakes saw the new certificates.
        assertThat(served.size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void manyConcurrentConnectionsAreAllAnswered() throws Exception {
        start(new AdmissionEndpoints(Reviews.engine(null)), null);
        byte[] review = Reviews.bytes(Reviews.create(Reviews.yaml(AdmissionEngineTest.PLAIN_POD), "shop"));
        int n = 200;
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(pool.submit(() -> {
                HttpClient c = HttpClient.newBuilder().sslContext(ca.clientContext()).version(HttpClient.Version.HTTP_1_1).build();
                go.await();
                return c.send(validate(review), HttpResponse.BodyHandlers.ofString()).statusCode();
            }));
        }
        go.countDown();
        for (Future<Integer> f : results) {
            assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(200);
        }
        pool.shutdown();
    }

    @Test
    void metricsCountRequestsViolationsLatencyAndTheCertificate() throws Exception {
        ServeMetrics metrics = new ServeMetrics();
        start(new AdmissionEndpoints(() -> {
            try {
                return Reviews.engine(null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, metrics), metrics);
        HttpClient c = HttpClient.newBuilder().sslContext(ca.clientContext()).build();
        c.send(validate(Reviews.bytes(Reviews.create(Reviews.yaml(AdmissionEngineTest.PRIVILEGED_POD), "shop"))),
                HttpResponse.BodyHandlers.ofString());
        var dry = Reviews.create(Reviews.yaml(AdmissionEngineTest.PRIVILEGED_POD), "shop");
        ((com.fasterxml.jackson.databind.node.ObjectNode) dry.path("request")).put("dryRun", true);
        c.send(validate(Reviews.bytes(dry)), HttpResponse.BodyHandlers.ofString());
        c.send(validate(Reviews.bytes(Reviews.create(Reviews.yaml(AdmissionEngineTest.PLAIN_POD), "shop"))),
                HttpResponse.BodyHandlers.ofString());
        c.send(validate("{}".getBytes()), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> mutated = c.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.tlsPort() + "/mutate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(
                        Reviews.bytes(Reviews.create(Reviews.yaml(AdmissionEngineTest.PLAIN_POD), "shop")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(Reviews.JSON.readTree(mutated.body()).path("response").path("warnings").toString())
                .contains("admission.mutate is off");
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.plainPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        String text = scrape.body();
        assertThat(text).contains("kubeward_admission_requests_total{decision=\"denied\",dry_run=\"false\",kind=\"Pod\",operation=\"CREATE\",webhook=\"validate\"} 1")
                .contains("kubeward_admission_requests_total{decision=\"denied\",dry_run=\"true\",kind=\"Pod\",operation=\"CREATE\",webhook=\"validate\"} 1")
                .contains("kubeward_admission_requests_total{decision=\"warned\",dry_run=\"false\",kind=\"Pod\",operation=\"CREATE\",webhook=\"validate\"} 1")
                .contains("kubeward_admission_requests_total{decision=\"disabled\",dry_run=\"false\",kind=\"Pod\",operation=\"CREATE\",webhook=\"mutate\"} 1")
                // The dry run's violations are not counted: one privileged pod, once.
                .contains("kubeward_admission_violations_total{check=\"privileged-container\",mode=\"enforce\"} 1")
                .contains("kubeward_admission_violations_total{check=\"pss:baseline\",mode=\"enforce\"} 1")
                .contains("kubeward_admission_malformed_total 1")
                .contains("kubeward_admission_duration_seconds_bucket{le=")
                .contains("kubeward_admission_duration_seconds_count 4")
                .contains("kubeward_certificate_expiry_timestamp_seconds ")
                .contains("kubeward_certificate_reloads_total 0")
                .contains("kubeward_policy_load_errors_total 0");
    }

    @Test
    void policiesAreReloadedAndABrokenEditKeepsThePoliciesInForce() throws Exception {
        Path policies = dir.resolve("policies");
        Files.createDirectories(policies);
        Path file = policies.resolve("p.yaml");
        Files.writeString(file, AdmissionEngineTest.POLICIES);
        ServeMetrics metrics = new ServeMetrics();
        List<String> messages = new CopyOnWriteArrayList<>();
        AtomicInteger version = new AtomicInteger();
        Reloading<AdmissionEngine> engines = new Reloading<>(Reviews.engine(null, file),
                () -> version.get() + "", () -> {
                    try {
                        return Reviews.engine(null, file);
                    } catch (IllegalArgumentException e) {
                        throw new Reloading.Failure(e.getMessage());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, e -> metrics.policiesLoaded(e.policies().policies().size()), m -> {
                    metrics.policyLoadError();
                    messages.add(m);
                });
        AdmissionEndpoints endpoints = new AdmissionEndpoints(engines, metrics);
        var cm = Reviews.create(Reviews.yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\n"), "shop");
        assertThat(Reviews.answer(endpoints, cm).path("response").path("allowed").asBoolean()).isFalse();
        assertThat(engines.check()).isFalse(); // nothing changed

        Files.writeString(file, AdmissionEngineTest.POLICIES.replace("validationActions: [Deny]", "validationActions: [Warn]"));
        version.incrementAndGet();
        assertThat(engines.check()).isTrue();
        assertThat(Reviews.answer(endpoints, cm).path("response").path("allowed").asBoolean()).isTrue();

        Files.writeString(file, AdmissionEngineTest.POLICIES.replace("'team' in object.metadata.labels", "'team' in object.metadata.labels ("));
        version.incrementAndGet();
        assertThat(engines.check()).isFalse();
        assertThat(messages).singleElement().asString().contains("p.yaml:").contains("require-team");
        // The Warn policies of the last good version are still in force.
        assertThat(Reviews.answer(endpoints, cm).path("response").path("allowed").asBoolean()).isTrue();
        assertThat(metrics.registry().get("kubeward.policy.load.errors").counter().count()).isEqualTo(1.0);
    }
}
