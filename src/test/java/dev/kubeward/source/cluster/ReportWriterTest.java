package dev.kubeward.source.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --apply}'s writer against the fabric8 mock server: its CRUD mode does not do server-side
 * apply, so the applies are expectations whose requests are checked (method, path, content type,
 * field manager and force, body) and counted; the listing and the deletes run in CRUD mode.
 */
class ReportWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String G = "/apis/wgpolicyk8s.io/v1alpha2";
    private static final Map<String, String> SET = Map.of("app.kubernetes.io/managed-by", "kubeward", "kubeward.dev/report", "kubeward");
    private static final ReportWriter.Target TARGET = new ReportWriter.Target("wgpolicyk8s.io", "v1alpha2", "policyreports",
            "PolicyReport", "clusterpolicyreports", "ClusterPolicyReport", new LinkedHashMap<>(new java.util.TreeMap<>(SET)));
    private MockCluster cluster;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static ObjectNode report(String namespace, String name, long seconds, String... policies) {
        ObjectNode r = JSON.createObjectNode();
        r.put("apiVersion", "wgpolicyk8s.io/v1alpha2");
        r.put("kind", namespace == null ? "ClusterPolicyReport" : "PolicyReport");
        ObjectNode meta = r.putObject("metadata");
        meta.put("name", name);
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        ObjectNode labels = meta.putObject("labels");
        SET.forEach(labels::put);
        r.putObject("summary").put("fail", policies.length);
        var results = r.putArray("results");
        for (String p : policies) {
            ObjectNode res = results.addObject();
            res.put("source", "kubeward");
            res.put("policy", p);
            res.put("result", "fail");
            res.putObject("timestamp").put("seconds", seconds).put("nanos", 0);
        }
        return r;
    }

    private static String path(ObjectNode report) {
        String ns = report.path("metadata").path("namespace").asText(null);
        return G + (ns == null ? "/clusterpolicyreports/" : "/namespaces/" + ns + "/policyreports/")
                + report.path("metadata").path("name").asText();
    }

    /** Every apply of {@code reports} answered as a server would, with resourceVersion {@code rv}. */
    private void expectApplies(List<ObjectNode> reports, String rv) {
        for (ObjectNode r : reports) {
            cluster.server.expect().patch().withPath(path(r) + "?fieldManager=kubeward&force=true").andReply(200, req -> {
                ObjectNode answer = r.deepCopy();
                ((ObjectNode) answer.get("metadata")).put("resourceVersion", rv);
                return answer.toString();
            }).always();
        }
    }

    /** Seeds a report in CRUD mode (as an earlier run left it); its resourceVersion as the server gave it. */
    private String seed(ObjectNode report) {
        String ns = report.path("metadata").path("namespace").asText(null);
        MockCluster.Answer a = cluster.send("POST", G + (ns == null ? "/clusterpolicyreports" : "/namespaces/" + ns + "/policyreports"), report);
        assertThat(a.code()).as(a.body()).isLessThan(300);
        return a.json().at("/metadata/resourceVersion").asText();
    }

    private List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> out = new ArrayList<>();
        RecordedRequest r;
        while ((r = cluster.server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            out.add(r);
        }
        return out;
    }

    private ReportWriter writer() {
        return new ReportWriter(cluster.connection("kind-test", 10), TARGET, 10);
    }

    private TreeSet<String> names(String listPath) {
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode item : cluster.send("GET", listPath, null).json().path("items")) {
            out.add(item.at("/metadata/namespace").asText("") + "/" + item.at("/metadata/name").asText());
        }
        return out;
    }

    @Test
    void eachReportIsOneServerSideApplyWithTheFieldManagerForcedAndTheReportAsBody() throws Exception {
        List<ObjectNode> reports = List.of(report("shop", "kubeward", 100, "privileged-container"),
                report("shop", "kubeward-2", 100, "run-as-root"), report("web", "kubeward", 100),
                report(null, "kubeward", 100, "rbac-wildcard"));
        expectApplies(reports, "7");
        requests();
        ReportWriter.Result result = writer().apply(reports, null);
        assertThat(result).isEqualTo(new ReportWriter.Result(4, 4, 0));
        List<RecordedRequest> sent = requests();
        List<RecordedRequest> patches = sent.stream().filter(r -> r.getMethod().equals("PATCH")).toList();
        assertThat(patches).hasSize(4);
        for (ObjectNode r : reports) {
            RecordedRequest p = patches.stream().filter(q -> q.getPath().startsWith(path(r) + "?")).findFirst().orElseThrow();
            assertThat(p.getPath()).isEqualTo(path(r) + "?fieldManager=kubeward&force=true");
            assertThat(p.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
            assertThat(JSON.readTree(p.getBody().readUtf8())).isEqualTo(JSON.readTree(r.toString()));
        }
        // Besides the applies: the two lists of the set (namespaced across namespaces, cluster), nothing else.
        List<String> others = sent.stream().filter(r -> !r.getMethod().equals("PATCH")).map(r -> r.getMethod() + " " + r.getPath()).toList();
        assertThat(others).containsExactlyInAnyOrder(
                "GET " + G + "/policyreports?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dkubeward%2Ckubeward.dev%2Freport%3Dkubeward&limit=50",
                "GET " + G + "/clusterpolicyreports?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dkubeward%2Ckubeward.dev%2Freport%3Dkubeward&limit=50");
    }

    @Test
    void aSecondRunThatFindsTheSameAppliesExactlyWhatTheServerHolds() throws Exception {
        ObjectNode first = report("shop", "kubeward", 100, "privileged-container", "run-as-root");
        String rv = seed(first);
        // The second run scans later and finds one result again and one new one.
        ObjectNode second = report("shop", "kubeward", 200, "privileged-container", "run-as-root");
        ObjectNode third = report("shop", "kubeward", 300, "privileged-container", "host-network");
        expectApplies(List.of(second), rv);
        requests();
        assertThat(writer().apply(List.of(second), "shop")).isEqualTo(new ReportWriter.Result(1, 0, 0));
        RecordedRequest applied = requests().stream().filter(r -> r.getMethod().equals("PATCH")).findFirst().orElseThrow();
        // Every result keeps the time it was first reported: the body is the object the server holds.
        assertThat(JSON.readTree(applied.getBody().readUtf8())).isEqualTo(JSON.readTree(first.toString()));

        cluster.server.reset();
        cluster.reset();
        seed(first);
        expectApplies(List.of(third), "changed");
        requests();
        assertThat(writer().apply(List.of(third), "shop")).isEqualTo(new ReportWriter.Result(1, 1, 0));
        JsonNode body = JSON.readTree(requests().stream().filter(r -> r.getMethod().equals("PATCH")).findFirst().orElseThrow()
                .getBody().readUtf8());
        assertThat(body.at("/results/0/policy").asText()).isEqualTo("privileged-container");
        assertThat(body.at("/results/0/timestamp/seconds").asLong()).isEqualTo(100);
        assertThat(body.at("/results/1/policy").asText()).isEqualTo("host-network");
        assertThat(body.at("/results/1/timestamp/seconds").asLong()).isEqualTo(300);
    }

    @Test
    void staleChunksAndReportsOfNamespacesNoLongerScannedAreDeletedAndNothingElse() throws Exception {
        for (String name : List.of("kubeward", "kubeward-2", "kubeward-3")) {
            seed(report("shop", name, 100, "privileged-container"));
        }
        seed(report("gone", "kubeward", 100, "privileged-container"));
        seed(report(null, "kubeward", 100, "rbac-wildcard"));
        seed(report(null, "kubeward-2", 100, "rbac-wildcard"));
        ObjectNode foreign = report("shop", "kyverno-abc", 100, "require-labels");
        ((ObjectNode) foreign.at("/metadata/labels")).put("app.kubernetes.io/managed-by", "kyverno");
        seed(foreign);
        ObjectNode kubelets = report(null, "kubeward-kubelets", 100, "kubelet-anonymous-auth");
        ((ObjectNode) kubelets.at("/metadata/labels")).put("kubeward.dev/report", "kubeward-kubelets");
        seed(kubelets);

        List<ObjectNode> now = List.of(report("shop", "kubeward", 200, "privileged-container"), report(null, "kubeward", 200));
        expectApplies(now, "9");
        requests();
        ReportWriter.Result result = writer().apply(now, null);
        assertThat(result.applied()).isEqualTo(2);
        assertThat(result.deleted()).isEqualTo(4);
        assertThat(names(G + "/policyreports")).containsExactly("shop/kubeward", "shop/kyverno-abc");
        assertThat(names(G + "/clusterpolicyreports")).containsExactly("/kubeward", "/kubeward-kubelets");
        List<String> deletes = requests().stream().filter(r -> r.getMethod().equals("DELETE")).map(RecordedRequest::getPath).toList();
        assertThat(deletes).containsExactlyInAnyOrder(G + "/namespaces/shop/policyreports/kubeward-2",
                G + "/namespaces/shop/policyreports/kubeward-3", G + "/namespaces/gone/policyreports/kubeward",
                G + "/clusterpolicyreports/kubeward-2");
    }

    @Test
    void withOneNamespaceOnlyThatNamespaceIsListedWrittenAndPruned() throws Exception {
        seed(report("shop", "kubeward-2", 100, "a"));
        seed(report("web", "kubeward", 100, "a"));
        seed(report(null, "kubeward", 100, "a"));
        List<ObjectNode> now = List.of(report("shop", "kubeward", 200, "a"));
        expectApplies(now, "3");
        requests();
        assertThat(writer().apply(now, "shop")).isEqualTo(new ReportWriter.Result(1, 1, 1));
        List<RecordedRequest> sent = requests();
        assertThat(names(G + "/policyreports")).containsExactly("web/kubeward");
        assertThat(names(G + "/clusterpolicyreports")).containsExactly("/kubeward");
        assertThat(sent.stream().map(r -> r.getMethod() + " " + r.getPath().replaceAll("\\?.*", "")))
                .containsExactlyInAnyOrder("GET " + G + "/namespaces/shop/policyreports",
                        "PATCH " + G + "/namespaces/shop/policyreports/kubeward",
                        "DELETE " + G + "/namespaces/shop/policyreports/kubeward-2");
    }

    @Test
    void missingCrdsAndForbiddenWritesAreOneSentence() throws Exception {
        cluster.server.expect().get().withPath(G + "/policyreports?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dkubeward%2Ckubeward.dev%2Freport%3Dkubeward&limit=50")
                .andReturn(404, "{\"kind\":\"Status\",\"code\":404,\"message\":\"the server could not find the requested resource\"}").once();
        List<ObjectNode> reports = List.of(report("shop", "kubeward", 100, "a"));
        assertThatThrownBy(() -> writer().apply(reports, null)).isInstanceOf(ReportWriter.WriteException.class)
                .hasMessage("cluster:kind-test: the cluster does not serve policyreports.wgpolicyk8s.io (404 Not Found): "
                        + "install the wgpolicyk8s.io CRDs");
        cluster.server.expect().patch().withPath(path(reports.get(0)) + "?fieldManager=kubeward&force=true")
                .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"policyreports.wgpolicyk8s.io \\\"kubeward\\\" is forbidden\"}")
                .always();
        assertThatThrownBy(() -> writer().apply(reports, null)).isInstanceOf(ReportWriter.WriteException.class)
                .hasMessageStartingWith("cluster:kind-test: may not apply policyreports.wgpolicyk8s.io (403 Forbidden): "
                        + "policyreports.wgpolicyk8s.io \"kubeward\" is forbidden; grant list, create, patch and delete");
    }

    @Test
    void theGrantsAreTheVerbsItSendsOnBothResources() {
        assertThat(ReportWriter.grants(TARGET)).extracting(g -> g.verb() + " " + g.resource() + "." + g.group())
                .containsExactlyInAnyOrder("list policyreports.wgpolicyk8s.io", "patch policyreports.wgpolicyk8s.io",
                        "create policyreports.wgpolicyk8s.io", "delete policyreports.wgpolicyk8s.io",
                        "list clusterpolicyreports.wgpolicyk8s.io", "patch clusterpolicyreports.wgpolicyk8s.io",
                        "create clusterpolicyreports.wgpolicyk8s.io", "delete clusterpolicyreports.wgpolicyk8s.io");
    }
}
