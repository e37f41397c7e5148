package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubeward node over a copy of a kubeadm control-plane node. Git keeps no modes, so the test
 * sets them; the copy is not owned by root, so --owner names the test's own user.
 */
class NodeCommandTest {
    private static final Path NODE = Path.of("src/test/resources/controlplane/node");

    @TempDir
    Path root;

    private String owner;

    @BeforeEach
    void copyNode() throws IOException {
        try (Stream<Path> files = Files.walk(NODE)) {
            for (Path p : files.toList()) {
                Path target = root.resolve(NODE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
        Files.setPosixFilePermissions(root.resolve("etc/kubernetes/pki/ca.crt"), PosixFilePermissions.fromString("rw-r--r--"));
        owner = Files.getOwner(root).getName() + ":" + Files.readAttributes(root,
                java.nio.file.attribute.PosixFileAttributes.class).group().getName();
    }

    private JsonNode json(CliRunner r) throws IOException {
        return new ObjectMapper().readTree(r.out());
    }

    private static List<String> findings(JsonNode report, String checkId) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            if (f.path("check").asText().equals(checkId) || f.path("checkId").asText().equals(checkId)) {
                out.add(f.path("file").asText() + ":" + f.path("line").asText());
            }
        }
        return out;
    }

    @Test
    void auditsManifestsKubeletUnitsAndFilesOfTheNode() throws IOException {
        Files.setPosixFilePermissions(root.resolve("etc/kubernetes/admin.conf"), PosixFilePermissions.fromString("rw-r--r--"));
        CliRunner r = CliRunner.run("node", "--root", root.toString(), "--owner", owner, "--format", "json",
                "--fail-on", "medium");
        assertThat(r.err()).isEmpty();
        JsonNode report = json(r);
        assertThat(findings(report, "scheduler-profiling")).singleElement().asString()
                .endsWith("kube-scheduler.yaml:19");
        // The drop-in's environment file opens the read-only port despite the config file's 0.
        assertThat(findings(report, "kubelet-read-only-port")).containsExactly("/var/lib/kubelet/kubeadm-flags.env:1");
        assertThat(findings(report, "node-file-permissions")).containsExactly("/etc/kubernetes/admin.conf:1");
        assertThat(findings(report, "node-file-ownership")).isEmpty();
        // A control-plane node without CNI files or etcd data in the copy: reported, not fatal.
        assertThat(findings(report, "node-file-missing")).contains("/var/lib/etcd:1", "/etc/cni/net.d:1");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void writesTheHtmlReportWithTheJsonReportsNumbers() throws IOException {
        Files.setPosixFilePermissions(root.resolve("etc/kubernetes/admin.conf"), PosixFilePermissions.fromString("rw-r--r--"));
        CliRunner json = CliRunner.run("node", "--root", root.toString(), "--owner", owner, "--format", "json",
                "--fail-on", "medium");
        CliRunner html = CliRunner.run("node", "--root", root.toString(), "--owner", owner, "--format", "html",
                "--fail-on", "medium");
        assertThat(html.err()).isEmpty();
        assertThat(html.exitCode()).isEqualTo(json.exitCode()).isEqualTo(1);
        JsonNode summary = json(json).path("summary");
        assertThat(html.out()).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .contains("data-summary=\"findings\">" + summary.path("findings").asInt() + "<")
                .contains("data-summary=\"medium\">" + summary.path("bySeverity").path("medium").asInt() + "<")
                .contains("data-summary=\"objects\">" + summary.path("objects").asInt() + "<")
                .contains("Failed: open findings at or above medium")
                .contains("scheduler-profiling").contains("kube-scheduler.yaml");
        assertThat(summary.path("findings").asInt()).isPositive();
    }

    @Test
    void ownershipIsComparedWithTheExpectedOwner() throws IOException {
        // An owner nobody has, so the test means the same whether it runs as root or not.
        CliRunner r = CliRunner.run("node", "--root", root.toString(), "--owner", "kubeward-test:kubeward-test",
                "--format", "json", "--fail-on", "none");
        assertThat(r.exitCode()).isZero();
        assertThat(findings(json(r), "node-file-ownership")).contains("/etc/kubernetes/admin.conf:1");
    }

    @Test
    void aMissingRootIsAUsageError() {
        CliRunner r = CliRunner.run("node", "--root", root.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("not a directory");
    }

    private static final Path K3S_NODE = Path.of("src/test/resources/controlplane/node-k3s");

    /**
     * A k3s server: no static pods and no kubelet unit, only /etc/rancher/k3s/config.yaml over
     * k3s's own defaults, and the kubelet drop-ins under k3s's --config-dir.
     */
    @Test
    void auditsAK3sServerFromItsConfigFileAndKubeletDropIns(@TempDir Path k3s) throws IOException {
        copyTree(K3S_NODE, k3s);
        String dropIn = "/var/lib/rancher/k3s/agent/etc/kubelet.conf.d/50-debug.conf";
        Files.setPosixFilePermissions(k3s.resolve(dropIn.substring(1)), PosixFilePermissions.fromString("rw-rw-r--"));
        CliRunner r = CliRunner.run("node", "--root", k3s.toString(), "--owner", owner, "--format", "json",
                "--fail-on", "high");
        assertThat(r.err()).isEmpty();
        JsonNode report = json(r);
        assertThat(findings(report, "scheduler-profiling")).singleElement().asString()
                .endsWith("etc/rancher/k3s/config.yaml:17");
        assertThat(findings(report, "kube-proxy-metrics-bind-address")).singleElement().asString()
                .endsWith("etc/rancher/k3s/config.yaml:25");
        // The later drop-in wins over k3s's generated one.
        assertThat(findings(report, "kubelet-anonymous-auth")).singleElement().asString()
                .endsWith("kubelet.conf.d/50-debug.conf:6");
        // Drop-ins are kubelet configuration (CIS 4.1.9): the one others can write is reported, k3s's own is not.
        assertThat(findings(report, "node-file-permissions")).containsExactly(dropIn + ":1");
        // k3s's defaults: anonymous auth off, Node,RBAC, NodeRestriction, loopback binds, no read-only
        // port, SQLite behind a socket; secrets-encryption sets the encryption provider config.
        for (String quiet : List.of("apiserver-anonymous-auth", "apiserver-authorization-always-allow",
                "apiserver-admission-plugins", "apiserver-profiling", "apiserver-etcd-tls", "apiserver-tls-missing",
                "apiserver-kubelet-https", "apiserver-encryption-missing", "apiserver-audit-log-missing",
                "controller-manager-bind-address", "controller-manager-profiling", "controller-manager-root-ca",
                "controller-manager-service-account-credentials", "scheduler-bind-address", "kubelet-read-only-port",
                "kubelet-client-ca-missing", "kubelet-authorization-always-allow", "kubelet-tls-cert-missing",
                "kubelet-pod-pids-limit", "kubelet-rotate-certificates", "kubelet-protect-kernel-defaults",
                "etcd-client-cert-auth", "controlplane-flag-invalid")) {
            assertThat(findings(report, quiet)).as(quiet).isEmpty();
        }
        assertThat(r.exitCode()).isEqualTo(1);
    }

    private static final Path EKS_NODE = Path.of("src/test/resources/controlplane/node-eks");

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
    }

    /**
     * An EKS worker (Amazon Linux 2 AMI): a JSON KubeletConfiguration at EKS's path, named with
     * "--config FILE", and the bootstrap's flags in single-quoted Environment= drop-ins.
     */
    @Test
    void auditsAnEksWorkerAsTheBootstrapScriptLeavesIt(@TempDir Path eks) throws IOException {
        copyTree(EKS_NODE, eks);
        CliRunner r = CliRunner.run("node", "--root", eks.toString(), "--owner", owner, "--format", "json",
                "--fail-on", "high");
        assertThat(r.err()).isEmpty();
        JsonNode report = json(r);
        // EKS passes --hostname-override with the external cloud provider: reported where the bootstrap wrote it.
        assertThat(findings(report, "kubelet-hostname-override"))
                .containsExactly("/etc/systemd/system/kubelet.service.d/10-kubelet-args.conf:2");
        // What EKS's file leaves to the kubelet's defaults.
        assertThat(findings(report, "kubelet-pod-pids-limit")).singleElement().asString()
                .endsWith("etc/kubernetes/kubelet/kubelet-config.json:1");
        for (String quiet : List.of("kubelet-anonymous-auth", "kubelet-authorization-always-allow",
                "kubelet-read-only-port", "kubelet-client-ca-missing", "kubelet-tls-cert-missing",
                "kubelet-rotate-server-certificates", "kubelet-tls-ciphers", "kubelet-protect-kernel-defaults",
                "kubelet-iptables-util-chains", "kubelet-streaming-idle-timeout", "node-file-permissions")) {
            assertThat(findings(report, quiet)).as(quiet).isEmpty();
        }
        assertThat(findings(report, "node-file-missing")).doesNotContain("/etc/kubernetes/kubelet/kubelet-config.json:1",
                "/etc/kubernetes/pki/ca.crt:1");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void extraArgsOfAnEksWorkerOverrideItsConfigFile(@TempDir Path eks) throws IOException {
        copyTree(EKS_NODE, eks);
        Files.writeString(eks.resolve("etc/systemd/system/kubelet.service.d/30-kubelet-extra-args.conf"), """
                [Service]
                Environment='KUBELET_EXTRA_ARGS=--max-pods=58 --read-only-port=10255 --feature-gates=RotateKubeletServerCertificate=false'
                """);
        CliRunner r = CliRunner.run("node", "--root", eks.toString(), "--owner", owner, "--format", "json",
                "--fail-on", "medium");
        JsonNode report = json(r);
        String extra = "/etc/systemd/system/kubelet.service.d/30-kubelet-extra-args.conf:2";
        assertThat(findings(report, "kubelet-read-only-port")).containsExactly(extra);
        assertThat(findings(report, "kubelet-rotate-server-certificates")).containsExactly(extra);
        // serverTLSBootstrap: true no longer works with the gate off.
        assertThat(findings(report, "kubelet-tls-cert-missing")).singleElement().asString()
                .endsWith("etc/kubernetes/kubelet/kubelet-config.json:34");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    /**
     * An RKE2 server on the CIS profile: RKE2's audit-log flags and k3s's control-plane defaults
     * keep everything quiet but the controller manager's bind address the file opens.
     */
    @Test
    void auditsAnRke2ServerOnTheCisProfile(@TempDir Path rke2) throws IOException {
        copyTree(Path.of("src/test/resources/controlplane/node-rke2"), rke2);
        CliRunner r = CliRunner.run("node", "--root", rke2.toString(), "--owner", owner, "--format", "json",
                "--fail-on", "medium");
        assertThat(r.err()).isEmpty();
        JsonNode report = json(r);
        assertThat(findings(report, "controller-manager-bind-address")).singleElement().asString()
                .endsWith("etc/rancher/rke2/config.yaml:12");
        for (String quiet : List.of("apiserver-anonymous-auth", "apiserver-audit-log-missing",
                "apiserver-audit-policy-missing", "apiserver-encryption-missing", "apiserver-etcd-tls",
                "apiserver-weak-ciphers", "apiserver-extend-token-expiration", "apiserver-admission-plugins",
                "scheduler-bind-address", "scheduler-profiling", "kubelet-anonymous-auth",
                "kubelet-authorization-always-allow", "kubelet-client-ca-missing", "kubelet-read-only-port",
                "kubelet-tls-cert-missing", "kubelet-pod-pids-limit", "kubelet-seccomp-default",
                "kubelet-rotate-certificates", "kubelet-protect-kernel-defaults", "kubelet-tls-ciphers",
                "kube-proxy-metrics-bind-address")) {
            assertThat(findings(report, quiet)).as(quiet).isEmpty();
        }
        assertThat(r.exitCode()).isEqualTo(1);
    }
}
