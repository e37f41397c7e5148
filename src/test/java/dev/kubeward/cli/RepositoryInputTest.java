package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repository scanned as it is: what is read, what is left out and said, and where namespace-less objects go. */
class RepositoryInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: NAME, namespace: shop}
            spec:
              containers: [{name: app, image: "nginx:1.27", securityContext: {privileged: true}}]
            """;

    private static void write(Path root, String path, String text) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void pod(Path root, String path) throws Exception {
        write(root, path, POD.replace("NAME", path.replaceAll("[^a-z0-9]", "-")));
    }

    /** The files that produced findings, relative to {@code root}. */
    private static TreeSet<String> scannedFiles(Path root, CliRunner r) throws Exception {
        TreeSet<String> files = new TreeSet<>();
        for (JsonNode f : JSON.readTree(r.out()).get("findings")) {
            files.add(root.relativize(Path.of(f.get("file").asText())).toString().replace('\\', '/'));
        }
        return files;
    }

    @Test
    void aRepositoryRootIsScannedAsGitSeesIt(@TempDir Path dir) throws Exception {
        write(dir, ".gitignore", "dist/\n*.local.yaml\n");
        pod(dir, "k8s/app.yaml");
        pod(dir, "k8s/dev.local.yaml");
        pod(dir, "dist/bundle.yaml");
        pod(dir, "node_modules/pkg/pod.yaml");
        pod(dir, "vendor/github.com/x/pod.yaml");
        pod(dir, "tests/fixture.yaml");
        write(dir, "tsconfig.json", "{\n  // comment\n  \"compilerOptions\": {\"strict\": true,},\n}\n");
        write(dir, "package.json", "{\"name\": \"x\"}\n");
        CliRunner r = CliRunner.run("scan", dir.toString(), "-f", "json", "--exclude", "tests/");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(scannedFiles(dir, r)).containsExactly("k8s/app.yaml");
        assertThat(r.err()).contains("2 documents skipped (not Kubernetes objects), 1 file not read (ignored by git) and"
                + " 4 directories not entered (excluded, ignored by git, skipped by default); --verbose names them");
        JsonNode input = JSON.readTree(r.out()).get("input");
        assertThat(input.get("files").asInt()).isEqualTo(3);
        assertThat(input.get("objects").asInt()).isEqualTo(1);
        assertThat(input.get("documentsSkipped").asInt()).isEqualTo(2);
        assertThat(input.get("filesNotRead").asInt()).isEqualTo(1);
        assertThat(input.get("directoriesNotRead").asInt()).isEqualTo(4);
        assertThat(input.get("skipped").findValuesAsText("file")).containsExactlyInAnyOrder(
                dir.resolve("package.json").toString(), dir.resolve("tsconfig.json").toString());
        assertThat(input.get("notRead").findValuesAsText("path")).contains(dir.resolve("k8s/dev.local.yaml").toString());
        assertThat(r.err()).doesNotContain("invalid");

        CliRunner verbose = CliRunner.run("scan", dir.toString(), "-f", "json", "--exclude", "tests/", "--verbose");
        assertThat(verbose.err()).contains(
                "skipped " + dir.resolve("dist") + "/: ignored by git (", ".gitignore:1: dist/)",
                "skipped " + dir.resolve("k8s/dev.local.yaml") + ": ignored by git (",
                "skipped " + dir.resolve("node_modules") + "/: skipped by default (kubeward skips 'node_modules/' trees;",
                "skipped " + dir.resolve("tests") + "/: excluded (--exclude 'tests/')",
                "skipped " + dir.resolve("tsconfig.json") + ":2: not a Kubernetes object (JSON of another tool");

        CliRunner all = CliRunner.run("scan", dir.toString(), "-f", "json", "--no-gitignore", "--exclude", "!vendor/");
        assertThat(scannedFiles(dir, all)).containsExactly("dist/bundle.yaml", "k8s/app.yaml", "k8s/dev.local.yaml",
                "tests/fixture.yaml", "vendor/github.com/x/pod.yaml");
    }

    @Test
    void excludePatternsInTheConfigurationAreRelativeToIt(@TempDir Path dir) throws Exception {
        pod(dir, "k8s/app.yaml");
        pod(dir, "k8s/samples/demo.yaml");
        Path cfg = dir.resolve("ci/kubeward.yaml");
        write(dir, "ci/kubeward.yaml", "exclude:\n  - /k8s/samples/\n");
        CliRunner r = CliRunner.run("scan", dir.resolve("k8s").toString(), "-f", "json", "-c", cfg.toString());
        // relative to ci/, where the file is: /k8s/samples/ names ci/k8s/samples, not k8s/samples
        assertThat(scannedFiles(dir, r)).containsExactly("k8s/app.yaml", "k8s/samples/demo.yaml");
        write(dir, "ci/kubeward.yaml", "exclude:\n  - /../k8s/samples/\n  - samples/\n");
        assertThat(scannedFiles(dir, CliRunner.run("scan", dir.resolve("k8s").toString(), "-f", "json", "-c", cfg.toString())))
                .containsExactly("k8s/app.yaml");
        write(dir, "ci/kubeward.yaml", "exclude: samples/\n");
        CliRunner bad = CliRunner.run("scan", dir.toString(), "-c", cfg.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(cfg + ":1: exclude must be a list of strings");
    }

    @Test
    void aHelmChartIsRenderedAndALooseTemplateIsOneNotice(@TempDir Path dir) throws Exception {
        dev.kubeward.source.helm.HelmChartTest.assumeEmbeddedHelm();
        write(dir, "chart/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 1.0.0\n");
        write(dir, "chart/values.yaml", "image: nginx\n");
        write(dir, "chart/templates/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n");
        write(dir, "chart/templates/_helpers.tpl", "{{- define \"x\" -}}{{- end -}}\n");
        write(dir, "loose/template.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n");
        pod(dir, "k8s/app.yaml");
        CliRunner r = CliRunner.run("scan", dir.toString(), "-f", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).doesNotContain(dir.resolve("chart") + ": Helm template");
        assertThat(r.err()).contains("notice: " + dir.resolve("loose/template.yaml") + ":4: Helm template: scan the chart");
        assertThat(r.err()).doesNotContain("invalid YAML");
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("errors")).isEmpty();
        assertThat(json.toString()).contains(dir.resolve("chart/templates/deploy.yaml").toString());
    }

    @Test
    void namespaceReachesEveryEngineAsKubectlApplyWouldPutIt(@TempDir Path dir) throws Exception {
        write(dir, "app.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                  labels: {pod-security.kubernetes.io/enforce: restricted}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers: [{name: app, image: "nginx:1.27", securityContext: {privileged: true}}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: app-reads-secrets}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
                subjects: [{kind: ServiceAccount, name: app}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: secret-reader}
                rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
                """);
        String file = dir.resolve("app.yaml").toString();
        // Pod Security labels of the namespace the pod lands in
        assertThat(checks(CliRunner.run("scan", file, "-f", "json", "-n", "shop"))).contains("pss-admission-rejected");
        assertThat(checks(CliRunner.run("scan", file, "-f", "json"))).doesNotContain("pss-admission-rejected");
        // a RoleBinding's ServiceAccount subject without a namespace is in the binding's namespace
        assertThat(CliRunner.run("rbac", "can", "sa:shop/app", "get", "secrets", "--manifest-namespace", "shop",
                "-n", "shop", file).exitCode()).isZero();
        assertThat(CliRunner.run("rbac", "can", "sa:default/app", "get", "secrets", "-n", "default", file).exitCode()).isZero();
        assertThat(CliRunner.run("rbac", "permissions", "sa:shop/app", "-n", "shop", file).out()).contains("secrets");
        // the network model places the pod in the namespace too
        assertThat(CliRunner.run("netpol", "reach", "--manifest-namespace", "shop", file).out()).contains("shop/web");
        assertThat(CliRunner.run("pss", "--level", "baseline", "-n", "shop", file).out()).contains("Pod shop/web");
        assertThat(CliRunner.run("images", "-n", "shop", file).exitCode()).isNotEqualTo(2);
    }

    @Test
    void anObjectInAnotherNamespaceIsRefusedAsKubectlApplyRefusesIt(@TempDir Path dir) throws Exception {
        write(dir, "m.yaml", POD.replace("NAME", "p") + "---\n" + POD.replace("NAME", "q").replace("namespace: shop", "namespace: ops"));
        CliRunner r = CliRunner.run("scan", dir.resolve("m.yaml").toString(), "-n", "shop", "-f", "json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(dir.resolve("m.yaml") + ":9: the namespace from the provided object \"ops\" does not match "
                + "the namespace \"shop\". You must pass '--namespace=ops' to perform this operation.");
        TreeSet<String> objects = new TreeSet<>();
        JSON.readTree(r.out()).get("findings").forEach(f -> objects.add(f.get("resource").get("namespace").asText() + "/"
                + f.get("resource").get("name").asText()));
        assertThat(objects).as("the refused object is not applied, the other is scanned").containsExactly("shop/p");
    }

    @Test
    void aNamespaceLessBundleIsOneDefaultNamespaceFinding(@TempDir Path dir) throws Exception {
        StringBuilder bundle = new StringBuilder();
        for (String name : List.of("a", "b", "c", "d", "e", "f", "g")) {
            bundle.append("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ").append(name).append("}\n---\n");
        }
        bundle.append("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: explicit, namespace: default}\n");
        write(dir, "b.yaml", bundle.toString());
        CliRunner r = CliRunner.run("scan", dir.resolve("b.yaml").toString(), "-f", "json", "--fail-on", "none");
        List<JsonNode> findings = new ArrayList<>();
        JSON.readTree(r.out()).get("findings").forEach(f -> {
            if (f.get("checkId").asText().equals("default-namespace")) {
                findings.add(f);
            }
        });
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).get("line").asInt()).isEqualTo(3);
        assertThat(findings.get(0).get("message").asText()).isEqualTo("7 objects (ConfigMap a, ConfigMap b, ConfigMap c, "
                + "ConfigMap d, ConfigMap e, and 2 more) name no namespace: kubectl apply puts them in the context's "
                + "namespace, default unless -n names another");
        assertThat(findings.get(1).get("message").asText()).isEqualTo("ConfigMap default/explicit is in the default namespace");
        CliRunner elsewhere = CliRunner.run("scan", dir.resolve("b.yaml").toString(), "-f", "json", "--fail-on", "none", "-n", "shop");
        assertThat(checks(elsewhere)).doesNotContain("default-namespace");
        assertThat(elsewhere.err()).contains("the namespace from the provided object \"default\" does not match the namespace \"shop\"");
    }

    @Test
    void scanAndRbacPathsAgreeOnTheStockPolicyAndSaySo() throws Exception {
        String shop = "src/test/resources/rbac-cli/shop";
        CliRunner scan = CliRunner.run("scan", shop, "-f", "json", "--fail-on", "none");
        CliRunner paths = CliRunner.run("rbac", "paths", shop, "-f", "json");
        assertThat(scan.err()).contains(RbacModelOptions.SCAN_STOCK);
        assertThat(paths.err()).contains(RbacModelOptions.WITH_STOCK);
        TreeSet<String> fromScan = new TreeSet<>();
        JSON.readTree(scan.out()).get("findings").forEach(f -> {
            if (f.get("checkId").asText().equals("rbac-escalation-path")) {
                fromScan.add(f.get("message").asText().replaceAll(" can reach.*", ""));
            }
        });
        TreeSet<String> fromPaths = new TreeSet<>();
        JSON.readTree(paths.out()).get("paths").forEach(p -> {
            if (p.get("steps").size() > 1) {
                JsonNode s = p.get("subject");
                fromPaths.add(s.get("kind").asText() + " " + (s.hasNonNull("namespace") ? s.get("namespace").asText() + "/" : "")
                        + s.get("name").asText());
            }
        });
        assertThat(fromScan).isNotEmpty().isEqualTo(fromPaths);
        assertThat(CliRunner.run("rbac", "paths", shop, "--no-bootstrap").err()).contains(RbacModelOptions.WITHOUT_STOCK);
    }

    private static List<String> checks(CliRunner r) throws Exception {
        List<String> ids = new ArrayList<>();
        JSON.readTree(r.out()).get("findings").forEach(f -> ids.add(f.get("checkId").asText()));
        return ids;
    }
}
