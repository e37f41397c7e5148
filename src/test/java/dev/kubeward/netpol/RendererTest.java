package dev.kubeward.netpol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RendererTest {
    private final List<Connection> connections = Reachability.compute(Fixtures.resource("minimal.yaml"));

    /** Classes with two members, external ranges both ways, and the ingress controller as a source. */
    private static final String RICH = """
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}}}
            ---
            kind: Deployment
            metadata: {name: web-b, namespace: shop}
            spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}}}
            ---
            kind: StatefulSet
            metadata: {name: db, namespace: data}
            spec: {template: {metadata: {labels: {app: db}}, spec: {containers: [{name: c}]}}}
            ---
            kind: Deployment
            metadata: {name: a-first, namespace: zeta}
            spec: {template: {metadata: {labels: {app: z}}, spec: {containers: [{name: c}]}}}
            ---
            kind: NetworkPolicy
            metadata: {name: db, namespace: data}
            spec:
              podSelector: {matchLabels: {app: db}}
              policyTypes: [Ingress, Egress]
              ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}}, {ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}], ports: [{port: 5432}]}]
              egress: [{to: [{ipBlock: {cidr: 192.0.2.0/24}}]}]
            ---
            kind: Service
            metadata: {name: web, namespace: shop}
            spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}
            ---
            kind: Ingress
            metadata: {name: web, namespace: shop}
            spec: {rules: [{http: {paths: [{path: /, backend: {service: {name: web, port: {number: 80}}}}]}}]}
            """;

    @Test
    void streamingSourceBySourceWritesExactlyWhatTheSortedListWould() throws Exception {
        for (ClusterModel model : List.of(Fixtures.resource("minimal.yaml"), Fixtures.load(RICH))) {
            Reachability reachability = Reachability.of(model);
            List<Connection> list = reachability.connections();
            assertThat(list).isNotEmpty().isSortedAccordingTo(java.util.Comparator.naturalOrder());
            List<Connection> streamed = new java.util.ArrayList<>();
            reachability.forEachConnection(streamed::add);
            assertThat(streamed).isEqualTo(list);
            for (OutputFormat format : OutputFormat.values()) {
                for (ConnectivityFilter filter : List.of(ConnectivityFilter.NONE,
                        new ConnectivityFilter("web", Set.of()), new ConnectivityFilter(null, Set.of("data")))) {
                    java.io.StringWriter out = new java.io.StringWriter();
                    ConnectivityRenderer.stream(reachability::forEachConnection, format, filter, List.of(), out);
                    assertThat(out.toString()).as(format + " " + filter)
                            .isEqualTo(ConnectivityRenderer.render(list, format, filter));
                }
            }
        }
        List<String> rich = Reachability.of(Fixtures.load(RICH)).connections().stream().map(Connection::toString).toList();
        assertThat(rich).contains("{ingress-controller} => shop/web[Deployment] : TCP 8080",
                "shop/web[Deployment] => shop/web-b[Deployment] : All Connections");
        assertThat(rich).anyMatch(line -> line.endsWith("[External] => data/db[StatefulSet] : TCP 5432"));
        assertThat(rich).anyMatch(line -> line.startsWith("data/db[StatefulSet] => 192.0.2.0-192.0.2.255[External]"));
    }

    @Test
    void txtMatchesGoldenFile() {
        assertThat(ConnectivityRenderer.render(connections, OutputFormat.TXT, ConnectivityFilter.NONE))
                .isEqualTo(Fixtures.resourceText("minimal.txt"));
    }

    @Test
    void dotGroupsWorkloadsByNamespaceAndMatchesGoldenFile() {
        assertThat(ConnectivityRenderer.render(connections, OutputFormat.DOT, ConnectivityFilter.NONE))
                .isEqualTo(Fixtures.resourceText("minimal.dot"));
    }

    @Test
    void jsonHasSrcDstConnObjects() throws Exception {
        JsonNode json = new ObjectMapper().readTree(
                ConnectivityRenderer.render(connections, OutputFormat.JSON, ConnectivityFilter.NONE));
        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(4);
        assertThat(json.get(2).get("src").asText()).isEqualTo("default/frontend[Deployment]");
        assertThat(json.get(2).get("dst").asText()).isEqualTo("default/backend[Deployment]");
        assertThat(json.get(2).get("conn").asText()).isEqualTo("TCP 9090");
    }

    /** netpol-analyzer writes json.MarshalIndent(lines, "", "  ") (pkg/netpol/connlist/conns_formatter_json.go). */
    @Test
    void jsonIsLaidOutAsGoMarshalIndent() {
        List<Connection> lines = List.of(
                new Connection("a/x[Pod]", "a/y[Pod]", ConnectionSet.of(Protocol.TCP, 9090)),
                new Connection("a/y[Pod]", "0.0.0.0-255.255.255.255[External]", ConnectionSet.ALL));
        assertThat(ConnectivityRenderer.render(lines, OutputFormat.JSON, ConnectivityFilter.NONE)).isEqualTo("""
                [
                  {
                    "src": "a/x[Pod]",
                    "dst": "a/y[Pod]",
                    "conn": "TCP 9090"
                  },
                  {
                    "src": "a/y[Pod]",
                    "dst": "0.0.0.0-255.255.255.255[External]",
                    "conn": "All Connections"
                  }
                ]
                """);
        assertThat(ConnectivityRenderer.render(List.of(), OutputFormat.JSON, ConnectivityFilter.NONE)).isEqualTo("[]\n");
    }

    /** encoding/json escapes quotes, backslashes, controls and, by default, <, > and &. */
    @Test
    void jsonStringsAreEscapedAsGoEscapesThem() {
        assertThat(ConnectivityRenderer.goJson("a\"b\\c<d>&e\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\u003cd\\u003e\\u0026e\\n\\u0001\"");
    }

    /**
     * netpol-analyzer's dot (connlist/conns_formatter_dot.go with internal/dotformatting): every
     * workload of the input is a node, connected or not; namespace groups are named cluster_ with
     * '-' written '_'; edges weigh 0.5 when the source sorts first, else 1.
     */
    @Test
    void dotDrawsEveryWorkloadAndNamesGroupsAsNetpolAnalyzer() {
        List<Workload> workloads = List.of(
                new Workload("kube-system", "dns", "Deployment", Map.of(), List.of(), null),
                new Workload("kube-system", "lonely", "DaemonSet", Map.of(), List.of(), null));
        List<Connection> lines = List.of(new Connection("kube-system/dns[Deployment]",
                "0.0.0.0-255.255.255.255[External]", ConnectionSet.of(Protocol.UDP, 53)));
        assertThat(ConnectivityRenderer.render(lines, OutputFormat.DOT, ConnectivityFilter.NONE, workloads)).isEqualTo("""
                digraph {
                \tsubgraph cluster_kube_system {
                \t\t"kube-system/dns[Deployment]" [label="dns[Deployment]" color="blue" fontcolor="blue"]
                \t\t"kube-system/lonely[DaemonSet]" [label="lonely[DaemonSet]" color="blue" fontcolor="blue"]
                \t\tlabel="kube-system"
                \t}
                \t"0.0.0.0-255.255.255.255[External]" [label="0.0.0.0-255.255.255.255[External]" color="red2" fontcolor="red2"]
                \t"kube-system/dns[Deployment]" -> "0.0.0.0-255.255.255.255[External]" [label="UDP 53" color="gold2" fontcolor="darkgreen" weight=1]
                }
                """);
        // A focus workload keeps only its own node, as netpol-analyzer's peersList does.
        assertThat(ConnectivityRenderer.render(lines, OutputFormat.DOT, new ConnectivityFilter("dns", Set.of()), workloads))
                .doesNotContain("lonely");
    }

    @Test
    void csvQuotesConnectionSetsWithCommas() {
        List<Connection> lines = List.of(new Connection("a/x[Pod]", "a/y[Pod]",
                ConnectionSet.of(Protocol.TCP, 9090).union(ConnectionSet.of(Protocol.UDP, 53))));
        assertThat(ConnectivityRenderer.render(lines, OutputFormat.CSV, ConnectivityFilter.NONE))
                .isEqualTo("src,dst,conn\na/x[Pod],a/y[Pod],\"TCP 9090,UDP 53\"\n");
    }

    @Test
    void markdownIsATable() {
        String md = ConnectivityRenderer.render(connections, OutputFormat.MD, ConnectivityFilter.NONE);
        assertThat(md.lines().toList()).startsWith("| src | dst | conn |", "|-----|-----|------|",
                "| 0.0.0.0-255.255.255.255[External] | default/frontend[Deployment] | TCP 8080 |");
    }

    @Test
    void focusWorkloadKeepsLinesTouchingIt() {
        String txt = ConnectivityRenderer.render(connections, OutputFormat.TXT, new ConnectivityFilter("backend", Set.of()));
        assertThat(txt).isEqualTo("default/frontend[Deployment] => default/backend[Deployment] : TCP 9090\n");
        String byId = ConnectivityRenderer.render(connections, OutputFormat.TXT,
                new ConnectivityFilter("default/backend[Deployment]", Set.of()));
        assertThat(byId).isEqualTo(txt);
    }

    @Test
    void namespaceFilterDropsLinesOutsideTheNamespaces() {
        List<Connection> lines = List.of(
                new Connection("a/x[Pod]", "b/y[Pod]", ConnectionSet.ALL),
                new Connection("c/z[Pod]", "0.0.0.0-255.255.255.255[External]", ConnectionSet.ALL));
        assertThat(new ConnectivityFilter(null, Set.of("b")).apply(lines)).containsExactly(lines.get(0));
        assertThat(new ConnectivityFilter(null, Set.of("d")).apply(lines)).isEmpty();
    }

    @Test
    void diffTextUsesNetpolAnalyzerWording() {
        List<Connection> before = List.of(new Connection("a/x[Pod]", "a/y[Pod]", ConnectionSet.of(Protocol.TCP, 9090)));
        List<Connection> after = List.of(new Connection("a/x[Pod]", "a/y[Pod]",
                ConnectionSet.of(Protocol.TCP, 9090).union(ConnectionSet.of(Protocol.UDP, 53))));
        assertThat(ConnectivityRenderer.renderDiff(Reachability.diff(before, after))).isEqualTo("""
                Connectivity diff:
                diff-type: changed, source: a/x[Pod], destination: a/y[Pod], dir1: TCP 9090, dir2: TCP 9090,UDP 53
                """);
    }
}
