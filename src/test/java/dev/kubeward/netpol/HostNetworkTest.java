package dev.kubeward.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pods with {@code hostNetwork: true}. The NetworkPolicy concepts page ("NetworkPolicy and
 * hostNetwork pods", kubernetes/website content/en/docs/concepts/services-networking/
 * network-policies.md): in the most common implementation the plugin ignores them when matching
 * podSelector and namespaceSelector, their traffic is the node IP's, and an ipBlock may allow it.
 * netpol-analyzer does not read the field (pkg/netpol/eval/internal/k8s/pod.go, manifests/parser):
 * its lists treat them as pod-network pods. {@link HostNetworkMode#POD} is that, {@link
 * HostNetworkMode#NODE} the API's behaviour.
 */
class HostNetworkTest {
    private static final String INPUT = """
            kind: DaemonSet
            metadata: {name: agent, namespace: mon}
            spec: {template: {metadata: {labels: {app: agent}}, spec: {hostNetwork: true, containers: [{name: c, ports: [{name: metrics, containerPort: 9100}]}]}}}
            ---
            kind: Deployment
            metadata: {name: ui, namespace: mon}
            spec: {template: {metadata: {labels: {app: ui}}, spec: {containers: [{name: c}]}}}
            ---
            # Default deny of ingress for every pod of mon, then: the agent may reach ui on 8080,
            # and ui may reach the agent's metrics port.
            kind: NetworkPolicy
            metadata: {name: deny, namespace: mon}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            ---
            kind: NetworkPolicy
            metadata: {name: ui, namespace: mon}
            spec:
              podSelector: {matchLabels: {app: ui}}
              policyTypes: [Ingress, Egress]
              ingress: [{from: [{podSelector: {matchLabels: {app: agent}}}], ports: [{port: 8080}]}]
              egress: [{to: [{podSelector: {matchLabels: {app: agent}}}], ports: [{port: metrics}]}]
            """;
    private static final String AGENT = "mon/agent[DaemonSet]";
    private static final String UI = "mon/ui[Deployment]";

    private static List<String> lines(HostNetworkMode mode, String input) {
        return Reachability.of(Fixtures.load(input), mode).connections().stream().map(Connection::toString).toList();
    }

    @Test
    void asNetpolAnalyzerDoesTheyArePodsLikeAnyOther() {
        // deny isolates the agent for ingress, so ui's egress to its metrics port finds it closed.
        assertThat(lines(HostNetworkMode.POD, INPUT)).containsExactly(
                AGENT + " => 0.0.0.0-255.255.255.255[External] : All Connections",
                AGENT + " => " + UI + " : TCP 8080");
    }

    @Test
    void asTheApiDoesNoPolicyIsolatesThemAndNoSelectorMatchesThem() {
        // The agent is not isolated: it reaches everything and everything reaches it, except
        // that ui's own policies (pod selectors) neither admit nor reach it.
        assertThat(lines(HostNetworkMode.NODE, INPUT)).containsExactly(
                "0.0.0.0-255.255.255.255[External] => " + AGENT + " : All Connections",
                AGENT + " => 0.0.0.0-255.255.255.255[External] : All Connections");
    }

    @Test
    void aWholeFamilyIpBlockMatchesTheNodeAddressButNamedPortsDoNotResolveOnIt() {
        String input = INPUT + """
                ---
                kind: NetworkPolicy
                metadata: {name: ui-nodes, namespace: mon}
                spec:
                  podSelector: {matchLabels: {app: ui}}
                  policyTypes: [Ingress, Egress]
                  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}], ports: [{port: 8080}]}]
                  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}], ports: [{port: metrics}, {port: 9100}]}]
                ---
                kind: NetworkPolicy
                metadata: {name: not-enough, namespace: mon}
                spec:
                  podSelector: {matchLabels: {app: ui}}
                  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}], ports: [{port: 9000}]}]
                """;
        assertThat(lines(HostNetworkMode.NODE, input)).contains(
                AGENT + " => " + UI + " : TCP 8080",
                UI + " => " + AGENT + " : TCP 9100");
    }

    @Test
    void explainSaysTheHostNetworkIsNotIsolated() {
        Reachability engine = Reachability.of(Fixtures.load(INPUT), HostNetworkMode.NODE);
        Explanation toAgent = engine.explain(UI, AGENT, Protocol.TCP, 9100);
        assertThat(toAgent.allowed()).isFalse();
        assertThat(toAgent.ingress().reason()).isEqualTo(
                "uses the host network: no NetworkPolicy applies to its pods, whose traffic is the node's");
        assertThat(toAgent.ingress().inCluster()).isTrue();
        assertThat(toAgent.ingress().isolated()).isFalse();
        assertThat(toAgent.egress().reason()).startsWith("isolated for Egress by [mon/ui] and no Egress rule matches");
        Explanation fromAgent = engine.explain(AGENT, UI, Protocol.TCP, 8080);
        assertThat(fromAgent.allowed()).isFalse();
        assertThat(fromAgent.ingress().reason()).startsWith("isolated for Ingress by [mon/deny, mon/ui] and no Ingress rule");
        assertThat(Reachability.of(Fixtures.load(INPUT), HostNetworkMode.POD).explain(AGENT, UI, Protocol.TCP, 8080)
                .allowed()).isTrue();
    }

    @Test
    void analysisLeavesThemOutOfIsolationFacts() {
        PolicyAnalysis node = new PolicyAnalysis(Reachability.of(Fixtures.load(INPUT), HostNetworkMode.NODE));
        assertThat(node.unselectedWorkloads(Direction.EGRESS)).isEmpty();
        assertThat(node.workloadsSelectedBy(Fixtures.load(INPUT).policies().get(0))).extracting(Workload::id)
                .containsExactly(UI);
        assertThat(node.workloadsWithoutDnsEgress()).extracting(Workload::id).containsExactly(UI);
        PolicyAnalysis pod = new PolicyAnalysis(Reachability.of(Fixtures.load(INPUT), HostNetworkMode.POD));
        assertThat(pod.unselectedWorkloads(Direction.EGRESS)).extracting(Workload::id).containsExactly(AGENT);
    }
}
