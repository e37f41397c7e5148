package dev.kubeward.netpol;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark (a main, not a test): generates 5,000 workloads and 1,000 policies shaped like a
 * real multi-team cluster, then times parsing, full connectivity and explain queries.
 *
 * <p>Shape: 25 namespaces (one of them "monitoring") of 200 workloads each. Workloads carry
 * app/tier/version labels that repeat (replicated and canary deployments share labels) plus an
 * instance label on half of them, and named ports whose numbers differ between workloads. Every
 * namespace has a default-deny policy, a DNS egress policy and 38 allow policies mixing pod and
 * namespace selectors, matchExpressions, named ports, endPort ranges and ipBlocks with except.
 *
 * <p>Run: {@code ./mvnw -o -q -B test-compile && java -Xmx1g -cp "target/classes:target/test-classes:$(cat
 * target/netpol-bench.cp)" dev.kubeward.netpol.NetpolBenchmark} (see docs/netpol.md for building
 * the classpath file).
 */
public final class NetpolBenchmark {
    private static final int NAMESPACES = 25;
    private static final int WORKLOADS_PER_NAMESPACE = 200;
    private static final int ALLOW_POLICIES_PER_NAMESPACE = 38;
    private static final String[] TIERS = {"frontend", "backend", "db", "cache", "worker"};

    private NetpolBenchmark() {
    }

    public static void main(String[] args) {
        String yaml = generate();
        long start = System.nanoTime();
        List<JsonNode> objects = Fixtures.parseYaml(yaml);
        ClusterModel model = ManifestParser.parse(objects);
        long parsed = System.nanoTime();
        Reachability reachability = Reachability.of(model);
        List<Connection> connections = reachability.connections();
        long computed = System.nanoTime();

        Explanation explanation = reachability.explain("ns-3/w-7", "ns-3/w-12", Protocol.TCP, 8002);
        long explained = System.nanoTime();
        int queries = 100;
        for (int i = 0; i < queries; i++) {
            reachability.explain(namespaceName(i % NAMESPACES) + "/w-" + i,
                    namespaceName((i + 1) % NAMESPACES) + "/w-" + (i * 3 % WORKLOADS_PER_NAMESPACE),
                    Protocol.TCP, 8000 + i % 10);
        }
        long explainedMany = System.nanoTime();

        long externalLines = connections.stream().filter(c -> Connection.isExternal(c.src()) || Connection.isExternal(c.dst())).count();
        System.out.printf("workloads=%d policies=%d namespaces=%d podClasses=%d externalRanges=%d+%d%n",
                model.workloads().size(), model.policies().size(), model.namespaces().size(),
                reachability.podClassCount(), reachability.externalRanges(Direction.INGRESS).size(),
                reachability.externalRanges(Direction.EGRESS).size());
        System.out.printf("connections=%d (with external endpoints: %d)%n", connections.size(), externalLines);
        System.out.printf("parse (YAML -> model): %d ms%n", millis(start, parsed));
        System.out.printf("full connectivity: %d ms%n", millis(parsed, computed));
        System.out.printf("first explain: %.2f ms -> %s%n", (explained - computed) / 1e6,
                explanation.toText().lines().findFirst().orElse(""));
        System.out.printf("explain average over %d queries: %.3f ms%n", queries, (explainedMany - explained) / 1e6 / queries);
        System.out.printf("peak heap: %d MB (max heap %d MB)%n", peakHeapMb(), Runtime.getRuntime().maxMemory() >> 20);
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    /** Multi-document YAML for the whole cluster. */
    static String generate() {
        StringBuilder out = new StringBuilder();
        List<String> documents = new ArrayList<>();
        documents.add("kind: Namespace\nmetadata: {name: kube-system}\n");
        for (int n = 0; n < NAMESPACES; n++) {
            String namespace = namespaceName(n);
            documents.add("kind: Namespace\nmetadata: {name: " + namespace + ", labels: {team: t" + (n % 5)
                    + ", env: " + (n % 2 == 0 ? "prod" : "staging") + "}}\n");
            for (int w = 0; w < WORKLOADS_PER_NAMESPACE; w++) {
                documents.add(workload(namespace, n, w));
            }
            documents.add(defaultDeny(namespace));
            documents.add(dnsEgress(namespace));
            for (int p = 0; p < ALLOW_POLICIES_PER_NAMESPACE; p++) {
                documents.add(allowPolicy(namespace, n, p));
            }
        }
        for (String document : documents) {
            out.append("---\n").append(document);
        }
        return out.toString();
    }

    /** Namespace 0 hosts the Prometheus workloads other namespaces admit for metrics. */
    private static String namespaceName(int n) {
        return n == 0 ? "monitoring" : "ns-" + n;
    }

    private static String workload(String namespace, int n, int w) {
        String app = n == 0 && w < 4 ? "prometheus" : "app-" + (w % 50);
        String tier = TIERS[w % TIERS.length];
        String instance = w % 2 == 0 ? ", app.kubernetes.io/instance: w-" + w : "";
        String kind = w % 10 == 0 ? "StatefulSet" : "Deployment";
        return "kind: " + kind + "\nmetadata: {name: w-" + w + ", namespace: " + namespace + "}\n"
                + "spec: {template: {metadata: {labels: {app: " + app + ", tier: " + tier + ", version: v" + (w % 2)
                + instance + "}}, spec: {containers: [{name: c, ports: [{name: http, containerPort: " + (8000 + w % 10)
                + "}, {name: metrics, containerPort: 9090}, {containerPort: 5432}]}]}}}\n";
    }

    private static String defaultDeny(String namespace) {
        return "kind: NetworkPolicy\nmetadata: {name: default-deny, namespace: " + namespace + "}\n"
                + "spec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n";
    }

    private static String dnsEgress(String namespace) {
        return "kind: NetworkPolicy\nmetadata: {name: allow-dns, namespace: " + namespace + "}\n"
                + "spec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n"
                + "  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}},"
                + " podSelector: {matchLabels: {k8s-app: kube-dns}}}]\n"
                + "    ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]\n";
    }

    /**
     * Five rule shapes, rotated, so selectors, named ports and ipBlocks all appear in volume.
     * Apps are laid out so that app-k has tier TIERS[k % 5]; the shapes use that to connect
     * frontends to backends, backends to databases, Prometheus to metrics ports and workers to
     * caches of the next team.
     */
    private static String allowPolicy(String namespace, int n, int p) {
        String header = "kind: NetworkPolicy\nmetadata: {name: allow-" + p + ", namespace: " + namespace + "}\nspec:\n";
        if (n == 0 && p == 2) {
            return header + "  podSelector: {matchLabels: {app: prometheus}}\n  policyTypes: [Egress]\n  egress:\n"
                    + "  - to: [{namespaceSelector: {}}]\n    ports: [{port: metrics}]\n";
        }
        return header + switch (p % 5) {
            case 0 -> "  podSelector: {matchExpressions: [{key: tier, operator: In, values: [backend]},"
                    + " {key: app, operator: In, values: [app-" + (p + 1) + ", app-" + (p + 6) + ", app-" + (p + 11) + "]}]}\n"
                    + "  ingress:\n"
                    + "  - from: [{podSelector: {matchLabels: {tier: frontend}}},"
                    + " {namespaceSelector: {matchLabels: {team: t" + (n % 5) + "}}, podSelector: {matchLabels: {app: app-" + p + "}}}]\n"
                    + "    ports: [{port: http}]\n";
            case 1 -> "  podSelector: {matchExpressions: [{key: app, operator: In, values: [app-" + p + ", app-" + (p + 1) + "]}]}\n"
                    + "  policyTypes: [Ingress, Egress]\n  ingress:\n"
                    + "  - from: [{namespaceSelector: {}, podSelector: {matchLabels: {tier: backend}}}]\n    ports: [{port: 5432}]\n"
                    + "  egress:\n"
                    + "  - to: [{namespaceSelector: {matchLabels: {env: prod}}, podSelector: {matchLabels: {tier: db}}}]\n"
                    + "    ports: [{port: 5432}]\n";
            case 2 -> "  podSelector: {matchLabels: {app: app-" + p + "}}\n  ingress:\n"
                    + "  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}},"
                    + " podSelector: {matchLabels: {app: prometheus}}}]\n    ports: [{port: metrics}]\n";
            case 3 -> "  podSelector: {matchLabels: {tier: frontend, version: v" + (p % 2) + "}}\n"
                    + "  policyTypes: [Ingress, Egress]\n  ingress:\n"
                    + "  - from: [{ipBlock: {cidr: 203.0." + (p % 256) + ".0/24}}]\n    ports: [{port: 8000, endPort: 8009}]\n"
                    + "  egress:\n  - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12]}}]\n"
                    + "    ports: [{port: 443}]\n  - to: [{podSelector: {matchLabels: {tier: backend}}}]\n    ports: [{port: http}]\n";
            default -> "  podSelector: {matchExpressions: [{key: app, operator: NotIn, values: [app-" + p + "]},"
                    + " {key: version, operator: Exists}, {key: tier, operator: In, values: [worker, cache]}]}\n"
                    + "  policyTypes: [Ingress, Egress]\n  ingress:\n"
                    + "  - from: [{namespaceSelector: {}, podSelector: {matchLabels: {tier: worker}}}]\n"
                    + "  egress:\n  - to: [{namespaceSelector: {matchLabels: {team: t" + ((n + 1) % 5) + "}},"
                    + " podSelector: {matchLabels: {tier: cache, version: v0}}}]\n    ports: [{protocol: UDP}]\n";
        };
    }
}
