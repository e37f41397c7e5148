package dev.kubeward.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.check.CheckMeta;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.ObjectRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyReportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");

    private static ScanReport report(int findings, String namespace) {
        CheckMeta meta = new CheckMeta("run-as-root", "Runs as root", Severity.HIGH, "Workload", "d", "r", "fix",
                new CheckMeta.Frameworks(List.of(), List.of(), List.of(), List.of()), true);
        List<Finding> list = new ArrayList<>();
        for (int i = 0; i < findings; i++) {
            list.add(new Finding(meta, Severity.HIGH, "container app of pod-" + i + " may run as root",
                    new ObjectRef("v1", "Pod", namespace, "pod-" + i), "pods.yaml", i + 1, 3, 1,
                    JsonPath.of("spec", "containers"), null));
        }
        return new ScanReport("test", list, List.of(meta), List.of(), List.of(), 1, Severity.HIGH);
    }

    @Test
    void namespaceOfFollowsTheKindsScope() {
        assertThat(PolicyReports.namespaceOf(new ObjectRef("v1", "Pod", "shop", "a"))).isEqualTo("shop");
        assertThat(PolicyReports.namespaceOf(new ObjectRef("v1", "Pod", null, "a"))).isEqualTo("default");
        assertThat(PolicyReports.namespaceOf(new ObjectRef("v1", "Namespace", null, "shop"))).isNull();
        assertThat(PolicyReports.namespaceOf(new ObjectRef("rbac.authorization.k8s.io/v1", "ClusterRole", null, "x"))).isNull();
        // A namespace written on a cluster-scoped object is not where it lives.
        assertThat(PolicyReports.namespaceOf(new ObjectRef("v1", "Node", "shop", "n1"))).isNull();
        assertThat(PolicyReports.namespaceOf(new ObjectRef("rbac.authorization.k8s.io/v1", "Role", "shop", "x"))).isEqualTo("shop");
    }

    @Test
    void aReportOverTheBudgetIsSplitIntoLabelledChunks() throws Exception {
        int budget = 4000;
        List<ObjectNode> reports = new PolicyReports(PolicyReports.Api.WGPOLICY, T, budget).build(report(100, "shop"), RenderOptions.DEFAULT);
        List<ObjectNode> shop = reports.stream().filter(r -> r.at("/metadata/namespace").asText().equals("shop")).toList();
        assertThat(shop.size()).isGreaterThan(2);
        int total = 0;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < shop.size(); i++) {
            ObjectNode r = shop.get(i);
            names.add(r.at("/metadata/name").asText());
            assertThat(r.at("/metadata/labels/kubeward.dev~1chunk").asText()).isEqualTo(Integer.toString(i + 1));
            assertThat(r.at("/metadata/labels/kubeward.dev~1chunks").asText()).isEqualTo(Integer.toString(shop.size()));
            assertThat(JSON.writeValueAsString(r.get("results")).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(budget + 2);
            assertThat(r.at("/summary/fail").asInt()).isEqualTo(r.get("results").size());
            total += r.get("results").size();
        }
        assertThat(total).isEqualTo(100);
        assertThat(names.get(0)).isEqualTo("kubeward");
        assertThat(names.get(1)).isEqualTo("kubeward-2");
        assertThat(names).doesNotHaveDuplicates();
        // The cluster report is there, empty, so that an earlier run's cluster results are replaced.
        assertThat(reports.get(reports.size() - 1).get("kind").asText()).isEqualTo("ClusterPolicyReport");
        assertThat(reports.get(reports.size() - 1).get("results")).isEmpty();
    }

    @Test
    void underTheBudgetIsOneReport() {
        List<ObjectNode> reports = new PolicyReports(PolicyReports.Api.OPENREPORTS, T).build(report(100, "shop"), RenderOptions.DEFAULT);
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0).get("kind").asText()).isEqualTo("Report");
        assertThat(reports.get(0).at("/metadata/labels/kubeward.dev~1chunks").asText()).isEqualTo("1");
        assertThat(reports.get(0).at("/results/0/timestamp/seconds").asLong()).isEqualTo(T.getEpochSecond());
    }

    @Test
    void theDefaultBudgetKeepsAReportUnderEtcdsLimit() throws Exception {
        List<ObjectNode> reports = new PolicyReports(PolicyReports.Api.WGPOLICY, T).build(report(20_000, "shop"), RenderOptions.DEFAULT);
        assertThat(reports.size()).isGreaterThan(2);
        for (ObjectNode r : reports) {
            assertThat(JSON.writeValueAsString(r).getBytes(StandardCharsets.UTF_8).length).isLessThan(1_572_864 / 3 * 2 + 100_000);
        }
    }

    @Test
    void unknownApiIsRefusedByName() {
        assertThat(PolicyReports.Api.parse("OpenReports")).isEqualTo(PolicyReports.Api.OPENREPORTS);
        assertThat(PolicyReports.Api.parse("wgpolicyk8s")).isEqualTo(PolicyReports.Api.WGPOLICY);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PolicyReports.Api.parse("kyverno"))
                .hasMessageContaining("unknown report API 'kyverno'");
    }
}
