package dev.kubeward.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.Inventory;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Precedence as the kubelet applies it: flag, else file, else the file's or the flags' defaults. */
class KubeletNodeTest {
    private static final String CONFIG = """
            apiVersion: kubelet.config.k8s.io/v1beta1
            kind: KubeletConfiguration
            readOnlyPort: 10255
            authentication:
              anonymous:
                enabled: false
            """;

    private static String commandLine(String... args) {
        return "apiVersion: kubeward.dev/v1\nkind: KubeletCommandLine\nmetadata: {name: kubelet}\nargs: ["
                + String.join(", ", args) + "]\n";
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // documents, field, expected value, expected to be a default
                Arguments.of(CONFIG, KubeletField.READ_ONLY_PORT, "10255", false),
                Arguments.of(CONFIG + "---\n" + commandLine("--read-only-port=0"), KubeletField.READ_ONLY_PORT, "0", false),
                Arguments.of(CONFIG, KubeletField.AUTHORIZATION_MODE, "Webhook", true),
                Arguments.of(CONFIG, KubeletField.ANONYMOUS_AUTH, "false", false),
                Arguments.of(CONFIG + "---\n" + commandLine("--anonymous-auth"), KubeletField.ANONYMOUS_AUTH, "true", false),
                Arguments.of(commandLine("--kubeconfig=/etc/kubernetes/kubelet.conf"), KubeletField.ANONYMOUS_AUTH, "true", true),
                Arguments.of(commandLine("--kubeconfig=/k"), KubeletField.READ_ONLY_PORT, "10255", true),
                Arguments.of(commandLine("--kubeconfig=/k"), KubeletField.AUTHORIZATION_MODE, "AlwaysAllow", true),
                // --config names a file the scan does not have: its defaults apply, not the flags'.
                Arguments.of(commandLine("--config=/var/lib/kubelet/config.yaml"), KubeletField.READ_ONLY_PORT, "0", true),
                Arguments.of(commandLine("--rotate-certificates=false") + "---\n" + commandLine("--rotate-certificates"),
                        KubeletField.ROTATE_CERTIFICATES, "true", false),
                Arguments.of(CONFIG, KubeletField.STREAMING_CONNECTION_IDLE_TIMEOUT, "4h0m0s", true),
                Arguments.of(CONFIG, KubeletField.CLIENT_CA_FILE, null, true));
    }

    @ParameterizedTest(name = "[{index}] {1} = {2}")
    @MethodSource("cases")
    void valueInEffect(String yaml, KubeletField field, String expected, boolean defaulted) {
        LoadResult loaded = new ManifestLoader().loadText("kubelet.yaml", yaml);
        assertThat(loaded.errors()).isEmpty();
        KubeletNode node = KubeletNode.all(new Inventory(loaded.resources())).get(0);
        KubeletNode.Value v = node.value(field);
        assertThat(v.text()).isEqualTo(expected);
        assertThat(v.defaulted()).isEqualTo(defaulted);
    }
}
