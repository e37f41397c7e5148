package dev.kubeward.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** kubeward scan's checks share one engine and call it from several threads at once. */
class SharedReachabilityTest {

    @Test
    void lookupsOfUnknownNamespacesFromManyThreadsLeaveKnownLabelsIntact() {
        Reachability engine = Reachability.of(Fixtures.load(Fixtures.BASE));
        List<Map<String, String>> answers = IntStream.range(0, 20_000).parallel()
                .mapToObj(i -> engine.namespaceLabels(i % 2 == 0 ? "frontend" : "unknown-" + i))
                .toList();
        for (int i = 0; i < answers.size(); i++) {
            Map<String, String> expected = i % 2 == 0
                    ? Map.of("team", "web", Namespace.NAME_LABEL, "frontend")
                    : Map.of(Namespace.NAME_LABEL, "unknown-" + i);
            assertThat(answers.get(i)).as("lookup %d", i).isEqualTo(expected);
        }
        assertThat(engine.namespaceLabels("frontend")).containsEntry("team", "web");
    }

    @Test
    void analysesRunInParallelGiveTheSequentialAnswers() {
        String yaml = Fixtures.BASE + """
                ---
                kind: NetworkPolicy
                metadata: {name: deny-egress, namespace: backend}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress:
                    - to: [{namespaceSelector: {matchLabels: {team: web}}}]
                      ports: [{port: http}]
                """;
        PolicyAnalysis sequential = new PolicyAnalysis(Reachability.of(Fixtures.load(yaml)));
        List<Workload> expectedDns = sequential.workloadsWithoutDnsEgress();
        int expectedUnresolved = sequential.unresolvedNamedPorts().size();
        PolicyAnalysis shared = new PolicyAnalysis(Reachability.of(Fixtures.load(yaml)));
        IntStream.range(0, 200).parallel().forEach(i -> {
            assertThat(shared.workloadsWithoutDnsEgress()).extracting(Workload::id)
                    .isEqualTo(expectedDns.stream().map(Workload::id).toList());
            assertThat(shared.unresolvedNamedPorts()).hasSize(expectedUnresolved);
        });
    }
}
