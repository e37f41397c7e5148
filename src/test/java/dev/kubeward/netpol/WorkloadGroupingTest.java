package dev.kubeward.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.model.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How pods become the workloads of the output, as netpol-analyzer names them
 * (pkg/netpol/eval/internal/k8s/pod.go PodFromCoreObject and peer.go WorkloadPeer): a pod with a
 * controller owner reference is {@code ns/owner[OwnerKind]}, only the reference marked
 * {@code controller: true} counts, a Node owner (a mirror pod) does not; pods of one owner are one
 * workload. netpol-analyzer refuses an input whose pods of one owner carry labels a policy tells
 * apart (eval/resources.go checkConsistentLabelsForPodsOfSameOwner); kubeward reports that pod
 * and analyses the owner with its first pod's labels.
 */
class WorkloadGroupingTest {

    private static String pod(String name, String labels, String owners) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: ns
                  labels: %s
                  ownerReferences: %s
                spec: {containers: [{name: c}]}
                ---
                """.formatted(name, labels, owners);
    }

    @Test
    void podsAreNamedByTheirControllerOnly() {
        ClusterModel model = Fixtures.load(
                pod("web-abc-1", "{app: web}", "[{kind: ReplicaSet, name: web-abc, controller: true}]")
                + pod("web-abc-2", "{app: web}", "[{kind: ReplicaSet, name: web-abc, controller: true}]")
                + pod("adopted", "{app: x}", "[{kind: ReplicaSet, name: old-rs}]")
                + pod("second-is-controller", "{app: y}",
                        "[{kind: ConfigMap, name: cm}, {kind: StatefulSet, name: db, controller: true}]")
                + pod("kube-apiserver-node1", "{component: kube-apiserver}",
                        "[{kind: Node, name: node1, controller: true}]"));
        assertThat(model.workloads()).extracting(Workload::id).containsExactly("ns/web-abc[ReplicaSet]",
                "ns/adopted[Pod]", "ns/db[StatefulSet]", "ns/kube-apiserver-node1[Pod]");
    }

    @Test
    void podsOfOneOwnerWithLabelsNoPolicyUsesAreOneWorkloadSilently() {
        List<String> problems = new ArrayList<>();
        ClusterModel model = ManifestParser.parseEach(Fixtures.parseYaml(
                pod("agents-1", "{app: agent, tier: a}", "[{kind: DaemonSet, name: agents, controller: true}]")
                + pod("agents-2", "{app: agent, tier: b}", "[{kind: DaemonSet, name: agents, controller: true}]")
                + """
                        kind: NetworkPolicy
                        metadata: {name: agents, namespace: ns}
                        spec: {podSelector: {matchLabels: {app: agent}}}
                        """), collect(problems));
        assertThat(model.workloads()).extracting(Workload::id).containsExactly("ns/agents[DaemonSet]");
        assertThat(problems).isEmpty();
    }

    @Test
    void podsOfOneOwnerThatAPolicyTellsApartAreReported() {
        List<String> problems = new ArrayList<>();
        ClusterModel model = ManifestParser.parseEach(Fixtures.parseYaml(
                pod("agents-1", "{app: agent, tier: a}", "[{kind: DaemonSet, name: agents, controller: true}]")
                + pod("agents-2", "{app: agent, tier: b}", "[{kind: DaemonSet, name: agents, controller: true}]")
                + """
                        kind: NetworkPolicy
                        metadata: {name: tier-a, namespace: ns}
                        spec: {podSelector: {matchLabels: {tier: a}}}
                        """), collect(problems));
        assertThat(model.workloads()).singleElement().satisfies(w -> {
            assertThat(w.id()).isEqualTo("ns/agents[DaemonSet]");
            assertThat(w.podLabels()).isEqualTo(Map.of("app", "agent", "tier", "a"));
        });
        assertThat(problems).containsExactly("agents-2: metadata.labels: label tier=b differs from pod ns/agents-1 "
                + "(tier=a) of the same owner ns/agents[DaemonSet], and NetworkPolicy ns/tier-a spec.podSelector "
                + "{tier=a} tells them apart; ns/agents[DaemonSet] is analysed with the labels of agents-1");
    }

    @Test
    void aRulePeerThatTellsThePodsApartCountsToo() {
        List<String> problems = new ArrayList<>();
        ManifestParser.parseEach(Fixtures.parseYaml(
                pod("agents-1", "{app: agent}", "[{kind: DaemonSet, name: agents, controller: true}]")
                + pod("agents-2", "{app: agent, canary: 'yes'}", "[{kind: DaemonSet, name: agents, controller: true}]")
                + """
                        kind: NetworkPolicy
                        metadata: {name: db, namespace: ns}
                        spec:
                          podSelector: {matchLabels: {app: db}}
                          ingress: [{from: [{podSelector: {matchExpressions: [{key: canary, operator: DoesNotExist}]}}]}]
                        """), collect(problems));
        assertThat(problems).singleElement().asString()
                .contains("label canary=yes differs from pod ns/agents-1 (canary=(absent))",
                        "NetworkPolicy ns/db spec.ingress[0].from[0].podSelector {canary DoesNotExist}");
    }

    private static ManifestParser.Problems collect(List<String> into) {
        return new ManifestParser.Problems() {
            @Override
            public void rejected(JsonNode object, List<FieldError> errors) {
                into.add(object.path("metadata").path("name").asText() + ": rejected " + errors);
            }

            @Override
            public void ignored(JsonNode object, FieldError error) {
                into.add(object.path("metadata").path("name").asText() + ": " + error);
            }
        };
    }
}
