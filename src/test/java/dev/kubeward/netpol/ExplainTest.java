package dev.kubeward.netpol;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExplainTest {
    private final Reachability reachability = Reachability.of(Fixtures.resource("minimal.yaml"));

    @Test
    void allowedConnectionNamesTheRuleOnEachSide() {
        Explanation explanation = reachability.explain("default/frontend", "default/backend", Protocol.TCP, 9090);
        assertThat(explanation.allowed()).isTrue();
        assertThat(explanation.egress().allowingRules()).extracting(RuleRef::policy, RuleRef::ruleIndex, RuleRef::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("default/frontend-netpol", 0, "spec.egress[0]"));
        assertThat(explanation.ingress().allowingRules()).extracting(RuleRef::policy, RuleRef::ruleIndex, RuleRef::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("default/backend-netpol", 0, "spec.ingress[0]"));
        assertThat(explanation.toText()).startsWith(
                "ALLOWED default/frontend[Deployment] => default/backend[Deployment] : TCP 9090");
    }

    @Test
    void deniedPortSaysIsolatedAndNoRuleMatched() {
        Explanation explanation = reachability.explain("default/frontend[Deployment]", "default/backend[Deployment]",
                Protocol.TCP, 8080);
        assertThat(explanation.allowed()).isFalse();
        assertThat(explanation.egress().isolatingPolicies()).containsExactly("default/frontend-netpol");
        assertThat(explanation.egress().allowingRules()).isEmpty();
        assertThat(explanation.egress().reason()).contains("isolated for Egress").contains("no Egress rule matches");
        assertThat(explanation.toText()).startsWith("DENIED");
    }

    @Test
    void protocolOnlyQueryIsAllowedWhenSomePortIsAndSaysWhich() {
        Explanation explanation = reachability.explain("default/frontend", "default/backend", Protocol.TCP, null);
        assertThat(explanation.allowed()).isTrue();
        assertThat(explanation.allowedConns()).hasToString("TCP 9090");
        assertThat(reachability.explain("default/frontend", "default/backend", Protocol.UDP, null).allowed()).isFalse();
    }

    @Test
    void externalSourceOnlyChecksTheDestination() {
        Explanation explanation = reachability.explain("203.0.113.9", "default/frontend", Protocol.TCP, 8080);
        assertThat(explanation.allowed()).isTrue();
        assertThat(explanation.egress().inCluster()).isFalse();
        assertThat(explanation.ingress().allowingRules()).extracting(RuleRef::path).containsExactly("spec.ingress[0]");
        assertThat(reachability.explain("203.0.113.9", "default/backend", null, null).allowed()).isFalse();
    }

    @Test
    void notIsolatedMeansAllowedByDefault() {
        Reachability open = Reachability.of(Fixtures.load(Fixtures.BASE));
        Explanation explanation = open.explain("frontend/web", "backend/db", Protocol.UDP, 1234);
        assertThat(explanation.allowed()).isTrue();
        assertThat(explanation.egress().isolated()).isFalse();
        assertThat(explanation.ingress().reason()).contains("not isolated for Ingress");
    }

    @Test
    void unknownOrAmbiguousEndpointsAreRejected() {
        assertThatThrownBy(() -> reachability.explain("default/nope", "default/backend", null, null))
                .hasMessageContaining("unknown endpoint 'default/nope'");
        assertThatThrownBy(() -> reachability.explain("1.2.3.4", "5.6.7.8", null, null))
                .hasMessageContaining("at least one endpoint must be a workload");
    }

    /** explain and the full computation must agree on every pair, or one of them is wrong. */
    @Test
    void explainAgreesWithFullConnectivityOnEveryPair() {
        String policies = """
                ---
                kind: NetworkPolicy
                metadata: {name: db, namespace: backend}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  ingress:
                  - from: [{namespaceSelector: {matchLabels: {team: web}}}, {podSelector: {matchLabels: {app: api}}}]
                    ports: [{port: pg}, {port: 6000, endPort: 6010}]
                  egress:
                  - to: [{ipBlock: {cidr: 10.0.0.0/8}}]
                ---
                kind: NetworkPolicy
                metadata: {name: api, namespace: backend}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  policyTypes: [Ingress, Egress]
                  ingress: [{ports: [{port: http}, {port: dns, protocol: UDP}]}]
                  egress: [{to: [{namespaceSelector: {}}], ports: [{port: pg}, {port: http}]}]
                """;
        Reachability engine = Reachability.of(Fixtures.load(Fixtures.BASE + policies));
        Map<String, ConnectionSet> computed = engine.connections().stream()
                .filter(c -> !Connection.isExternal(c.src()) && !Connection.isExternal(c.dst()))
                .collect(Collectors.toMap(c -> c.src() + " " + c.dst(), Connection::conns));
        List<Workload> workloads = engine.model().workloads();
        int checked = 0;
        for (Workload from : workloads) {
            for (Workload to : workloads) {
                if (from == to) {
                    continue;
                }
                ConnectionSet explained = engine.explain(from.id(), to.id(), null, null).allowedConns();
                assertThat(explained).as(from.id() + " => " + to.id())
                        .isEqualTo(computed.getOrDefault(from.id() + " " + to.id(), ConnectionSet.NONE));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(6);
        assertThat(computed.get("backend/api[Deployment] backend/db[Deployment]")).hasToString("TCP 5432");
        assertThat(computed).doesNotContainKey("backend/db[Deployment] backend/api[Deployment]");
    }
}
