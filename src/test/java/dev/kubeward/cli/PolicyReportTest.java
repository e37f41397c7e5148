package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.model.Resource;
import dev.kubeward.source.cluster.MockCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan --format policyreport}: the reports' shape, as the wgpolicyk8s.io and openreports.io CRDs define them. */
class PolicyReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESULTS = Set.of("pass", "fail", "warn", "error", "skip");
    private static final Set<String> SEVERITIES = Set.of("critical", "high", "medium", "low", "info");

    @TempDir
    Path tmp;

    private static final String MANIFESTS = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: shop
            spec:
              containers:
              - name: web
                image: nginx:1.27
                securityContext:
                  privileged: true
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: quiet
              namespace: shop
              annotations:
                kubeward.dev/ignore: privileged-container
                kubeward.dev/ignore-reason: the node agent needs it
            spec:
              containers:
              - name: agent
                image: nginx:1.27
                securityContext:
                  privileged: true
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: everything
            rules:
            - apiGroups: ["*"]
              resources: ["*"]
              verbs: ["*"]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: "nowhere-\\u00e9\\"quoted"
            spec:
              containers:
              - name: c
                image: busybox
            """;

    private JsonNode scan(String... extra) throws Exception {
        Path file = tmp.resolve("objects.yaml");
        Files.writeString(file, MANIFESTS);
        List<String> args = new ArrayList<>(List.of("scan", file.toString(), "-f", "policyreport"));
        args.addAll(List.of(extra));
        CliRunner run = CliRunner.run(args.toArray(String[]::new));
        assertThat(run.err()).doesNotContain("Exception");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode list = JSON.readTree(run.out());
        assertThat(list.get("apiVersion").asText()).isEqualTo("v1");
        assertThat(list.get("kind").asText()).isEqualTo("List");
        return list.get("items");
    }

    private static JsonNode item(JsonNode items, String kind, String namespace) {
        for (JsonNode i : items) {
            if (i.get("kind").asText().equals(kind) && i.at("/metadata/namespace").asText("").equals(namespace == null ? "" : namespace)) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " in " + namespace + ": " + items);
    }

    /** Every result and summary as the CRD's schema allows, the summary counting the results. */
    private static void assertValid(JsonNode report) {
        int[] counts = new int[5];
        List<String> order = List.of("pass", "fail", "warn", "error", "skip");
        assertThat(report.at("/metadata/labels/app.kubernetes.io~1managed-by").asText()).isEqualTo("kubeward");
        for (JsonNode r : report.get("results")) {
            assertThat(r.get("source").asText()).isEqualTo("kubeward");
            assertThat(r.get("policy").asText()).isNotEmpty();
            assertThat(r.get("rule").asText()).isNotEmpty();
            assertThat(r.get("message").asText()).isNotEmpty();
            if (r.has("resources")) {
                // A finding about an object: how severe, which category, which object.
                assertThat(r.get("severity").asText()).isNotEmpty();
                assertThat(r.get("category").asText()).isNotEmpty();
                for (JsonNode res : r.get("resources")) {
                    assertThat(res.get("apiVersion").asText()).isNotEmpty();
                    assertThat(res.get("kind").asText()).isNotEmpty();
                    assertThat(res.get("name").asText()).isNotEmpty();
                    assertThat(res.has("namespace")).isEqualTo(report.get("kind").asText().equals("PolicyReport")
                            || report.get("kind").asText().equals("Report"));
                }
            }
            assertThat(RESULTS).contains(r.get("result").asText());
            if (r.has("severity")) {
                assertThat(SEVERITIES).contains(r.get("severity").asText());
            }
            assertThat(r.at("/timestamp/seconds").isIntegralNumber()).isTrue();
            assertThat(r.at("/timestamp/nanos").asInt()).isZero();
            r.path("properties").fields().forEachRemaining(e -> assertThat(e.getValue().isTextual()).as(e.getKey()).isTrue());
            counts[order.indexOf(r.get("result").asText())]++;
        }
        for (int i = 0; i < 5; i++) {
            assertThat(report.at("/summary/" + order.get(i)).asInt()).as(order.get(i)).isEqualTo(counts[i]);
        }
        assertThat(report.has("scope")).as("a report of many objects has no scope").isFalse();
    }

    @Test
    void onePolicyReportPerNamespaceAndOneClusterPolicyReport() throws Exception {
        JsonNode items = scan();
        assertThat(items).hasSize(3);
        items.forEach(PolicyReportTest::assertValid);
        JsonNode shop = item(items, "PolicyReport", "shop");
        assertThat(shop.get("apiVersion").asText()).isEqualTo("wgpolicyk8s.io/v1alpha2");
        assertThat(shop.at("/metadata/name").asText()).isEqualTo("kubeward");
        assertThat(shop.has("source")).as("v1alpha2 has no report-level source").isFalse();
        JsonNode privileged = null;
        JsonNode exempted = null;
        for (JsonNode r : shop.get("results")) {
            if (r.get("policy").asText().equals("privileged-container")) {
                if (r.at("/resources/0/name").asText().equals("web")) {
                    privileged = r;
                } else {
                    exempted = r;
                }
            }
        }
        assertThat(privileged).isNotNull();
        assertThat(privileged.get("result").asText()).isEqualTo("fail");
        assertThat(privileged.get("scored").asBoolean()).isTrue();
        assertThat(privileged.get("severity").asText()).isEqualTo("critical");
        assertThat(privileged.get("category").asText()).isNotEmpty();
        assertThat(privileged.at("/resources/0/apiVersion").asText()).isEqualTo("v1");
        assertThat(privileged.at("/resources/0/kind").asText()).isEqualTo("Pod");
        assertThat(privileged.at("/resources/0/namespace").asText()).isEqualTo("shop");
        assertThat(privileged.at("/properties/path").asText()).contains("privileged");
        assertThat(privileged.at("/properties/file").asText()).endsWith("objects.yaml");
        assertThat(privileged.at("/properties/line").asText()).isEqualTo("11");
        assertThat(exempted).isNotNull();
        assertThat(exempted.get("result").asText()).isEqualTo("skip");
        assertThat(exempted.has("scored")).isFalse();
        assertThat(exempted.at("/properties/exemption").asText()).contains("node agent");
        // A namespaced object whose manifest names no namespace is reported in default.
        JsonNode def = item(items, "PolicyReport", "default");
        assertThat(def.get("results").toString()).contains("nowhere-\u00e9\\\"quoted").doesNotContain("\"namespace\":\"shop\"");
        JsonNode cluster = item(items, "ClusterPolicyReport", null);
        assertThat(cluster.has("metadata") && !cluster.get("metadata").has("namespace")).isTrue();
        assertThat(cluster.get("results").toString()).contains("\"name\":\"everything\"").contains("\"kind\":\"ClusterRole\"");
        for (JsonNode r : cluster.get("results")) {
            assertThat(r.at("/resources/0").has("namespace")).isFalse();
        }
        // From files there is no live uid, even where a manifest writes one.
        for (JsonNode i : items) {
            assertThat(i.get("results").toString()).doesNotContain("\"uid\"");
        }
    }

    @Test
    void openReportsWritesReportAndClusterReport() throws Exception {
        JsonNode items = scan("--report-api", "openreports");
        items.forEach(PolicyReportTest::assertValid);
        JsonNode shop = item(items, "Report", "shop");
        assertThat(shop.get("apiVersion").asText()).isEqualTo("openreports.io/v1alpha1");
        assertThat(shop.get("source").asText()).isEqualTo("kubeward");
        assertThat(item(items, "ClusterReport", null).get("apiVersion").asText()).isEqualTo("openreports.io/v1alpha1");
    }

    @Test
    void baselinedFindingsAreWarnings() throws Exception {
        Path file = tmp.resolve("objects.yaml");
        Files.writeString(file, MANIFESTS);
        Path baseline = tmp.resolve("baseline.json");
        CliRunner.run("scan", file.toString(), "--baseline-out", baseline.toString(), "-f", "json");
        CliRunner run = CliRunner.run("scan", file.toString(), "--baseline", baseline.toString(), "-f", "policyreport");
        JsonNode shop = item(JSON.readTree(run.out()).get("items"), "PolicyReport", "shop");
        assertValid(shop);
        assertThat(shop.at("/summary/fail").asInt()).isZero();
        assertThat(shop.at("/summary/warn").asInt()).isPositive();
        assertThat(shop.get("results").toString()).contains("\"baseline\":\"true\"");
    }

    @Test
    void withReportPassEachCheckThatExaminedAnObjectAndFoundNothingIsAPass() throws Exception {
        JsonNode without = scan();
        for (JsonNode report : without) {
            assertThat(report.at("/summary/pass").asInt()).as("pass results are opt-in").isZero();
        }
        JsonNode items = scan("--report-pass");
        items.forEach(PolicyReportTest::assertValid);
        JsonNode shop = item(items, "PolicyReport", "shop");
        Map<String, Set<String>> byPod = new java.util.HashMap<>();
        Map<String, Set<String>> passedByPod = new java.util.HashMap<>();
        for (JsonNode r : shop.get("results")) {
            String pod = r.at("/resources/0/name").asText();
            byPod.computeIfAbsent(pod, k -> new java.util.HashSet<>()).add(r.get("policy").asText() + "=" + r.get("result").asText());
            if (r.get("result").asText().equals("pass")) {
                passedByPod.computeIfAbsent(pod, k -> new java.util.HashSet<>()).add(r.get("policy").asText());
                assertThat(r.get("scored").asBoolean()).isTrue();
                assertThat(r.at("/properties/file").asText()).endsWith("objects.yaml");
            }
        }
        // web fails privileged-container, so it has no pass for it; a check of its category that found nothing passes.
        assertThat(byPod.get("web")).contains("privileged-container=fail").doesNotContain("privileged-container=pass");
        assertThat(passedByPod.get("web")).contains("host-network", "host-pid").doesNotContain("privileged-container");
        // quiet's exempted finding stays a skip, not a pass.
        assertThat(byPod.get("quiet")).contains("privileged-container=skip").doesNotContain("privileged-container=pass");
        // A pod check never passes on a ClusterRole, and an RBAC check passes on none of the pods.
        JsonNode cluster = item(items, "ClusterPolicyReport", null);
        for (JsonNode r : cluster.get("results")) {
            if (r.get("result").asText().equals("pass")) {
                assertThat(r.get("category").asText()).isEqualTo("RBAC");
            }
        }
        assertThat(shop.get("results").findValuesAsText("category").stream().distinct()).doesNotContain("RBAC");
        // The failures are the same with and without the passes.
        assertThat(item(items, "PolicyReport", "shop").at("/summary/fail")).isEqualTo(item(without, "PolicyReport", "shop").at("/summary/fail"));
        CliRunner json = CliRunner.run("scan", tmp.resolve("objects.yaml").toString(), "-f", "json", "--report-pass");
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.err()).contains("--report-pass adds results to policy reports: it needs --format policyreport");
    }

    @Test
    void badReportApiIsAUsageError() throws Exception {
        Path file = tmp.resolve("objects.yaml");
        Files.writeString(file, MANIFESTS);
        CliRunner bad = CliRunner.run("scan", file.toString(), "-f", "policyreport", "--report-api", "v1beta1");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown report API 'v1beta1'").doesNotContain("Exception");
        CliRunner wrongFormat = CliRunner.run("scan", file.toString(), "-f", "json", "--report-api", "openreports");
        assertThat(wrongFormat.exitCode()).isEqualTo(2);
        assertThat(wrongFormat.err()).contains("--report-api is an option of --format policyreport");
    }

    @Test
    void aClusterScanNamesTheContextAndListsWhatWasNotRead() throws Exception {
        try (MockCluster cluster = new MockCluster()) {
            Path kubeconfig = cluster.kubeconfig(tmp, "kind-shop");
            for (Resource r : ClusterScanTest.servable("examples/insecure")) {
                if (r.kind().equals("Deployment") || r.kind().equals("Namespace")) {
                    cluster.create(r);
                }
            }
            cluster.server.expect().get().withPath("/api/v1/secrets?limit=500")
                    .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\"}").always();
            CliRunner run = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig.toString(), "-f", "policyreport");
            assertThat(run.err()).doesNotContain("Exception");
            JsonNode items = JSON.readTree(run.out()).get("items");
            items.forEach(PolicyReportTest::assertValid);
            boolean namespaced = false;
            for (JsonNode i : items) {
                if (i.get("kind").asText().equals("PolicyReport") && i.at("/summary/fail").asInt() > 0) {
                    namespaced = true;
                    assertThat(i.at("/results/0/properties/file").asText()).startsWith("cluster:kind-shop/");
                    assertThat(i.at("/results/0/resources/0/namespace").asText()).isEqualTo(i.at("/metadata/namespace").asText());
                }
            }
            assertThat(namespaced).isTrue();
            // Each object read from the cluster is named by its uid too, the one the API server holds.
            int named = 0;
            for (JsonNode i : items) {
                for (JsonNode r : i.get("results")) {
                    for (JsonNode res : r.path("resources")) {
                        String path = MockCluster.listed(res.get("apiVersion").asText(), res.get("kind").asText()).orElseThrow()
                                .path(res.has("namespace") ? res.get("namespace").asText() : null) + "/" + res.get("name").asText();
                        String uid = cluster.send("GET", path, null).json().at("/metadata/uid").asText();
                        assertThat(uid).as(path).isNotEmpty();
                        assertThat(res.path("uid").asText()).as(path).isEqualTo(uid);
                        named++;
                    }
                }
            }
            assertThat(named).isPositive();
            JsonNode cluster0 = item(items, "ClusterPolicyReport", null);
            boolean gap = false;
            for (JsonNode r : cluster0.get("results")) {
                if (r.get("policy").asText().equals("kubeward-coverage")) {
                    gap = true;
                    assertThat(r.get("result").asText()).isEqualTo("error");
                    assertThat(r.get("rule").asText()).isEqualTo("secrets");
                    assertThat(r.get("message").asText()).contains("forbidden");
                }
            }
            assertThat(gap).isTrue();
        }
    }
}
