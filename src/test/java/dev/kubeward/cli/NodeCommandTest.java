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
}
