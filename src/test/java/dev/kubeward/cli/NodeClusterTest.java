package dev.kubeward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubeward.source.cluster.MockCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code node --cluster}: each kubelet's live configuration from {@code /api/v1/nodes/NAME/proxy/configz}. */
class NodeClusterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HARDENED = Path.of("src/test/resources/cluster/configz-kubeadm.json");
    private static final Path INSECURE = Path.of("src/test/resources/cluster/configz-insecure.json");
    @TempDir
    Path tmp;
    private MockCluster cluster;
    private String kubeconfig;

    @BeforeEach
    void start() throws Exception {
        cluster = new MockCluster();
        kubeconfig = cluster.kubeconfig(tmp, "kind-shop").toString();
        node("good", HARDENED);
        node("bad", INSECURE);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void node(String name, Path configz) throws Exception {
        ObjectNode node = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Node");
        node.putObject("metadata").put("name", name);
        cluster.create(node, null);
        cluster.server.expect().get().withPath("/api/v1/nodes/" + name + "/proxy/configz")
                .andReturn(200, Files.readString(configz)).always();
    }

    private static Set<String> findings(String json, String file) throws Exception {
        Set<String> out = new TreeSet<>();
        for (JsonNode f : JSON.readTree(json).get("findings")) {
            if ((file == null || f.get("file").asText().endsWith(file)) && f.get("checkId").asText().startsWith("kubelet-")) {
                out.add(f.get("checkId").asText() + " " + f.get("path").asText() + " " + f.get("message").asText());
            }
        }
        return out;
    }

    @Test
    void eachKubeletIsJudgedOnWhatItRunsWith() throws Exception {
        CliRunner r = CliRunner.run("node", "--cluster", "--kubeconfig", kubeconfig, "-f", "json", "--fail-on", "high");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        Set<String> bad = findings(r.out(), "cluster:kind-shop/Node/bad/configz");
        assertThat(String.join("\n", bad)).contains("kubelet-anonymous-auth authentication.anonymous.enabled",
                "kubelet-authorization-always-allow authorization.mode", "kubelet-read-only-port readOnlyPort",
                "kubelet-protect-kernel-defaults", "kubelet-iptables-util-chains");
        Set<String> good = findings(r.out(), "cluster:kind-shop/Node/good/configz");
        assertThat(String.join("\n", good)).doesNotContain("kubelet-anonymous-auth", "kubelet-authorization-always-allow",
                "kubelet-read-only-port", "kubelet-protect-kernel-defaults", "kubelet-iptables-util-chains");
        CliRunner text = CliRunner.run("node", "--cluster", "--kubeconfig", kubeconfig);
        assertThat(text.out()).contains("cluster:kind-shop/Node/bad/configz").contains("authentication.anonymous.enabled");
    }

    @Test
    void aLiveKubeletGetsTheFindingsOfTheSameConfigurationAsAFile() throws Exception {
        JsonNode config = JSON.readTree(INSECURE.toFile()).get("kubeletconfig");
        ObjectNode file = JSON.createObjectNode().put("apiVersion", "kubelet.config.k8s.io/v1beta1")
                .put("kind", "KubeletConfiguration");
        file.setAll((ObjectNode) config);
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("var/lib/kubelet"));
        Files.writeString(root.resolve("var/lib/kubelet/config.yaml"), JSON.writeValueAsString(file));
        CliRunner fromFile = CliRunner.run("node", "--root", root.toString(), "-f", "json", "--fail-on", "none");
        CliRunner live = CliRunner.run("node", "--cluster", "--kubeconfig", kubeconfig, "--node", "bad", "-f", "json",
                "--fail-on", "none");
        Set<String> expected = findings(fromFile.out(), "/var/lib/kubelet/config.yaml");
        assertThat(expected).hasSizeGreaterThan(4);
        assertThat(findings(live.out(), null)).isEqualTo(expected);
    }

    @Test
    void aKubeletThatCannotBeAskedIsNotChecked() throws Exception {
        ObjectNode node = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Node");
        node.putObject("metadata").put("name", "locked");
        cluster.create(node, null);
        cluster.server.expect().get().withPath("/api/v1/nodes/locked/proxy/configz")
                .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\"}").always();
        CliRunner r = CliRunner.run("node", "--cluster", "--kubeconfig", kubeconfig, "-f", "json");
        assertThat(JSON.readTree(r.out()).at("/input/notChecked").toString())
                .contains("kubelet configuration of node locked").contains("forbidden (get nodes/proxy)");
        // The other kubelets are still judged.
        assertThat(findings(r.out(), "cluster:kind-shop/Node/bad/configz")).isNotEmpty();
        CliRunner missing = CliRunner.run("node", "--cluster", "--kubeconfig", kubeconfig, "--node", "nope");
        assertThat(missing.out() + missing.err()).contains("not checked: kubelet configuration of node nope");
    }

    @Test
    void nodeNeedsCluster() {
        CliRunner r = CliRunner.run("node", "--node", "good");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--node needs --cluster");
    }
}
