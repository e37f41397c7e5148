package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.model.Resource;
import dev.kubeward.source.cluster.MockCluster;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --cluster --format policyreport --apply} and {@code node --cluster … --apply}, as the
 * chart's CronJob runs them, against the fabric8 mock server (the applies are expectations: its
 * CRUD mode does not do server-side apply).
 */
class ApplyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String G = "/apis/wgpolicyk8s.io/v1alpha2";
    @TempDir
    Path tmp;
    private MockCluster cluster;
    private String kubeconfig;

    @BeforeEach
    void start() throws Exception {
        cluster = new MockCluster();
        kubeconfig = cluster.kubeconfig(tmp, "kind-shop").toString();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static String path(JsonNode report, String group) {
        String ns = report.at("/metadata/namespace").asText(null);
        boolean cluster = report.get("kind").asText().startsWith("Cluster");
        String plural = group.startsWith("/apis/openreports") ? (cluster ? "clusterreports" : "reports")
                : (cluster ? "clusterpolicyreports" : "policyreports");
        return group + (ns == null ? "/" : "/namespaces/" + ns + "/") + plural + "/" + report.at("/metadata/name").asText();
    }

    private void expectApplies(JsonNode items, String group) {
        for (JsonNode r : items) {
            cluster.server.expect().patch().withPath(path(r, group) + "?fieldManager=kubeward&force=true")
                    .andReply(200, req -> new String(req.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8)).always();
        }
    }

    private List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> out = new ArrayList<>();
        RecordedRequest r;
        while ((r = cluster.server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            out.add(r);
        }
        return out;
    }

    private static JsonNode withoutTimestamps(JsonNode report) {
        ObjectNode copy = report.deepCopy();
        copy.path("results").forEach(r -> ((ObjectNode) r).remove("timestamp"));
        return copy;
    }

    private void seedExamples() throws Exception {
        List<Resource> objects = ClusterScanTest.servable("examples/insecure");
        objects.forEach(cluster::create);
    }

    @Test
    void theChartsScanWritesEveryReportByServerSideApplyAndPrintsNoReport() throws Exception {
        seedExamples();
        CliRunner printed = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig, "--all-namespaces",
                "--format", "policyreport", "--fail-on", "none");
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        JsonNode items = JSON.readTree(printed.out()).get("items");
        assertThat(items.size()).isGreaterThan(1);
        expectApplies(items, G);
        requests();
        // The CronJob's arguments (deploy/chart/kubeward/templates/scanner-cronjob.yaml).
        CliRunner applied = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig, "--all-namespaces",
                "--format", "policyreport", "--apply", "--fail-on", "none");
        assertThat(applied.exitCode()).as(applied.err()).isZero();
        assertThat(applied.out()).isEmpty();
        assertThat(applied.err()).contains("cluster:kind-shop: applied " + items.size() + " reports (" + items.size()
                + " changed, 0 unchanged), deleted 0 stale").doesNotContain("Exception");
        List<RecordedRequest> patches = requests().stream().filter(r -> r.getMethod().equals("PATCH")).toList();
        assertThat(patches).hasSize(items.size());
        TreeSet<String> expected = new TreeSet<>();
        TreeSet<String> sent = new TreeSet<>();
        for (JsonNode item : items) {
            expected.add(path(item, G) + " " + withoutTimestamps(item));
        }
        for (RecordedRequest p : patches) {
            assertThat(p.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
            assertThat(p.getPath()).endsWith("?fieldManager=kubeward&force=true");
            sent.add(p.getPath().replace("?fieldManager=kubeward&force=true", "") + " "
                    + withoutTimestamps(JSON.readTree(p.getBody().readUtf8())));
        }
        assertThat(sent).isEqualTo(expected);
    }

    @Test
    void withOutputTheReportsAreAlsoWrittenThereAndOpenreportsGoesToItsOwnApi() throws Exception {
        seedExamples();
        CliRunner printed = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig, "-n", "shop",
                "--format", "policyreport", "--report-api", "openreports", "--fail-on", "none");
        JsonNode items = JSON.readTree(printed.out()).get("items");
        expectApplies(items, "/apis/openreports.io/v1alpha1");
        requests();
        Path out = tmp.resolve("reports.json");
        CliRunner applied = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig, "-n", "shop",
                "--format", "policyreport", "--report-api", "openreports", "--apply", "--fail-on", "none", "-o", out.toString());
        assertThat(applied.exitCode()).as(applied.err()).isZero();
        long namespaced = 0;
        for (JsonNode i : items) {
            namespaced += i.at("/metadata/namespace").asText("").equals("shop") ? 1 : 0;
        }
        assertThat(namespaced).isPositive();
        assertThat(applied.err()).contains("note: with -n shop only the reports of namespace shop are written")
                .contains("applied " + namespaced + " report");
        assertThat(JSON.readTree(Files.readString(out)).get("items").size()).isEqualTo(items.size());
        List<String> paths = requests().stream().filter(r -> !r.getMethod().equals("GET") || r.getPath().contains("reports"))
                .map(r -> r.getMethod() + " " + r.getPath().replaceAll("\\?.*", "")).toList();
        assertThat(paths).contains("GET /apis/openreports.io/v1alpha1/namespaces/shop/reports")
                .allMatch(p -> p.contains("/namespaces/shop/"));
    }

    @Test
    void applyNeedsTheClusterAndThePolicyReportFormat() {
        CliRunner noFormat = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig, "--apply");
        assertThat(noFormat.exitCode()).isEqualTo(2);
        assertThat(noFormat.err()).contains("--apply writes policy reports: it needs --format policyreport");
        CliRunner noCluster = CliRunner.run("scan", "examples/insecure", "-f", "policyreport", "--apply");
        assertThat(noCluster.exitCode()).isEqualTo(2);
        assertThat(noCluster.err()).contains("--apply writes the reports to the cluster that was read: it needs --cluster");
        CliRunner node = CliRunner.run("node", "-f", "policyreport", "--apply");
        assertThat(node.exitCode()).isEqualTo(2);
        assertThat(node.err()).contains("it needs --cluster");
        assertThat(noFormat.out() + noCluster.out() + node.out()).isEmpty();
    }

    @Test
    void missingCrdsAreOneSentenceAndExitCode2() throws Exception {
        seedExamples();
        cluster.server.expect().get().withPath(G + "/policyreports?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dkubeward"
                + "%2Ckubeward.dev%2Freport%3Dkubeward&limit=50").andReturn(404, "{\"kind\":\"Status\",\"code\":404}").always();
        CliRunner r = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig, "-f", "policyreport", "--apply",
                "--fail-on", "none");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cluster:kind-shop: the cluster does not serve policyreports.wgpolicyk8s.io (404 Not Found): "
                + "install the wgpolicyk8s.io CRDs").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
        assertThat(requests()).noneMatch(q -> q.getMethod().equals("PATCH"));
    }

    @Test
    void nodeWritesItsOwnClusterReportBesideTheScans() throws Exception {
        ObjectNode node = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Node");
        node.putObject("metadata").put("name", "bad");
        cluster.create(node, null);
        cluster.server.expect().get().withPath("/api/v1/nodes/bad/proxy/configz")
                .andReturn(200, Files.readString(Path.of("src/test/resources/cluster/configz-insecure.json"))).always();
        // A report of scan's set, which node must neither replace nor delete.
        ObjectNode scans = JSON.createObjectNode().put("apiVersion", "wgpolicyk8s.io/v1alpha2").put("kind", "ClusterPolicyReport");
        scans.putObject("metadata").put("name", "kubeward").putObject("labels")
                .put("app.kubernetes.io/managed-by", "kubeward").put("kubeward.dev/report", "kubeward");
        assertThat(cluster.send("POST", G + "/clusterpolicyreports", scans).code()).isLessThan(300);
        cluster.server.expect().patch().withPath(G + "/clusterpolicyreports/kubeward-kubelets?fieldManager=kubeward&force=true")
                .andReply(200, req -> new String(req.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8)).always();
        requests();
        CliRunner r = CliRunner.run("node", "--cluster", "--kubeconfig", kubeconfig, "-f", "policyreport", "--apply",
                "--fail-on", "none");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("applied 1 report (1 changed, 0 unchanged), deleted 0 stale");
        RecordedRequest patch = requests().stream().filter(q -> q.getMethod().equals("PATCH")).findFirst().orElseThrow();
        JsonNode body = JSON.readTree(patch.getBody().readUtf8());
        assertThat(body.at("/metadata/labels/kubeward.dev~1report").asText()).isEqualTo("kubeward-kubelets");
        assertThat(body.get("results").toString()).contains("kubelet-");
        assertThat(cluster.send("GET", G + "/clusterpolicyreports/kubeward", null).code()).isEqualTo(200);
    }
}
