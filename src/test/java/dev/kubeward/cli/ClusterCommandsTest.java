package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.model.Resource;
import dev.kubeward.source.cluster.MockCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cluster} on pss, rbac and netpol: the same objects give the same answer whether they
 * are read from files or from the fabric8 mock API server (CRUD mode, real HTTP and API paths).
 */
class ClusterCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NETPOL = "src/test/resources/netpol-cli/";
    @TempDir
    Path tmp;
    private MockCluster cluster;
    private String kubeconfig;

    @BeforeEach
    void start() throws Exception {
        cluster = new MockCluster();
        kubeconfig = cluster.kubeconfig(tmp, "kind-shop").toString();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** Creates the servable objects of {@code dir} in the cluster and writes the same objects to one file. */
    private String seed(String dir) throws Exception {
        List<Resource> objects = ClusterScanTest.servable(dir);
        objects.forEach(cluster::create);
        Path files = Files.createDirectories(tmp.resolve("files-" + Math.abs(dir.hashCode())));
        StringBuilder yaml = new StringBuilder();
        for (Resource r : objects) {
            yaml.append("---\n").append(JSON.writeValueAsString(r.object())).append('\n');
        }
        Files.writeString(files.resolve("objects.yaml"), yaml);
        return files.toString();
    }

    private static List<String> verdicts(String json) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode r : JSON.readTree(json).get("results")) {
            out.add(r.get("kind").asText() + " " + r.get("namespace").asText() + "/" + r.get("name").asText() + " "
                    + r.path("template").asText("") + " " + r.get("allowed") + " " + r.get("violations"));
        }
        out.sort(null);
        return out;
    }

    @Test
    void pssGivesTheSameVerdictsFromTheCluster() throws Exception {
        String files = seed("examples/insecure");
        CliRunner fromFiles = CliRunner.run("pss", files, "--level", "restricted", "-f", "json");
        CliRunner live = CliRunner.run("pss", "--cluster", "--kubeconfig", kubeconfig, "--level", "restricted", "-f", "json");
        assertThat(live.exitCode()).as(live.err()).isEqualTo(1).isEqualTo(fromFiles.exitCode());
        List<String> expected = verdicts(fromFiles.out());
        assertThat(expected).hasSizeGreaterThan(5).anyMatch(v -> v.contains(" false "));
        assertThat(verdicts(live.out())).isEqualTo(expected);
        assertThat(JSON.readTree(live.out()).at("/results/0/file").asText()).startsWith("cluster:kind-shop/");
        CliRunner text = CliRunner.run("pss", "--cluster", "--kubeconfig", kubeconfig, "--level", "restricted");
        // A live object has no lines: it is named, and each violation's JSON path says where.
        assertThat(text.out()).containsPattern("REJECTED  Deployment \\S+  cluster:kind-shop/Deployment/\\S+\n")
                .containsPattern("\\(spec\\.template\\.spec\\.[^)]+\\)\n");
    }

    @Test
    void pssWithOneNamespaceJudgesThatNamespaceOnly() throws Exception {
        seed("examples/insecure");
        CliRunner live = CliRunner.run("pss", "--cluster", "--kubeconfig", kubeconfig, "-n", "shop", "--level", "baseline",
                "-f", "json");
        JsonNode results = JSON.readTree(live.out()).get("results");
        assertThat(results).isNotEmpty().allSatisfy(r -> assertThat(r.get("namespace").asText()).isEqualTo("shop"));
    }

    @Test
    void aKindThatCannotBeReadIsListedInTheAnswer() throws Exception {
        seed("examples/insecure");
        cluster.server.expect().get().withPath("/apis/apps/v1/deployments?limit=500")
                .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\"}").always();
        CliRunner live = CliRunner.run("pss", "--cluster", "--kubeconfig", kubeconfig, "--level", "restricted", "-f", "json");
        assertThat(JSON.readTree(live.out()).at("/input/notChecked").toString())
                .contains("{\"resource\":\"deployments.apps\",\"reason\":\"forbidden\"}");
        assertThat(live.err()).contains("not checked");
        assertThat(verdicts(live.out())).noneMatch(v -> v.startsWith("Deployment "));
    }

    @Test
    void clusterOptionsAreRefusedWithPathsOrWithoutCluster() {
        CliRunner both = CliRunner.run("pss", "--cluster", "--kubeconfig", kubeconfig, "examples/insecure", "-l", "baseline");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--cluster reads the cluster; name no files with it");
        CliRunner alone = CliRunner.run("rbac", "who-can", "get", "secrets", "--kubeconfig", kubeconfig);
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("--kubeconfig needs --cluster");
        CliRunner none = CliRunner.run("netpol", "reach");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("Missing required parameter: 'PATH' (or --cluster)");
        CliRunner two = CliRunner.run("netpol", "diff", "--cluster", "--kubeconfig", kubeconfig, NETPOL + "shop", NETPOL + "shop-v2");
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).contains("with --cluster, name one path");
    }

    @Test
    void anUnreachableClusterIsOneSentenceAndExitCode2() throws Exception {
        Path config = tmp.resolve("gone");
        Files.writeString(config, "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\n"
                + "users:\n- name: u\n  user:\n    token: t\ncontexts:\n- name: gone\n  context:\n    cluster: c\n    user: u\n"
                + "current-context: gone\n");
        for (String[] command : List.of(new String[] {"pss", "-l", "baseline"}, new String[] {"rbac", "who-can", "get", "pods"},
                new String[] {"netpol", "reach"}, new String[] {"images"})) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--cluster", "--kubeconfig", config.toString(), "--request-timeout", "5"));
            CliRunner r = CliRunner.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", command)).contains("cannot reach https://127.0.0.1:1")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void rbacAnswersForTheClusterAsForItsObjects() throws Exception {
        String files = seed("src/test/resources/rbac-cli/shop");
        for (String[] question : List.of(new String[] {"who-can", "get", "secrets", "-n", "shop"},
                new String[] {"can", "sa:shop/app", "list", "pods", "-n", "shop"},
                new String[] {"permissions", "sa:shop/app"}, new String[] {"paths"})) {
            List<String> fileArgs = new ArrayList<>(List.of("rbac"));
            fileArgs.addAll(List.of(question));
            fileArgs.addAll(List.of("--no-bootstrap", files));
            List<String> liveArgs = new ArrayList<>(List.of("rbac"));
            liveArgs.addAll(List.of(question));
            liveArgs.addAll(List.of("--cluster", "--kubeconfig", kubeconfig));
            CliRunner fromFiles = CliRunner.run(fileArgs.toArray(String[]::new));
            CliRunner live = CliRunner.run(liveArgs.toArray(String[]::new));
            assertThat(live.exitCode()).as(live.err()).isEqualTo(fromFiles.exitCode());
            // The same answer; where a rule is written differs (file:line against the cluster object).
            assertThat(withoutPlaces(live.out())).as(question[0]).isEqualTo(withoutPlaces(fromFiles.out()));
            assertThat(live.err()).contains("the cluster's own roles and bindings");
        }
        CliRunner who = CliRunner.run("rbac", "who-can", "get", "secrets", "-n", "shop", "--cluster", "--kubeconfig", kubeconfig);
        assertThat(who.out()).contains("cluster:kind-shop/");
    }

    @Test
    void bootstrapIsRefusedWithTheClusterAndNoBootstrapIsWhatItDoes() throws Exception {
        seed("src/test/resources/rbac-cli/shop");
        for (String[] question : List.of(new String[] {"who-can", "get", "secrets", "-n", "shop"},
                new String[] {"can", "sa:shop/app", "list", "pods", "-n", "shop"},
                new String[] {"permissions", "sa:shop/app"}, new String[] {"paths"})) {
            List<String> args = new ArrayList<>(List.of("rbac"));
            args.addAll(List.of(question));
            args.addAll(List.of("--cluster", "--kubeconfig", kubeconfig));
            CliRunner plain = CliRunner.run(args.toArray(String[]::new));
            List<String> with = new ArrayList<>(args);
            with.add("--bootstrap");
            CliRunner refused = CliRunner.run(with.toArray(String[]::new));
            assertThat(refused.exitCode()).as(question[0]).isEqualTo(2);
            assertThat(refused.err()).as(question[0]).contains(RbacModelOptions.BOOTSTRAP_ON_CLUSTER)
                    .doesNotContain("Exception");
            assertThat(refused.out()).isEmpty();
            List<String> without = new ArrayList<>(args);
            without.add("--no-bootstrap");
            CliRunner same = CliRunner.run(without.toArray(String[]::new));
            assertThat(same.exitCode()).as(question[0]).isEqualTo(plain.exitCode()).isNotEqualTo(2);
            assertThat(same.out()).as(question[0]).isEqualTo(plain.out()).isNotEmpty();
        }
    }

    /** The answer without the places its rules are written ({@code (file:line)}, {@code (cluster:… path)}). */
    private static String withoutPlaces(String text) {
        return text.replaceAll("  \\((?:cluster:[^)]*|[^)]*:\\d+)\\)", "");
    }

    @Test
    void netpolReachIsTheSameFromTheCluster() throws Exception {
        String files = seed(NETPOL + "shop");
        CliRunner fromFiles = CliRunner.run("netpol", "reach", files);
        CliRunner live = CliRunner.run("netpol", "reach", "--cluster", "--kubeconfig", kubeconfig);
        assertThat(live.exitCode()).as(live.err()).isZero();
        assertThat(live.out()).isEqualTo(fromFiles.out()).contains("shop/frontend[Deployment]");
    }

    @Test
    void netpolExplainIsTheSameFromTheCluster() throws Exception {
        String files = seed(NETPOL + "shop");
        CliRunner fromFiles = CliRunner.run("netpol", "explain", "--from", "shop/frontend", "--to", "shop/db", files);
        CliRunner live = CliRunner.run("netpol", "explain", "--from", "shop/frontend", "--to", "shop/db", "--cluster",
                "--kubeconfig", kubeconfig);
        assertThat(live.exitCode()).as(live.err()).isEqualTo(fromFiles.exitCode());
        assertThat(withoutPlaces(live.out()).replaceAll("cluster:kind-shop/\\S+", "PLACE"))
                .isEqualTo(withoutPlaces(fromFiles.out()).replaceAll("\\S+objects\\.yaml:\\d+", "PLACE"));
    }

    @Test
    void netpolDiffComparesTheClusterWithAChangeAppliedToIt() throws Exception {
        seed(NETPOL + "shop");
        // The whole of shop-v2 replaces each object of the same name: the diff of the two directories.
        CliRunner files = CliRunner.run("netpol", "diff", NETPOL + "shop", NETPOL + "shop-v2");
        CliRunner live = CliRunner.run("netpol", "diff", "--cluster", "--kubeconfig", kubeconfig, NETPOL + "shop-v2");
        assertThat(live.exitCode()).as(live.err()).isZero();
        assertThat(live.out()).isEqualTo(files.out()).isNotEqualTo("0 differences\n");
        // Only the policies of shop-v2: the cluster's workloads stay, as kubectl apply leaves them.
        Path change = Files.createDirectories(tmp.resolve("change"));
        Files.copy(Path.of(NETPOL + "shop-v2/policies.yaml"), change.resolve("policies.yaml"));
        Path after = Files.createDirectories(tmp.resolve("after"));
        Files.copy(Path.of(NETPOL + "shop/workloads.yaml"), after.resolve("workloads.yaml"));
        Files.copy(Path.of(NETPOL + "shop-v2/policies.yaml"), after.resolve("policies.yaml"));
        CliRunner partFiles = CliRunner.run("netpol", "diff", NETPOL + "shop", after.toString(), "-f", "json");
        CliRunner partLive = CliRunner.run("netpol", "diff", "--cluster", "--kubeconfig", kubeconfig, change.toString(),
                "-f", "json");
        assertThat(JSON.readTree(partLive.out()).get("differences"))
                .isEqualTo(JSON.readTree(partFiles.out()).get("differences"));
    }
}
