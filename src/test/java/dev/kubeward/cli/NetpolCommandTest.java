package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NetpolCommandTest {
    private static final String DIR = "src/test/resources/netpol-cli/";
    private static final String SHOP = DIR + "shop";
    private static final String SHOP_V2 = DIR + "shop-v2";

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void withoutSubcommandPrintsUsageNamingTheSubcommands() {
        Run r = run("netpol");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("reach", "explain", "diff");
    }

    @Nested
    class Reach {
        @Test
        void listsEveryAllowedConnectionSorted() {
            Run r = run("netpol", "reach", SHOP);
            assertThat(r.exit()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).isEqualTo("""
                    0.0.0.0-255.255.255.255[External] => shop/frontend[Deployment] : TCP 80
                    shop/backend[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections
                    shop/backend[Deployment] => shop/db[StatefulSet] : TCP 5432
                    shop/backend[Deployment] => shop/frontend[Deployment] : TCP 80
                    shop/db[StatefulSet] => 0.0.0.0-255.255.255.255[External] : All Connections
                    shop/db[StatefulSet] => shop/frontend[Deployment] : TCP 80
                    shop/frontend[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections
                    shop/frontend[Deployment] => shop/backend[Deployment] : TCP 8080
                    """);
        }

        @Test
        void focusWorkloadKeepsItsConnectionsInMarkdown() {
            Run r = run("netpol", "reach", SHOP, "--format", "md", "--focus-workload", "shop/db");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo("""
                    | src | dst | conn |
                    |-----|-----|------|
                    | shop/backend[Deployment] | shop/db[StatefulSet] | TCP 5432 |
                    | shop/db[StatefulSet] | 0.0.0.0-255.255.255.255[External] | All Connections |
                    | shop/db[StatefulSet] | shop/frontend[Deployment] | TCP 80 |
                    """);
        }

        @Test
        void jsonHasOneObjectPerLine() throws Exception {
            Run r = run("netpol", "reach", SHOP, "-f", "json", "--namespace", "shop");
            JsonNode lines = new ObjectMapper().readTree(r.out()).get("connections");
            assertThat(lines.size()).isEqualTo(8);
            assertThat(lines.get(7).path("src").asText()).isEqualTo("shop/frontend[Deployment]");
            assertThat(lines.get(7).path("conn").asText()).isEqualTo("TCP 8080");
        }

        @Test
        void namespaceFilterWithNoMatchPrintsNothing() {
            Run r = run("netpol", "reach", SHOP, "--namespace", "billing");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEmpty();
        }

        @Test
        void dotGroupsWorkloadsByNamespace() {
            Run r = run("netpol", "reach", SHOP, "--format", "dot");
            assertThat(r.out()).startsWith("digraph {").contains("\tsubgraph cluster_shop {\n");
        }

        @Test
        void unknownFocusWorkloadIsAnErrorWithCloseNames() {
            Run r = run("netpol", "reach", SHOP, "--focus-workload", "shop/backed");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("--focus-workload shop/backed: no such workload")
                    .contains("did you mean shop/backend[Deployment]?");
        }

        @Test
        void unknownFormatIsAUsageError() {
            assertThat(run("netpol", "reach", SHOP, "--format", "png").exit()).isEqualTo(2);
        }
    }

    @Nested
    class Explain {
        @Test
        void allowedNamesTheRuleAndWhereItIs() {
            Run r = run("netpol", "explain", "--from", "shop/frontend", "--to", "shop/backend", "--port", "8080/TCP", SHOP);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo("""
                    ALLOWED shop/frontend[Deployment] => shop/backend[Deployment] : TCP 8080
                      egress of shop/frontend[Deployment]: not isolated for Egress (no policy selects it): allowed by default
                      ingress of shop/backend[Deployment]: isolated for Ingress by [shop/default-deny, shop/backend]; allowed: TCP 8080
                        allowed by shop/backend Ingress rule #0 (spec.ingress[0]): TCP 8080 at %s/policies.yaml:23
                    """.formatted(SHOP));
        }

        @Test
        void deniedExitsOneAndNamesTheIsolatingPolicies() {
            Run r = run("netpol", "explain", "--from", "shop/frontend", "--to", "shop/db", SHOP);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).startsWith("DENIED shop/frontend[Deployment] => shop/db[StatefulSet] : any connection\n")
                    .contains("no Ingress rule matches shop/frontend[Deployment]")
                    .contains("isolated by shop/default-deny at " + SHOP + "/policies.yaml:6")
                    .contains("isolated by shop/db at " + SHOP + "/policies.yaml:30");
        }

        @Test
        void anotherPortOfAnAllowedPairIsDenied() {
            Run r = run("netpol", "explain", "--from", "shop/frontend", "--to", "shop/backend[Deployment]", "--port", "9090", SHOP);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).startsWith("DENIED ");
        }

        @Test
        void protocolAloneAsksAboutEveryPortOfIt() {
            Run r = run("netpol", "explain", "--from", "shop/frontend", "--to", "shop/backend", "-p", "udp", SHOP);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).startsWith("DENIED shop/frontend[Deployment] => shop/backend[Deployment] : UDP 1-65535");
        }

        @Test
        void anAddressIsAnEndpointOutsideTheCluster() {
            Run r = run("netpol", "explain", "--from", "203.0.113.7", "--to", "shop/frontend", "--port", "80/TCP", SHOP);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("outside the cluster").contains("allowed by shop/frontend Ingress rule #0");
        }

        @Test
        void unknownWorkloadIsAnErrorWithCloseNames() {
            Run r = run("netpol", "explain", "--from", "shop/fronted", "--to", "shop/db", SHOP);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("kubeward: error: --from shop/fronted: no such workload in the input; "
                    + "did you mean shop/frontend[Deployment]?\n");
        }

        @Test
        void farOffNameListsTheWorkloads() {
            Run r = run("netpol", "explain", "--from", "shop/frontend", "--to", "payments", SHOP);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("--to payments: no such workload")
                    .contains("shop/backend[Deployment], shop/db[StatefulSet], shop/frontend[Deployment]");
        }

        @Test
        void badPortIsAUsageError() {
            Run r = run("netpol", "explain", "--from", "shop/frontend", "--to", "shop/db", "--port", "99999", SHOP);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("--port 99999: expected PORT[/PROTOCOL]");
        }
    }

    @Nested
    class Diff {
        @Test
        void listsChangedAddedAndRemovedPairs() {
            Run r = run("netpol", "diff", SHOP, SHOP_V2);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo("""
                    Connectivity diff:
                    diff-type: changed, source: shop/frontend[Deployment], destination: shop/backend[Deployment], dir1: TCP 8080, dir2: TCP 8080,9090
                    diff-type: added, source: shop/frontend[Deployment], destination: shop/db[StatefulSet], dir1: No Connections, dir2: TCP 5432
                    diff-type: removed, source: shop/backend[Deployment], destination: shop/db[StatefulSet], dir1: TCP 5432, dir2: No Connections
                    """);
        }

        @Test
        void jsonCarriesTheDiffType() throws Exception {
            Run r = run("netpol", "diff", SHOP, SHOP_V2, "--format", "json");
            JsonNode entries = new ObjectMapper().readTree(r.out()).get("differences");
            assertThat(entries.size()).isEqualTo(3);
            assertThat(entries.get(1).path("diff-type").asText()).isEqualTo("added");
            assertThat(entries.get(1).path("dir2").asText()).isEqualTo("TCP 5432");
        }

        @Test
        void markdownIsATable() {
            Run r = run("netpol", "diff", SHOP, SHOP_V2, "-f", "md");
            assertThat(r.out()).startsWith("| diff-type | source | destination | dir1 | dir2 |\n")
                    .contains("| removed | shop/backend[Deployment] | shop/db[StatefulSet] | TCP 5432 | No Connections |");
        }

        @Test
        void noDifferenceStillExitsZero() {
            Run r = run("netpol", "diff", SHOP, SHOP);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo("Connectivity diff:\n");
        }

        @Test
        void inputErrorOnEitherSideExitsTwoAfterComparingTheRest() {
            Run r = run("netpol", "diff", SHOP, DIR + "shop-one-bad");
            assertThat(r.exit()).isEqualTo(2);
            // The rejected policy never applies, so the connectivity is shop's.
            assertThat(r.out()).isEqualTo("Connectivity diff:\n");
            assertThat(r.err()).contains(DIR + "shop-one-bad/egress.yaml:12: NetworkPolicy shop/no-internet: ");
        }
    }

    @Nested
    class HostNetwork {
        private static final String INPUT = DIR + "host-network";

        @Test
        void byDefaultListsHostNetworkPodsAsNetpolAnalyzerDoesAndSaysSo() {
            Run r = run("netpol", "reach", INPUT);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo("""
                    mon/agent[DaemonSet] => 0.0.0.0-255.255.255.255[External] : All Connections
                    mon/ui[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections
                    """);
            assertThat(r.err()).isEqualTo("kubeward: note: mon/agent[DaemonSet] uses the host network and is analysed "
                    + "as pod-network pods, as netpol-analyzer does; --host-network node analyses them as the node's "
                    + "address, which NetworkPolicy does not isolate and selectors do not match\n");
        }

        @Test
        void asTheNodeNoPolicyIsolatesThem() {
            Run r = run("netpol", "reach", INPUT, "--host-network", "node");
            assertThat(r.exit()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).isEqualTo("""
                    0.0.0.0-255.255.255.255[External] => mon/agent[DaemonSet] : All Connections
                    mon/agent[DaemonSet] => 0.0.0.0-255.255.255.255[External] : All Connections
                    mon/ui[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections
                    mon/ui[Deployment] => mon/agent[DaemonSet] : All Connections
                    """);
        }

        @Test
        void explainSaysWhyInNodeMode() {
            Run r = run("netpol", "explain", "--from", "mon/ui", "--to", "mon/agent", "--host-network", "node", INPUT);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("ingress of mon/agent[DaemonSet]: uses the host network");
        }
    }

    @Nested
    class InputErrors {
        @Test
        void rejectedPoliciesAreReportedAtTheirLineInTheApiServersWords() {
            Run r = run("netpol", "reach", DIR + "bad-policy");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo(DIR + "bad-policy/policy.yaml:9: NetworkPolicy shop/broken: "
                    + "spec.ingress[0].from[0].ipBlock.cidr: Invalid value: \"10.0.0.0/33\": must be a valid CIDR "
                    + "value, (e.g. 10.9.8.0/24 or 2001:db8::/64)\n"
                    + DIR + "bad-policy/policy.yaml:16: NetworkPolicy shop/bad-type: spec.policyTypes[1]: "
                    + "Unsupported value: \"Sideways\": supported values: \"Ingress\", \"Egress\"\n");
        }

        /** Issue 14: one invalid policy printed nothing; now it is reported and the rest is listed. */
        @Test
        void reachListsTheRestAfterReportingEveryErrorOfTheInvalidPolicy() {
            Run good = run("netpol", "reach", SHOP);
            Run r = run("netpol", "reach", DIR + "shop-one-bad");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEqualTo(good.out()).contains("shop/db[StatefulSet] => 0.0.0.0-255.255.255.255");
            assertThat(r.err()).isEqualTo(DIR + "shop-one-bad/egress.yaml:12: NetworkPolicy shop/no-internet: "
                    + "spec.egress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n"
                    + DIR + "shop-one-bad/egress.yaml:13: NetworkPolicy shop/no-internet: "
                    + "spec.egress[0].ports[1].protocol: Unsupported value: \"ICMP\": supported values: \"TCP\", "
                    + "\"UDP\", \"SCTP\"\n");
        }

        @Test
        void explainAnswersForTheRestAndExitsTwo() {
            Run r = run("netpol", "explain", "--from", "shop/db", "--to", "203.0.113.9", DIR + "shop-one-bad");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).startsWith("ALLOWED shop/db[StatefulSet] => 203.0.113.9[External]");
            assertThat(r.err()).contains("egress.yaml:12: NetworkPolicy shop/no-internet: ");
        }

        @Test
        void brokenYamlIsReportedAtItsLine() {
            Run r = run("netpol", "explain", "--from", "shop/web", "--to", "shop/db", DIR + "bad-yaml");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).startsWith(DIR + "bad-yaml/broken.yaml:5: ").doesNotContain("Exception");
        }

        @Test
        void missingPathIsAnInputError() {
            Run r = run("netpol", "reach", DIR + "no-such-dir");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("no such file or directory");
        }
    }
}
