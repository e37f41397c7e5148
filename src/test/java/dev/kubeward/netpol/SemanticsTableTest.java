package dev.kubeward.netpol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One row per NetworkPolicy semantic edge, over the three workloads of {@link Fixtures#BASE}:
 * W = frontend/web (http 8080), A = backend/api (tier=app, http 9090, dns UDP 5353),
 * D = backend/db (pg 5432); X = the whole IPv4 external space. Expected lines use those
 * abbreviations; {@code scope} limits the comparison to lines touching one endpoint.
 */
class SemanticsTableTest {

    private static final Map<String, String> NAMES = Map.of(
            "W", "frontend/web[Deployment]",
            "A", "backend/api[Deployment]",
            "D", "backend/db[Deployment]",
            "X", "0.0.0.0-255.255.255.255[External]");

    private static final List<String> BASELINE = List.of(
            "X => A : All Connections", "X => D : All Connections", "X => W : All Connections",
            "A => X : All Connections", "A => D : All Connections", "A => W : All Connections",
            "D => X : All Connections", "D => A : All Connections", "D => W : All Connections",
            "W => X : All Connections", "W => A : All Connections", "W => D : All Connections");

    private static final String DB_POLICY = """
            kind: NetworkPolicy
            apiVersion: networking.k8s.io/v1
            metadata: {name: db-policy, namespace: backend}
            spec:
              podSelector: {matchLabels: {app: db}}
            """;

    static Stream<Arguments> rows() {
        return Stream.of(
                row("no policy: everything allowed, external included", "", null, BASELINE),
                row("policyTypes absent, no egress: isolates ingress only", DB_POLICY, null,
                        without("X => D", "A => D", "W => D")),
                row("policyTypes absent with egress: [] does not isolate egress", DB_POLICY + "  egress: []\n", null,
                        without("X => D", "A => D", "W => D")),
                row("policyTypes absent with an egress rule isolates egress too", DB_POLICY + """
                          egress: [{to: [{podSelector: {matchLabels: {app: api}}}]}]
                        """, null, List.of("X => A : All Connections", "X => W : All Connections",
                        "A => X : All Connections", "A => W : All Connections", "D => A : All Connections",
                        "W => X : All Connections", "W => A : All Connections")),
                row("policyTypes [Egress] without rules denies egress, ingress stays open", DB_POLICY + """
                          policyTypes: [Egress]
                        """, null, without("D => X", "D => A", "D => W")),
                row("an empty rule {} allows everything", DB_POLICY + """
                          policyTypes: [Ingress, Egress]
                          ingress: [{}]
                          egress: [{}]
                        """, null, BASELINE),
                row("from: [] allows every source, external included, on the listed port", DB_POLICY + """
                          ingress: [{from: [], ports: [{port: 5432}]}]
                        """, "D", List.of("X => D : TCP 5432", "A => D : TCP 5432", "D => X : All Connections",
                        "D => A : All Connections", "D => W : All Connections", "W => D : TCP 5432")),
                row("podSelector alone selects pods of the policy's namespace only", DB_POLICY + """
                          ingress: [{from: [{podSelector: {}}]}]
                        """, null, without("X => D", "W => D")),
                row("namespaceSelector and podSelector in one peer are ANDed", DB_POLICY + """
                          ingress: [{from: [{namespaceSelector: {matchLabels: {team: web}}, podSelector: {matchLabels: {app: api}}}]}]
                        """, null, without("X => D", "A => D", "W => D")),
                row("separate peers are ORed", DB_POLICY + """
                          ingress: [{from: [{namespaceSelector: {matchLabels: {team: web}}}, {podSelector: {matchLabels: {app: api}}}]}]
                        """, null, without("X => D")),
                row("namespaceSelector {} selects all namespaces but nothing external", DB_POLICY + """
                          ingress: [{from: [{namespaceSelector: {}}]}]
                        """, null, without("X => D")),
                row("namespaces match on the implicit kubernetes.io/metadata.name label", DB_POLICY + """
                          ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: frontend}}}]}]
                        """, null, without("X => D", "A => D")),
                row("NotIn matches pods that lack the key", DB_POLICY + """
                          ingress: [{from: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: tier, operator: NotIn, values: [app]}]}}]}]
                        """, null, without("X => D", "A => D")),
                row("Exists and In are ANDed with each other", DB_POLICY + """
                          ingress: [{from: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: tier, operator: Exists}, {key: app, operator: In, values: [api, web]}]}}]}]
                        """, null, without("X => D", "W => D")),
                row("DoesNotExist on a key every namespace has selects nothing", DB_POLICY + """
                          ingress: [{from: [{namespaceSelector: {matchExpressions: [{key: team, operator: DoesNotExist}]}}]}]
                        """, null, without("X => D", "A => D", "W => D")),
                row("ipBlock with except carves the external space into named ranges", DB_POLICY + """
                          ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]}]
                        """, "->D", List.of("10.0.0.0-10.0.255.255[External] => D : All Connections",
                        "10.2.0.0-10.255.255.255[External] => D : All Connections")),
                row("ipBlock 0.0.0.0/0 does not select in-cluster workloads", DB_POLICY + """
                          ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]
                        """, "->D", List.of("X => D : All Connections")),
                row("IPv6 ipBlocks add IPv6 external ranges", DB_POLICY + """
                          ingress: [{from: [{ipBlock: {cidr: "2001:db8::/32"}}]}]
                        """, "->D", List.of("2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff[External] => D : All Connections")),
                row("named egress port resolves per destination and never on external addresses", """
                        kind: NetworkPolicy
                        metadata: {name: web-out, namespace: frontend}
                        spec:
                          podSelector: {}
                          policyTypes: [Egress]
                          egress: [{ports: [{port: http}]}]
                        """, "W", List.of("X => W : All Connections", "A => W : All Connections",
                        "D => W : All Connections", "W => A : TCP 9090")),
                row("named ingress port resolves on the destination with its protocol", """
                        kind: NetworkPolicy
                        metadata: {name: backend-in, namespace: backend}
                        spec:
                          podSelector: {}
                          ingress: [{ports: [{port: http}, {port: dns, protocol: UDP}, {port: pg, protocol: UDP}]}]
                        """, "->A", List.of("X => A : TCP 9090,UDP 5353", "D => A : TCP 9090,UDP 5353",
                        "W => A : TCP 9090,UDP 5353")),
                row("endPort ranges, UDP, SCTP and the TCP default", DB_POLICY + """
                          ingress: [{ports: [{port: 5000, endPort: 5010}, {protocol: UDP, port: 53}, {protocol: SCTP}]}]
                        """, "->D", List.of("X => D : SCTP 1-65535,TCP 5000-5010,UDP 53",
                        "A => D : SCTP 1-65535,TCP 5000-5010,UDP 53", "W => D : SCTP 1-65535,TCP 5000-5010,UDP 53")),
                row("traffic needs the source's egress and the destination's ingress", """
                        kind: NetworkPolicy
                        metadata: {name: web-out, namespace: frontend}
                        spec:
                          podSelector: {}
                          policyTypes: [Egress]
                          egress: [{ports: [{port: 9090}, {port: 5432}]}]
                        ---
                        """ + DB_POLICY + """
                          ingress: [{ports: [{port: 5432}, {port: 6000}]}]
                        """, "W", List.of("X => W : All Connections", "A => W : All Connections",
                        "D => W : All Connections", "W => X : TCP 5432,9090", "W => A : TCP 5432,9090",
                        "W => D : TCP 5432")),
                row("policies and rules are additive", DB_POLICY + """
                          ingress: [{from: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 5432}]}]
                        ---
                        kind: NetworkPolicy
                        metadata: {name: db-from-web, namespace: backend}
                        spec:
                          podSelector: {matchLabels: {app: db}}
                          ingress:
                          - from: [{namespaceSelector: {matchLabels: {team: web}}}]
                            ports: [{port: 5433}]
                          - from: [{namespaceSelector: {}}]
                            ports: [{port: 7000}]
                        """, "->D", List.of("A => D : TCP 5432,7000", "W => D : TCP 5433,7000")),
                // netpol-analyzer cuts the external space per side (eval/resources.go getDisjointIPBlocks):
                // sources by the ipBlocks of ingress rules, destinations by those of egress rules, and does
                // not merge adjacent ranges of one pair (test_outputs/connlist/ipblockstest_connlist_output.txt).
                row("egress ipBlocks cut only the destinations, for every source, without merging", DB_POLICY + """
                          policyTypes: [Egress]
                          egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}]
                        """, "A", List.of("X => A : All Connections", "A => 0.0.0.0-9.255.255.255[External] : All Connections",
                        "A => 10.0.0.0-10.255.255.255[External] : All Connections",
                        "A => 11.0.0.0-255.255.255.255[External] : All Connections", "A => D : All Connections",
                        "A => W : All Connections", "W => A : All Connections")),
                row("an egress ipBlock allows only its range to the isolated source", DB_POLICY + """
                          policyTypes: [Egress]
                          egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}]
                        """, "D", List.of("X => D : All Connections", "A => D : All Connections",
                        "D => 10.0.0.0-10.255.255.255[External] : All Connections", "W => D : All Connections")),
                row("ingress ipBlocks cut only the sources", DB_POLICY + """
                          ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}}]}]
                        """, "A", List.of("0.0.0.0-9.255.255.255[External] => A : All Connections",
                        "10.0.0.0-10.255.255.255[External] => A : All Connections",
                        "11.0.0.0-255.255.255.255[External] => A : All Connections", "A => X : All Connections",
                        "A => W : All Connections", "D => A : All Connections", "W => A : All Connections")),
                // tests/with_end_port_example: port 1, endPort 65535 on UDP, TCP and SCTP lists as All Connections.
                row("every port of every protocol is All Connections", DB_POLICY + """
                          ingress: [{ports: [{port: 1, endPort: 65535, protocol: UDP}, {port: 1, endPort: 65535, protocol: TCP},
                                             {port: 1, endPort: 65535, protocol: SCTP}]}]
                        """, "->D", List.of("X => D : All Connections", "A => D : All Connections", "W => D : All Connections")),
                row("a policy selects pods of its own namespace only", """
                        kind: NetworkPolicy
                        metadata: {name: deny-db, namespace: frontend}
                        spec:
                          podSelector: {matchLabels: {app: db}}
                          policyTypes: [Ingress, Egress]
                        """, null, BASELINE));
    }

    private static Arguments row(String name, String policies, String scope, List<String> expected) {
        return Arguments.of(name, policies, scope, expected);
    }

    /** The baseline without the lines whose "src => dst" starts are given. */
    private static List<String> without(String... pairs) {
        List<String> lines = new ArrayList<>(BASELINE);
        lines.removeIf(line -> Arrays.stream(pairs).anyMatch(pair -> line.startsWith(pair + " :")));
        return lines;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void connectivityMatchesKubernetesSemantics(String name, String policies, String scope, List<String> expected) {
        List<String> actual = Fixtures.lines(Fixtures.load(Fixtures.BASE + "---\n" + policies));
        List<String> wanted = expected.stream().map(SemanticsTableTest::expand).toList();
        if (scope != null) {
            boolean destinationOnly = scope.startsWith("->");
            String endpoint = NAMES.get(destinationOnly ? scope.substring(2) : scope);
            actual = actual.stream().filter(line -> {
                String[] parts = line.split(" => | : ");
                return parts[1].equals(endpoint) || (!destinationOnly && parts[0].equals(endpoint));
            }).toList();
        }
        // Expected rows are written in output order, so this also checks the sort.
        assertThat(actual).containsExactlyElementsOf(wanted);
    }

    private static String expand(String line) {
        String[] parts = line.split(" => | : ", 3);
        return NAMES.getOrDefault(parts[0], parts[0]) + " => " + NAMES.getOrDefault(parts[1], parts[1]) + " : " + parts[2];
    }
}
