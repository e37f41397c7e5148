package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRIVILEGED_POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              namespace: shop
            spec:
              containers:
                - name: app
                  image: registry.example.com/app:1@sha256:aaaa
                  securityContext:
                    privileged: true
            """;

    @Test
    void exitCodeFollowsFailOn(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("p.yaml"), PRIVILEGED_POD);
        assertThat(CliRunner.run("scan", f.toString()).exitCode()).isEqualTo(1);
        assertThat(CliRunner.run("scan", f.toString(), "--fail-on", "none").exitCode()).isZero();
        assertThat(CliRunner.run("scan", f.toString(), "--fail-on", "critical").exitCode()).isEqualTo(1);
    }

    @Test
    void annotationExemptionsSuppressButKeepFindings(@TempDir Path dir) throws Exception {
        String exempt = PRIVILEGED_POD.replace("  namespace: shop\n", "  namespace: shop\n  annotations:\n"
                + "    kubeward.dev/ignore: \"privileged-container, run-as-root\"\n"
                + "    kubeward.dev/ignore-reason: \"node debugger, approved in SEC-42\"\n");
        Path f = Files.writeString(dir.resolve("p.yaml"), exempt);
        CliRunner r = CliRunner.run("scan", f.toString(), "-f", "json", "--fail-on", "critical");
        assertThat(r.exitCode()).isZero();
        JsonNode privileged = find(JSON.readTree(r.out()), "privileged-container");
        assertThat(privileged.get("suppressed").asBoolean()).isTrue();
        assertThat(privileged.get("suppression").get("reason").asText()).isEqualTo("node debugger, approved in SEC-42");
        assertThat(privileged.get("suppression").get("kind").asText()).isEqualTo("annotation");
    }

    @Test
    void configExemptionsNeedAReasonAndApplyByGlob(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("p.yaml"), PRIVILEGED_POD);
        Path cfg = Files.writeString(dir.resolve("k.yaml"), """
                exemptions:
                  - check: privileged-container
                    namespace: "sh*"
                    reason: debugging pods are reviewed by hand
                """);
        CliRunner r = CliRunner.run("scan", f.toString(), "-c", cfg.toString(), "-f", "json", "--fail-on", "critical");
        assertThat(r.exitCode()).isZero();
        assertThat(find(JSON.readTree(r.out()), "privileged-container").get("suppression").get("kind").asText())
                .isEqualTo("config");

        Files.writeString(cfg, "exemptions:\n  - check: privileged-container\n");
        CliRunner bad = CliRunner.run("scan", f.toString(), "-c", cfg.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(cfg + ":2: an exemption needs 'reason'");
        assertThat(bad.err()).doesNotContain("Exception");
    }

    @Test
    void configCanDisableChecksAndOverrideSeverities(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("p.yaml"), PRIVILEGED_POD);
        Path cfg = Files.writeString(dir.resolve("k.yaml"), """
                checks:
                  disable: [run-as-root]
                  severity:
                    privileged-container: low
                """);
        JsonNode report = JSON.readTree(CliRunner.run("scan", f.toString(), "-c", cfg.toString(), "-f", "json").out());
        assertThat(find(report, "privileged-container").get("severity").asText()).isEqualTo("low");
        assertThat(find(report, "run-as-root")).isNull();
    }

    @Test
    void invalidConfigIsAnInputErrorWithItsLine(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("p.yaml"), PRIVILEGED_POD);
        Path cfg = Files.writeString(dir.resolve("k.yaml"), "checks:\n  disable:\n    - privileged-containr\n");
        CliRunner r = CliRunner.run("scan", f.toString(), "-c", cfg.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(cfg + ":3: unknown check 'privileged-containr'");
        Files.writeString(cfg, "checks:\n  severity:\n    privileged-container: urgent\n");
        assertThat(CliRunner.run("scan", f.toString(), "-c", cfg.toString()).err()).contains(":3: severity must be one of");
        Files.writeString(cfg, "check: {}\n");
        assertThat(CliRunner.run("scan", f.toString(), "-c", cfg.toString()).err()).contains(":1: unknown key 'check'");
        assertThat(CliRunner.run("scan", f.toString(), "-c", dir.resolve("none.yaml").toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void brokenDocumentsExitTwoAfterScanningTheRest(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("p.yaml"), PRIVILEGED_POD + "---\nkind: [\n");
        CliRunner r = CliRunner.run("scan", f.toString(), "-f", "json");
        assertThat(r.exitCode()).isEqualTo(2);
        JsonNode report = JSON.readTree(r.out());
        assertThat(find(report, "privileged-container")).isNotNull();
        assertThat(report.get("errors").get(0).get("line").asInt()).isEqualTo(13);
        assertThat(r.err()).startsWith(f + ":13: invalid YAML");
    }

    @Test
    void aDockerfileHeaderNamesItsPathOnce(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("Dockerfile");
        Files.writeString(f, "FROM alpine:3.20\nUSER root\n");
        String out = CliRunner.run("scan", f.toString(), "--color", "never").out();
        assertThat(out).startsWith("Dockerfile " + f + "\n");
        Path pod = dir.resolve("pod.yaml");
        Files.writeString(pod, "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\n"
                + "spec: {containers: [{name: a, image: nginx}]}\n");
        assertThat(CliRunner.run("scan", pod.toString(), "--color", "never").out()).startsWith("Pod shop/p  " + pod + "\n");
    }

    @Test
    void verboseNamesTheStockRbacObjectsTheChecksLeaveOut(@TempDir Path dir) throws Exception {
        String stock = "src/test/resources/rbac/bootstrap/cluster-role-bindings.yaml";
        Path custom = dir.resolve("custom.yaml");
        Files.writeString(custom, """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: cluster-admin, labels: {example.com/team: ops}}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                subjects: [{kind: User, name: kim}]
                """);
        CliRunner r = CliRunner.run("scan", stock, "--verbose", "--fail-on", "none");
        assertThat(r.err()).contains("skipped " + stock + ":3: ClusterRoleBinding cluster-admin is a stock RBAC object "
                + "(stock name and kubernetes.io/bootstrapping: rbac-defaults); the RBAC checks leave it out\n");
        // every one of the file's ten stock bindings
        assertThat(r.err().lines().filter(l -> l.contains("is a stock RBAC object")).count()).isEqualTo(10);
        assertThat(CliRunner.run("scan", stock, "--fail-on", "none").err()).doesNotContain("stock RBAC object");
        // a stock name without the label is custom: checked, so not named
        assertThat(CliRunner.run("scan", custom.toString(), "--verbose", "--fail-on", "none").err())
                .doesNotContain("stock RBAC object");
    }

    @Test
    void missingPathAndBadOptionsAreUsageErrors() {
        assertThat(CliRunner.run("scan", "does/not/exist.yaml").exitCode()).isEqualTo(2);
        CliRunner badFormat = CliRunner.run("scan", "--format", "xml", "examples/hardened");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format");
        assertThat(CliRunner.run("scan", "--fail-on", "urgent", "examples/hardened").exitCode()).isEqualTo(2);
    }

    @Test
    void outputFileAndVerboseSkips(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("p.yaml"), PRIVILEGED_POD + "---\nnot: kubernetes\n");
        Path out = dir.resolve("report.sarif");
        CliRunner r = CliRunner.run("scan", f.toString(), "-f", "sarif", "-o", out.toString(), "-v");
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(out)).contains("\"version\" : \"2.1.0\"");
        assertThat(r.err()).contains("skipped " + f + ":13: not a Kubernetes object");
    }

    @Test
    void textReportNamesFileLineAndSummary(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("p.yaml"), PRIVILEGED_POD);
        CliRunner r = CliRunner.run("scan", f.toString(), "--color", "never");
        assertThat(r.out()).contains("Pod shop/p").contains(f + ":11:9  critical  privileged-container")
                .contains("fix: Remove securityContext.privileged, or set it to false.")
                .contains("1 object in 1 file:").doesNotContain("\u001b[");
        assertThat(CliRunner.run("scan", f.toString(), "--color", "always").out()).contains("\u001b[1;31m");
    }

    @Test
    void checksAndExplain() throws Exception {
        JsonNode checks = JSON.readTree(CliRunner.run("checks", "--format", "json").out());
        JsonNode privileged = null;
        for (JsonNode c : checks.get("checks")) {
            if (c.get("id").asText().equals("privileged-container")) {
                privileged = c;
            }
        }
        assertThat(privileged).isNotNull();
        assertThat(privileged.get("frameworks").get("cis").get(0).asText()).isEqualTo("5.2.2");
        assertThat(privileged.get("severity").asText()).isEqualTo("critical");
        CliRunner explain = CliRunner.run("explain", "run-as-root");
        assertThat(explain.exitCode()).isZero();
        assertThat(explain.out()).contains("How to fix").contains("CIS:").contains("5.2.7");
        CliRunner unknown = CliRunner.run("explain", "run-as-rot");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("did you mean 'run-as-root'");
    }

    private static JsonNode find(JsonNode report, String checkId) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("checkId").asText().equals(checkId)) {
                return f;
            }
        }
        return null;
    }

    private static java.util.List<String> lines(JsonNode report, String checkId) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            if (f.get("checkId").asText().equals(checkId)) {
                out.add(f.get("file").asText() + ":" + f.get("line").asText());
            }
        }
        return out;
    }

    /**
     * scan recognises a k3s file by its path in a directory walk too, but reads the kubelet's
     * drop-ins only when they are named: without them k3s's kubelet is judged by what k3s
     * writes into its generated drop-in, with them as the kubelet merges them.
     */
    @Test
    void k3sConfigIsScannedByNameAndItsDropInsWhenNamed() throws Exception {
        String k3s = "src/test/resources/controlplane/node-k3s";
        String dropIns = k3s + "/var/lib/rancher/k3s/agent/etc/kubelet.conf.d";
        JsonNode alone = JSON.readTree(CliRunner.run("scan", k3s, "-f", "json", "--fail-on", "none").out());
        assertThat(lines(alone, "scheduler-profiling")).containsExactly(k3s + "/etc/rancher/k3s/config.yaml:17");
        assertThat(lines(alone, "kubelet-anonymous-auth")).isEmpty();
        assertThat(lines(alone, "kubelet-authorization-always-allow")).isEmpty();
        assertThat(lines(alone, "kubelet-client-ca-missing")).isEmpty();
        assertThat(lines(alone, "kubelet-tls-cert-missing")).isEmpty();

        JsonNode merged = JSON.readTree(CliRunner.run("scan", k3s, dropIns + "/00-k3s-defaults.conf",
                dropIns + "/50-debug.conf", "-f", "json", "--fail-on", "none").out());
        assertThat(lines(merged, "kubelet-anonymous-auth")).containsExactly(dropIns + "/50-debug.conf:6");
        assertThat(lines(merged, "kubelet-client-ca-missing")).isEmpty();
        assertThat(lines(merged, "kubelet-authorization-always-allow")).isEmpty();
    }

    /** Found by a type-mutation fuzz: a list written as a mapping crashed the RBAC, netpol and kubelet readers. */
    @Test
    void listsWrittenAsMappingsAreReadAsNothingInEveryCommand() {
        String nasty = "src/test/resources/nasty/lists-as-maps.yaml";
        String[][] commands = {{"scan", nasty, "--fail-on", "none"}, {"scan", nasty, "-f", "sarif"},
            {"pss", nasty, "--level", "restricted"}, {"netpol", "reach", nasty}, {"rbac", "paths", nasty},
            {"rbac", "who-can", "get", "secrets", nasty}, {"rbac", "permissions", "group:system:authenticated", nasty},
            {"images", nasty}, {"audit-policy", nasty}};
        for (String[] command : commands) {
            CliRunner r = CliRunner.run(command);
            assertThat(r.err()).as(String.join(" ", command)).doesNotContain("kubeward: error:").doesNotContain("Exception");
            assertThat(r.exitCode()).as(String.join(" ", command)).isBetween(0, 2);
        }
    }
}
