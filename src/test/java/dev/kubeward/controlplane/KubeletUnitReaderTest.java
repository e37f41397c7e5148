package dev.kubeward.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import dev.kubeward.source.node.KubeletUnitReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubeadm's unit, drop-in and environment file, read as systemd builds the kubelet's command line. */
class KubeletUnitReaderTest {
    private static final Path NODE = Path.of("src/test/resources/controlplane/node");

    @Test
    void kubeadmDropInReplacesExecStartAndExpandsItsVariables() throws Exception {
        List<Path> files = List.of(NODE.resolve("lib/systemd/system/kubelet.service"),
                NODE.resolve("etc/systemd/system/kubelet.service.d/10-kubeadm.conf"));
        List<Resource> lines = KubeletUnitReader.read(files, NODE, p -> "/" + NODE.relativize(p));

        List<String> args = new ArrayList<>();
        lines.forEach(r -> r.object().path("args").forEach(a -> args.add(a.asText())));
        assertThat(args).containsExactly("--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf",
                "--kubeconfig=/etc/kubernetes/kubelet.conf", "--config=/var/lib/kubelet/config.yaml",
                "--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock",
                "--pod-infra-container-image=registry.k8s.io/pause:3.9", "--read-only-port=10255");
        // Words from the drop-in and from the environment file are separate objects, each in its own file.
        assertThat(lines).extracting(r -> r.origin().file())
                .containsExactly("/etc/systemd/system/kubelet.service.d/10-kubeadm.conf", "/var/lib/kubelet/kubeadm-flags.env");
        assertThat(lines.get(1).locate(JsonPath.of("args").index(2)).line()).isEqualTo(1);
        assertThat(lines.get(0).locate(JsonPath.of("args").index(2)).line()).isEqualTo(4);
    }

    @Test
    void laterEnvironmentAssignmentsWinAndBracedVariablesStayOneWord(@TempDir Path dir) throws Exception {
        Path unit = dir.resolve("kubelet.service");
        Files.writeString(unit, """
                [Service]
                Environment="A=--anonymous-auth=true"
                Environment="A=--anonymous-auth=false --v=2"
                Environment="B=--hostname-override=node 1"
                ExecStart=/usr/bin/kubelet $A ${B}
                """);
        List<Resource> lines = KubeletUnitReader.read(List.of(unit), dir, Path::toString);
        List<String> args = new ArrayList<>();
        lines.forEach(r -> r.object().path("args").forEach(a -> args.add(a.asText())));
        assertThat(args).containsExactly("--anonymous-auth=false", "--v=2", "--hostname-override=node 1");
    }

    @Test
    void noExecStartMeansNoCommandLine(@TempDir Path dir) throws Exception {
        Path unit = dir.resolve("kubelet.service");
        Files.writeString(unit, "[Service]\nExecStart=/usr/bin/kubelet --v=2\nExecStart=\n");
        assertThat(KubeletUnitReader.read(List.of(unit), dir, Path::toString)).isEmpty();
    }

    @Test
    void singleQuotesGroupLikeDoubleQuotes(@TempDir Path dir) throws Exception {
        // EKS's bootstrap writes its drop-ins with single quotes.
        Path unit = dir.resolve("kubelet.service");
        Files.writeString(unit, """
                [Service]
                Environment='KUBELET_ARGS=--node-ip=10.0.0.1 --v=2'
                Environment="LABEL=--node-labels=team=it's"
                ExecStart=/usr/bin/kubelet --config /etc/kubernetes/kubelet/kubelet-config.json $KUBELET_ARGS ${LABEL} '--x=a b'
                """);
        List<Resource> lines = KubeletUnitReader.read(List.of(unit), dir, Path::toString);
        List<String> args = new ArrayList<>();
        lines.forEach(r -> r.object().path("args").forEach(a -> args.add(a.asText())));
        assertThat(args).containsExactly("--config", "/etc/kubernetes/kubelet/kubelet-config.json", "--node-ip=10.0.0.1",
                "--v=2", "--node-labels=team=it's", "--x=a b");
    }
}
