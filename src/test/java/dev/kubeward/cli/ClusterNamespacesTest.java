package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.Resource;
import dev.kubeward.source.cluster.ListedKind;
import dev.kubeward.source.cluster.MockCluster;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code -n NS}, {@code -A} and neither read on every command that takes {@code --cluster},
 * from the mock API server's request log: the list paths asked for. A command that answers for
 * one namespace lists each namespaced kind in that namespace alone and the cluster-scoped kinds
 * (RBAC cluster roles and bindings, nodes, namespaces, webhooks) cluster-wide, as its engine needs
 * them; a command whose answer can depend on any namespace (who may do X: the pods that run as a
 * bound service account may be anywhere; what may connect: the source may be anywhere) lists
 * every kind cluster-wide whatever {@code -n} says, and {@code -n} keeps its meaning in the
 * question. {@code -A} and neither are the same: everything cluster-wide.
 */
class ClusterNamespacesTest {
    @TempDir
    static Path tmp;
    private static MockCluster cluster;
    private static String kubeconfig;
    private static String change;

    @BeforeAll
    static void start() throws Exception {
        cluster = new MockCluster();
        kubeconfig = cluster.kubeconfig(tmp, "kind-shop").toString();
        for (String dir : List.of("src/test/resources/rbac-cli/shop", "src/test/resources/netpol-cli/shop")) {
            for (Resource r : ClusterScanTest.servable(dir)) {
                try {
                    cluster.create(r);
                } catch (IllegalStateException alreadyThere) {
                    // The same Namespace in both directories.
                }
            }
        }
        Path c = Files.createDirectories(tmp.resolve("change"));
        Files.copy(Path.of("src/test/resources/netpol-cli/shop-v2/policies.yaml"), c.resolve("policies.yaml"));
        change = c.toString();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /** A command, and whether {@code -n} narrows what it reads. */
    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of(List.of("scan"), true),
                Arguments.of(List.of("pss", "--level", "restricted"), true),
                Arguments.of(List.of("images"), true),
                Arguments.of(List.of("rbac", "permissions", "sa:shop/app"), true),
                Arguments.of(List.of("rbac", "paths"), true),
                Arguments.of(List.of("netpol", "diff", "CHANGE"), true),
                Arguments.of(List.of("rbac", "who-can", "get", "secrets"), false),
                Arguments.of(List.of("rbac", "can", "sa:shop/app", "list", "pods"), false),
                Arguments.of(List.of("netpol", "reach"), false),
                Arguments.of(List.of("netpol", "explain", "--from", "shop/frontend", "--to", "shop/db"), false));
    }

    /** How many of the server's recorded requests were taken already. */
    private static int taken;

    /** The requests recorded since the last call. */
    private static List<RecordedRequest> drain() throws InterruptedException {
        List<RecordedRequest> out = new ArrayList<>();
        while (taken < cluster.server.getRequestCount()) {
            RecordedRequest r = cluster.server.takeRequest(5, TimeUnit.SECONDS);
            taken++;
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** The list paths (no query) that one run of the command asked for. */
    private static Set<String> listed(List<String> command, String... namespaceArgs) throws Exception {
        List<String> args = new ArrayList<>();
        command.forEach(a -> args.add(a.equals("CHANGE") ? change : a));
        args.addAll(List.of("--cluster", "--kubeconfig", kubeconfig));
        args.addAll(List.of(namespaceArgs));
        drain(); // what the seeding and earlier runs asked for
        CliRunner run = CliRunner.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isIn(0, 1);
        Set<String> paths = new TreeSet<>();
        for (RecordedRequest r : drain()) {
            if (r.getMethod().equals("GET") && r.getPath().contains("?limit=")) {
                paths.add(r.getPath().substring(0, r.getPath().indexOf('?')));
            }
        }
        return paths;
    }

    private static Set<String> paths(String namespace, boolean namespaced) {
        return ListedKind.DEFAULT.stream().filter(k -> k.namespaced() == namespaced).map(k -> k.path(namespace))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void dashNReadsTheNamespaceOrTheWholeClusterAndDashAIsTheDefault(List<String> command, boolean narrows) throws Exception {
        Set<String> everything = new TreeSet<>(paths(null, true));
        everything.addAll(paths(null, false));
        assertThat(listed(command)).as("no -n").isEqualTo(everything);
        assertThat(listed(command, "-A")).as("-A").isEqualTo(everything);
        Set<String> shop = listed(command, "-n", "shop");
        if (narrows) {
            Set<String> expected = new TreeSet<>(paths("shop", true));
            expected.addAll(paths(null, false));
            assertThat(shop).as("-n shop").isEqualTo(expected);
            assertThat(shop).noneMatch(p -> p.equals("/api/v1/pods") || p.equals("/apis/rbac.authorization.k8s.io/v1/rolebindings"));
        } else {
            assertThat(shop).as("-n shop: the answer may depend on any namespace").isEqualTo(everything);
        }
        // Cluster-scoped kinds are read under -n too: cluster roles and bindings, nodes, namespaces.
        assertThat(shop).contains("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "/api/v1/nodes",
                "/api/v1/namespaces");
    }

    @Test
    void nodeReadsTheNodesAndTheirKubeletsAndTakesNoNamespace() throws Exception {
        Set<String> paths = listed(List.of("node"));
        assertThat(paths).containsExactly("/api/v1/nodes");
        CliRunner n = CliRunner.run("node", "--cluster", "--kubeconfig", kubeconfig, "-n", "shop");
        assertThat(n.exitCode()).isEqualTo(2);
        assertThat(n.err()).contains("-n");
    }
}
