package dev.kubeward.netpol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyAnalysisTest {

    private static PolicyAnalysis analysis(String policies) {
        return new PolicyAnalysis(Reachability.of(Fixtures.load(Fixtures.BASE + "---\n" + policies)));
    }

    private static final String DEFAULT_DENY_BACKEND = """
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: backend}
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
            """;

    @Test
    void unselectedWorkloadsPerDirection() {
        PolicyAnalysis analysis = analysis("""
                kind: NetworkPolicy
                metadata: {name: db-in, namespace: backend}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  ingress: [{}]
                """);
        assertThat(analysis.unselectedWorkloads(Direction.INGRESS)).extracting(Workload::name).containsExactly("web", "api");
        assertThat(analysis.unselectedWorkloads(Direction.EGRESS)).extracting(Workload::name)
                .containsExactly("web", "api", "db");
    }

    @Test
    void defaultDenyNeedsEmptySelectorTheDirectionAndNoRules() {
        PolicyAnalysis analysis = analysis(DEFAULT_DENY_BACKEND + """
                ---
                kind: NetworkPolicy
                metadata: {name: not-deny, namespace: frontend}
                spec:
                  podSelector: {}
                  ingress: [{}]
                """);
        assertThat(analysis.hasDefaultDeny("backend", Direction.INGRESS)).isTrue();
        assertThat(analysis.hasDefaultDeny("backend", Direction.EGRESS)).isTrue();
        assertThat(analysis.hasDefaultDeny("frontend", Direction.INGRESS)).isFalse();
        assertThat(analysis.hasDefaultDeny("frontend", Direction.EGRESS)).isFalse();
    }

    @Test
    void rulesOpenToEverySource() {
        PolicyAnalysis analysis = analysis("""
                kind: NetworkPolicy
                metadata: {name: open, namespace: backend}
                spec:
                  podSelector: {}
                  policyTypes: [Ingress, Egress]
                  ingress:
                  - ports: [{port: 80}]
                  - from: [{podSelector: {}}]
                  egress:
                  - to: [{ipBlock: {cidr: "::/0"}}, {ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]
                """);
        assertThat(analysis.rulesOpenToAll()).extracting(PolicyAnalysis.RuleFinding::path).containsExactly(
                "spec.ingress[0]", "spec.egress[0].to[0].ipBlock", "spec.egress[0].to[1].ipBlock");
        assertThat(analysis.rulesOpenToAll().get(2).reason()).contains("except [10.0.0.0/8]");
    }

    @Test
    void egressToExternalListsWorkloadRanges() {
        PolicyAnalysis analysis = analysis(DEFAULT_DENY_BACKEND + """
                ---
                kind: NetworkPolicy
                metadata: {name: api-out, namespace: backend}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  policyTypes: [Egress]
                  egress: [{to: [{ipBlock: {cidr: 192.0.2.0/24}}], ports: [{port: 443}]}]
                """);
        assertThat(analysis.egressToExternal()).extracting(Connection::toString).containsExactly(
                "backend/api[Deployment] => 192.0.2.0-192.0.2.255[External] : TCP 443",
                "frontend/web[Deployment] => 0.0.0.0-192.0.1.255[External] : All Connections",
                "frontend/web[Deployment] => 192.0.2.0-192.0.2.255[External] : All Connections",
                "frontend/web[Deployment] => 192.0.3.0-255.255.255.255[External] : All Connections");
    }

    @Test
    void policiesSelectingNoWorkload() {
        PolicyAnalysis analysis = analysis(DEFAULT_DENY_BACKEND + """
                ---
                kind: NetworkPolicy
                metadata: {name: typo, namespace: backend}
                spec:
                  podSelector: {matchLabels: {app: dbb}}
                """);
        assertThat(analysis.policiesSelectingNothing()).extracting(NetworkPolicy::id).containsExactly("backend/typo");
    }

    @Test
    void namedPortsResolvingOnNoDestination() {
        PolicyAnalysis analysis = analysis("""
                kind: NetworkPolicy
                metadata: {name: ports, namespace: backend}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  policyTypes: [Ingress, Egress]
                  ingress: [{ports: [{port: pg}, {port: http}]}]
                  egress: [{to: [{namespaceSelector: {}}], ports: [{port: http}, {port: metrics}]}]
                """);
        assertThat(analysis.unresolvedNamedPorts()).extracting(PolicyAnalysis.RuleFinding::path)
                .containsExactly("spec.ingress[0].ports[1]", "spec.egress[0].ports[1]");
    }

    @Test
    void egressIsolatedWorkloadsWithoutDns() {
        PolicyAnalysis analysis = analysis(DEFAULT_DENY_BACKEND + """
                ---
                kind: NetworkPolicy
                metadata: {name: api-dns, namespace: backend}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  policyTypes: [Egress]
                  egress:
                  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
                    ports: [{port: dns, protocol: UDP}]
                ---
                kind: NetworkPolicy
                metadata: {name: web-out, namespace: frontend}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress: [{ports: [{port: 443}]}]
                """);
        // api reaches kube-dns by named port; db is denied everything; web may only use 443.
        assertThat(analysis.workloadsWithoutDnsEgress()).extracting(Workload::name).containsExactly("web", "db");
    }

    @Test
    void dnsToAnywhereCounts() {
        PolicyAnalysis analysis = analysis(DEFAULT_DENY_BACKEND + """
                ---
                kind: NetworkPolicy
                metadata: {name: dns-anywhere, namespace: backend}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress: [{ports: [{port: 53, protocol: TCP}]}]
                """);
        assertThat(analysis.workloadsWithoutDnsEgress()).isEqualTo(List.of());
    }
}
