package dev.kubeward.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.WorkloadKinds;
import dev.kubeward.source.cluster.ClusterCache;
import dev.kubeward.source.cluster.ClusterConnection;
import dev.kubeward.source.cluster.MockCluster;
import io.fabric8.kubernetes.api.model.Namespace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster cache at admission, against the fabric8 mock API server in CRUD mode over real
 * HTTPS: {@code /readyz} is 503 until the informers have listed every kind; a namespace's labels,
 * a ServiceAccount and a LimitRange changed in the cluster change the decision once the watch
 * event has arrived, with no call to the API server per review.
 */
class ClusterCacheAdmissionTest {
    @TempDir
    Path dir;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private MockCluster cluster;
    private ClusterConnection connection;
    private ClusterCache cache;
    private WebhookServer server;
    private TestCa ca;

    @BeforeEach
    void cluster() {
        cluster = new MockCluster();
        connection = cluster.connection("mock", 10);
        cache = new ClusterCache(connection, WorkloadKinds.BUILT_IN, Duration.ofMinutes(10), Clock.systemUTC(), log::add);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        cache.close();
        connection.close();
        cluster.close();
    }

    private void serve(Supplier<Inventory> view) throws Exception {
        ca = new TestCa(dir);
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        ca.issue("serve", TestCa.KeyFormat.PKCS8, cert, key);
        AdmissionEndpoints endpoints = new AdmissionEndpoints(Reviews.engine(null, view));
        server = new WebhookServer(new WebhookServer.Settings("127.0.0.1", 0, 0, cert, key, Duration.ofSeconds(60), null),
                List.of(endpoints.validateRoute()), List.of(), cache::synced, log::add);
        server.start();
    }

    private int readyz() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.plainPort() + "/readyz"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private JsonNode review(String yaml, String namespace) throws Exception {
        HttpClient c = HttpClient.newBuilder().sslContext(ca.clientContext()).build();
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.tlsPort() + "/validate"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Reviews.bytes(Reviews.create(Reviews.yaml(yaml), namespace)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Reviews.JSON.readTree(r.body()).path("response");
    }

    /** Waits (up to 30 s, polling) until the condition holds; the watch delivers events asynchronously. */
    private static void eventually(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  serviceAccountName: web
                  containers:
                  - name: web
                    image: registry.example.com/web:1.0
            """;

    private static List<String> checksWarned(JsonNode response) {
        List<String> ids = new ArrayList<>();
        response.path("warnings").forEach(w -> {
            String t = w.asText();
            if (t.startsWith("[")) {
                ids.add(t.substring(1, t.indexOf(']')));
            }
        });
        return ids;
    }

    @Test
    void readyzIs503UntilTheInformersHaveSyncedAndTheChecksWaitForTheCacheToo() throws Exception {
        cluster.create(Reviews.yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n"), null);
        serve(cache::snapshot);
        assertThat(readyz()).isEqualTo(503);
        // Before the sync a review is answered without the cache's checks (the API server sends
        // none: the pod is not ready), never by calling the API server.
        assertThat(checksWarned(review(DEPLOYMENT, "shop"))).doesNotContain("service-account-token-automount");
        cache.start();
        eventually("synced", () -> readyz() == 200);
        assertThat(cache.snapshot().find("Namespace", null, "shop")).isPresent();
        JsonNode synced = review(DEPLOYMENT, "shop");
        assertThat(checksWarned(synced)).contains("service-account-token-automount",
                "cpu-limit-missing", "memory-request-missing");
        // The ServiceAccount is looked for in the cluster, and the message says so (not "the input").
        assertThat(synced.path("warnings").toString()).contains("ServiceAccount web is not in the cluster")
                .doesNotContain("not in the input");
    }

    @Test
    void aNamespaceLabelChangedInTheClusterChangesTheDecisionAfterTheWatchEvent() throws Exception {
        cluster.create(Reviews.yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n"), null);
        serve(cache::snapshot);
        cache.start();
        eventually("synced", cache::synced);
        JsonNode before = review(DEPLOYMENT, "shop");
        assertThat(checksWarned(before)).doesNotContain("pss-admission-rejected");

        connection.client().namespaces().withName("shop").edit(ns -> {
            ns.getMetadata().setLabels(Map.of("pod-security.kubernetes.io/enforce", "restricted"));
            return ns;
        });
        eventually("the label's watch event", () -> cache.snapshot().find("Namespace", null, "shop")
                .map(r -> r.object().path("metadata").path("labels").has("pod-security.kubernetes.io/enforce")).orElse(false));
        JsonNode after = review(DEPLOYMENT, "shop");
        assertThat(checksWarned(after)).contains("pss-admission-rejected");
        assertThat(after.path("warnings").toString()).contains("namespace shop (pod-security.kubernetes.io/enforce=restricted:latest) rejects this pod");

        // The label removed again: the next review no longer reports it.
        connection.client().namespaces().withName("shop").edit(ns -> {
            ns.getMetadata().setLabels(Map.of());
            return ns;
        });
        eventually("the removal's watch event", () -> !checksWarned(review(DEPLOYMENT, "shop")).contains("pss-admission-rejected"));
    }

    @Test
    void aServiceAccountAndALimitRangeInTheClusterAnswerTheirChecks() throws Exception {
        cluster.create(Reviews.yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n"), null);
        serve(cache::snapshot);
        cache.start();
        eventually("synced", cache::synced);
        assertThat(checksWarned(review(DEPLOYMENT, "shop"))).contains("service-account-token-automount", "cpu-limit-missing");

        cluster.create(Reviews.yaml("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web}\nautomountServiceAccountToken: false\n"), "shop");
        cluster.create(Reviews.yaml("""
                apiVersion: v1
                kind: LimitRange
                metadata: {name: defaults}
                spec:
                  limits:
                  - type: Container
                    default: {cpu: 500m, memory: 256Mi}
                """), "shop");
        eventually("the ServiceAccount and LimitRange events", () -> {
            List<String> ids = checksWarned(review(DEPLOYMENT, "shop"));
            return !ids.contains("service-account-token-automount") && !ids.contains("cpu-limit-missing")
                    && !ids.contains("memory-request-missing");
        });
        // Another namespace's pods are not covered by shop's objects.
        cluster.create(Reviews.yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: other}\n"), null);
        assertThat(checksWarned(review(DEPLOYMENT, "other"))).contains("service-account-token-automount", "cpu-limit-missing");
        assertThat(cache.count("ServiceAccount")).isEqualTo(1);
        assertThat(cache.age()).isEqualTo(Duration.ZERO); // every watch is open
    }

    @Test
    void withoutACacheTheClusterChecksAreNotRun() throws Exception {
        serve(null);
        assertThat(checksWarned(review(DEPLOYMENT, "shop"))).doesNotContain("service-account-token-automount",
                "cpu-limit-missing", "pss-admission-rejected");
    }

    @Test
    void aKindThatCannotBeListedIsNamedInTheLogAndTheMetricsAndIsRetriedUntilItCanBe() throws Exception {
        // The webhook's RBAC lacks limitranges for the first two lists (then it is fixed).
        cluster.server.expect().get().withPath("/api/v1/limitranges?resourceVersion=0")
                .andReturn(403, "{'kind':'Status','apiVersion':'v1','status':'Failure','reason':'Forbidden','code':403,'message':'limitranges is forbidden: User \\'system:serviceaccount:kubeward:kubeward\\' cannot list resource \\'limitranges\\''}"
                        .replace('\'', '"')).times(2);
        cluster.create(Reviews.yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n"), null);
        serve(cache::snapshot);
        ServeMetrics metrics = new ServeMetrics();
        Map<String, ServeMetrics.CachedKindMeters> kinds = new java.util.LinkedHashMap<>();
        for (ClusterCache.CachedKind k : ClusterCache.KINDS) {
            kinds.put(k.kind(), new ServeMetrics.CachedKindMeters(() -> cache.count(k.kind()), () -> cache.synced(k.kind()),
                    () -> cache.failures(k.kind())));
        }
        metrics.bindClusterCache(cache::age, cache::synced, kinds);
        cache.start();
        eventually("the first refusal", () -> cache.failures("LimitRange") >= 1);
        assertThat(readyz()).isEqualTo(503);
        eventually("the other kinds listed", () -> cache.synced("Namespace") && cache.synced("ServiceAccount"));
        String scrape = scrape(metrics);
        assertThat(scrape).containsPattern("kubeward_cluster_cache_kind_synced\\{kind=\"LimitRange\"\\} 0(\\.0)?\n")
                .containsPattern("kubeward_cluster_cache_kind_synced\\{kind=\"Namespace\"\\} 1(\\.0)?\n")
                .containsPattern("kubeward_cluster_cache_list_failures_total\\{kind=\"LimitRange\"\\} [12](\\.0)?\n")
                .containsPattern("kubeward_cluster_cache_list_failures_total\\{kind=\"Namespace\"\\} 0(\\.0)?\n");
        assertThat(String.join("\n", log)).contains("cluster cache: cannot list limitranges (LimitRange), retrying; /readyz stays 503")
                .contains("the webhook's RBAC needs list and watch on limitranges").contains("limitranges is forbidden");
        // fabric8 would have given up after the first refusal; the cache retries and syncs once the RBAC allows it.
        eventually("synced after the refusals", () -> readyz() == 200);
        assertThat(cache.synced("LimitRange")).isTrue();
        assertThat(scrape(metrics)).containsPattern("kubeward_cluster_cache_kind_synced\\{kind=\"LimitRange\"\\} 1(\\.0)?\n");
        assertThat(log.stream().filter(l -> l.contains("cannot list limitranges")).count()).as(log.toString()).isEqualTo(1);
    }

    @Test
    void aBurstOfChangesCostsOneRebuildAndNeverOneOnAReview() throws Exception {
        List<Runnable> queued = Collections.synchronizedList(new ArrayList<>());
        // (the cache made before is not started; closing it would close the shared connection)
        cache = new ClusterCache(connection, WorkloadKinds.BUILT_IN, Duration.ofMinutes(10), Clock.systemUTC(), log::add,
                queued::add);
        for (int i = 0; i < 5; i++) {
            cluster.create(Reviews.yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: ns-" + i + "}\n"), null);
        }
        cache.start();
        eventually("synced", cache::synced);
        assertThat(cache.snapshot().ofKind("Namespace")).hasSize(5);
        runAll(queued);
        long built = cache.rebuilds();

        for (int i = 5; i < 45; i++) {
            cluster.create(Reviews.yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: ns-" + i + "}\n"), null);
        }
        eventually("the 40 watch events", () -> cache.count("Namespace") == 45);
        // Reviews read the snapshot built before the burst; the burst queued a single rebuild.
        for (int i = 0; i < 10; i++) {
            assertThat(cache.snapshot().ofKind("Namespace")).hasSize(5);
        }
        assertThat(queued).hasSize(1);
        assertThat(cache.rebuilds()).isEqualTo(built);
        runAll(queued);
        assertThat(cache.rebuilds()).isEqualTo(built + 1);
        assertThat(cache.snapshot().ofKind("Namespace")).hasSize(45);
        assertThat(cache.snapshot().find("Namespace", null, "ns-44")).isPresent();
        // A change after the rebuild queues the next one.
        connection.client().namespaces().withName("ns-0").delete();
        eventually("the deletion's watch event", () -> cache.count("Namespace") == 44);
        assertThat(queued).hasSize(1);
        runAll(queued);
        assertThat(cache.snapshot().find("Namespace", null, "ns-0")).isEmpty();
    }

    private static String scrape(ServeMetrics metrics) throws Exception {
        return new String(metrics.route().endpoint().handle(new Route.Call("GET", "/metrics", null, null, new byte[0], "test")).body(),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void runAll(List<Runnable> queued) {
        List<Runnable> now;
        synchronized (queued) {
            now = new ArrayList<>(queued);
            queued.clear();
        }
        now.forEach(Runnable::run);
    }
}
