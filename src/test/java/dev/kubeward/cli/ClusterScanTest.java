package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubeward.model.Resource;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import dev.kubeward.source.cluster.MockCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan --cluster} against the fabric8 mock API server, through a kubeconfig, as a user runs it. */
class ClusterScanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;
    private MockCluster cluster;
    private Path kubeconfig;

    @BeforeEach
    void start() throws Exception {
        cluster = new MockCluster();
        kubeconfig = cluster.kubeconfig(tmp, "kind-shop");
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** The example objects of kinds a cluster serves (not node files, Dockerfiles, API server configuration). */
    static List<Resource> servable(String dir) {
        LoadResult loaded = new ManifestLoader().load(List.of(dir), List.of());
        List<Resource> out = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        dev.kubeward.model.Inventory inventory = new dev.kubeward.model.Inventory(loaded.resources());
        for (Resource r : loaded.resources()) {
            // controlplane.yaml holds variants of one static pod under one name: a cluster has one of each.
            // An object the API server cannot decode (workload-invalid) is never stored; the mock would keep it.
            if (MockCluster.listed(r.apiVersion(), r.kind()).isPresent()
                    && dev.kubeward.model.FieldTypes.ofWorkload(r, inventory).isEmpty()
                    && seen.add(r.kind() + " " + r.effectiveNamespace() + "/" + r.name())) {
                out.add(r);
            }
        }
        return out;
    }

    /** Each finding as checkId, object and JSON path: what must agree whichever door the objects came in by. */
    private static Set<String> findings(String json, Set<String> objects) throws Exception {
        Set<String> out = new TreeSet<>();
        for (JsonNode f : JSON.readTree(json).get("findings")) {
            JsonNode r = f.get("resource");
            String object = r.get("kind").asText() + " " + r.path("namespace").asText("") + "/" + r.get("name").asText();
            if (objects == null || objects.contains(object)) {
                String id = f.get("checkId").asText();
                // A finding about the cluster's version stands on the first object read, which
                // depends on the order objects arrive in (files by path, the API by kind).
                out.add(id.startsWith("kubernetes-version-") ? id + " " + f.get("message").asText()
                        : id + " " + object + " " + f.get("path").asText() + " " + f.get("message").asText());
            }
        }
        return out;
    }

    @Test
    void theExamplesGiveTheSameFindingsFromFilesAndFromTheCluster() throws Exception {
        for (String example : List.of("examples/insecure", "examples/hardened")) {
            cluster.reset();
            List<Resource> objects = servable(example);
            objects.forEach(cluster::create);
            Path files = tmp.resolve(example.replace('/', '-'));
            Files.createDirectories(files);
            // The same objects as files: only the kinds a cluster serves, so that both doors see the same set.
            StringBuilder yaml = new StringBuilder();
            for (Resource r : objects) {
                yaml.append("---\n").append(JSON.writeValueAsString(r.object())).append('\n');
            }
            Files.writeString(files.resolve("objects.yaml"), yaml);
            Set<String> names = new TreeSet<>();
            objects.forEach(r -> names.add(r.kind() + " " + (r.namespace() == null ? "" : r.namespace()) + "/" + r.name()));
            CliRunner fromFiles = CliRunner.run("scan", files.toString(), "--config", "examples/kubeward.yaml",
                    "--kubernetes-version", "v1.31.4", "-f", "json");
            CliRunner fromCluster = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig.toString(),
                    "--config", "examples/kubeward.yaml", "--kubernetes-version", "v1.31.4", "-f", "json");
            assertThat(fromCluster.err()).doesNotContain("Exception");
            assertThat(fromCluster.exitCode()).as(fromCluster.err()).isEqualTo(fromFiles.exitCode());
            Set<String> a = findings(fromFiles.out(), names);
            Set<String> b = findings(fromCluster.out(), names);
            // A manifest's Secret values are a finding in a repository; from a cluster they are
            // never read (metadata only), so that check has nothing to see there, by design.
            Set<String> plaintext = new TreeSet<>(a);
            plaintext.removeIf(f -> !f.startsWith("secret-manifest-plaintext "));
            a.removeAll(plaintext);
            assertThat(fromCluster.out()).doesNotContain("secret-manifest-plaintext ");
            if (example.endsWith("insecure")) {
                assertThat(plaintext).isNotEmpty();
            }
            Set<String> onlyFiles = new TreeSet<>(a);
            onlyFiles.removeAll(b);
            Set<String> onlyCluster = new TreeSet<>(b);
            onlyCluster.removeAll(a);
            assertThat(onlyFiles).as(example + " only from files").isEmpty();
            assertThat(onlyCluster).as(example + " only from the cluster").isEmpty();
            if (example.endsWith("insecure")) {
                assertThat(a).hasSizeGreaterThan(50);
            }
        }
    }

    private void seedInsecureWeb() throws Exception {
        for (Resource r : servable("examples/insecure")) {
            if (r.kind().equals("Deployment") || r.kind().equals("Namespace")) {
                cluster.create(r);
            }
        }
    }

    @Test
    void kindsThatCannotBeReadAreListedInEveryFormat() throws Exception {
        seedInsecureWeb();
        cluster.server.expect().get().withPath("/api/v1/secrets?limit=500")
                .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\"}").always();
        CliRunner text = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig.toString());
        assertThat(text.out()).contains("not checked: secrets (forbidden)").containsPattern("\\d+ kinds? not checked");
        assertThat(text.out()).contains("cluster:kind-shop/Deployment/");
        CliRunner json = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig.toString(), "-f", "json");
        JsonNode gaps = JSON.readTree(json.out()).at("/input/notChecked");
        assertThat(gaps).isNotNull();
        assertThat(gaps.toString()).contains("{\"resource\":\"secrets\",\"reason\":\"forbidden\"}");
        CliRunner sarif = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig.toString(), "-f", "sarif");
        assertThat(JSON.readTree(sarif.out()).at("/runs/0/invocations/0/toolExecutionNotifications").toString())
                .contains("not checked: secrets (forbidden)");
        CliRunner junit = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig.toString(), "-f", "junit");
        assertThat(junit.out()).contains("<testsuite name=\"not checked\"").contains("name=\"secrets\"")
                .contains("<skipped message=\"not checked: secrets (forbidden)\"/>");
        assertThat(List.of(text.exitCode(), json.exitCode(), sarif.exitCode(), junit.exitCode())).containsOnly(1);
    }

    @Test
    void theServerVersionIsTheKubernetesVersionUnlessOneIsGiven() throws Exception {
        seedInsecureWeb();
        CliRunner auto = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig.toString(), "-f", "json",
                "--now", "2026-11-23");
        assertThat(auto.out()).contains("Kubernetes 1.31 reached end of life");
        CliRunner given = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig.toString(), "-f", "json",
                "--now", "2026-11-23", "--kubernetes-version", "v1.37.0");
        assertThat(given.out()).doesNotContain("Kubernetes 1.31 reached end of life");
    }

    @Test
    void oneNamespaceIsReadWithDashN() throws Exception {
        seedInsecureWeb();
        CliRunner all = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig.toString(), "-f", "json");
        CliRunner shop = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig.toString(), "-n", "shop", "-f", "json");
        Set<String> namespaces = new TreeSet<>();
        JSON.readTree(shop.out()).get("findings").forEach(f -> namespaces.add(f.at("/resource/namespace").asText("")
                + (f.at("/resource/kind").asText().equals("Namespace") ? f.at("/resource/name").asText() : "")));
        assertThat(namespaces).containsOnly("shop");
        assertThat(JSON.readTree(all.out()).get("findings").size())
                .isGreaterThan(JSON.readTree(shop.out()).get("findings").size());
    }

    @Test
    void badClusterInputIsOneSentenceAndExitCodeTwo() throws Exception {
        CliRunner missing = CliRunner.run("scan", "--cluster", "--kubeconfig", tmp.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope: no such kubeconfig file").doesNotContain("Exception");
        CliRunner context = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig.toString(), "--kube-context", "prod");
        assertThat(context.exitCode()).isEqualTo(2);
        assertThat(context.err()).contains("no context 'prod' in the kubeconfig (contexts: kind-shop)");
        Path down = tmp.resolve("down");
        Files.writeString(down, Files.readString(kubeconfig).replaceAll("server: .*", "server: http://127.0.0.1:9"));
        CliRunner unreachable = CliRunner.run("scan", "--cluster", "--kubeconfig", down.toString(), "--request-timeout", "5");
        assertThat(unreachable.exitCode()).isEqualTo(2);
        assertThat(unreachable.err()).contains("cannot reach http://127.0.0.1:9").doesNotContain("\tat ");
        CliRunner both = CliRunner.run("scan", "--cluster", "examples/");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--cluster reads the cluster; name no files with it");
        CliRunner orphan = CliRunner.run("scan", "examples/hardened", "--kubeconfig", kubeconfig.toString());
        assertThat(orphan.exitCode()).isEqualTo(2);
        assertThat(orphan.err()).contains("--kubeconfig needs --cluster");
    }

    @Test
    void theKubeconfigIsFoundInTheCommandsEnvironmentAsKubectlFindsIt() throws Exception {
        seedInsecureWeb();
        // KUBECONFIG with a missing file first: skipped; the mock's file is read.
        CliRunner viaEnv = CliRunner.run(CliRunner.env(tmp, false, "KUBECONFIG", tmp.resolve("gone") + ":" + kubeconfig,
                "HOME", tmp.resolve("nohome").toString()), "scan", "--cluster", "-f", "json");
        assertThat(viaEnv.exitCode()).as(viaEnv.err()).isEqualTo(1);
        assertThat(viaEnv.out()).contains("cluster:kind-shop/");
        // No KUBECONFIG: $HOME/.kube/config.
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve(".kube"));
        Files.copy(kubeconfig, home.resolve(".kube/config"));
        CliRunner viaHome = CliRunner.run(CliRunner.env(tmp, false, "KUBECONFIG", null, "HOME", home.toString()),
                "scan", "--cluster", "-f", "json");
        assertThat(viaHome.exitCode()).as(viaHome.err()).isEqualTo(1);
        assertThat(viaHome.out()).contains("cluster:kind-shop/");
        // Nothing anywhere, not in a pod: one sentence, exit code 2.
        CliRunner none = CliRunner.run(CliRunner.env(tmp, false, "KUBECONFIG", null, "HOME", tmp.resolve("nohome").toString(),
                "KUBERNETES_SERVICE_HOST", null), "scan", "--cluster");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().strip()).isEqualTo("no cluster to read: no kubeconfig (" + tmp.resolve("nohome/.kube/config")
                + " does not exist) and not in a pod (KUBERNETES_SERVICE_HOST)");
        // An invalid file: its name and line.
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "apiVersion: v1\nkind: Config\nclusters: [\n");
        CliRunner invalid = CliRunner.run(CliRunner.env(tmp, false, "KUBECONFIG", bad.toString()), "pss", "--cluster", "--level", "restricted");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).startsWith(bad + ":").contains("not a kubeconfig").doesNotContain("\tat ");
    }

    /** checkId and object of each finding. */
    private static Set<String> checksAndObjects(String json) throws Exception {
        Set<String> out = new TreeSet<>();
        for (JsonNode f : JSON.readTree(json).get("findings")) {
            String id = f.get("checkId").asText();
            // Findings about a namespace or the cluster stand on its first object, which depends on
            // the order of reading (files by path, the API by kind).
            boolean onFirstObject = id.startsWith("kubernetes-version-") || id.startsWith("netpol-namespace-");
            out.add(id + " " + (onFirstObject ? "" : f.at("/resource/kind").asText() + " ")
                    + f.at("/resource/namespace").asText("") + (onFirstObject ? "" : "/" + f.at("/resource/name").asText()));
        }
        return out;
    }

    @Test
    void fieldsTheApiServerDefaultsGiveNoFindingTheManifestDoesNot() throws Exception {
        for (Resource r : new ManifestLoader().load(List.of("src/test/resources/cluster/defaults-live.yaml"), List.of())
                .resources()) {
            cluster.create(r);
        }
        CliRunner manifest = CliRunner.run("scan", "src/test/resources/cluster/defaults-manifest.yaml",
                "--kubernetes-version", "v1.31.4", "-f", "json");
        CliRunner live = CliRunner.run("scan", "--cluster", "--kubeconfig", kubeconfig.toString(), "-f", "json");
        Set<String> expected = checksAndObjects(manifest.out());
        assertThat(expected).isNotEmpty();
        assertThat(checksAndObjects(live.out())).isEqualTo(expected);
    }
}
