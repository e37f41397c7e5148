package dev.kubeward.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.Inventory;
import dev.kubeward.model.Resource;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kubelet's --config-dir precedence (cmd/kubelet/app/server.go): the main file, then every
 * *.conf under the directory in filepath.WalkDir order merged over it as JSON merge patches
 * (objects merge key by key, lists are replaced), then the command line over both.
 */
class KubeletDropInTest {
    private static final String MAIN = "/var/lib/kubelet/config.yaml";
    private static final String DIR = "/etc/kubernetes/kubelet.conf.d";
    private static final String WITH_FILE = "[--config=" + MAIN + ", --config-dir=" + DIR + "]";
    private static final String DIR_ONLY = "[--config-dir=" + DIR + "/]";

    private static String config(String body) {
        return "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n" + body + "\n";
    }

    private static String line(String args) {
        return "apiVersion: kubeward.dev/v1\nkind: KubeletCommandLine\nmetadata: {name: kubelet}\nargs: " + args + "\n";
    }

    private static Map<String, String> files(String... nameThenYaml) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenYaml.length; i += 2) {
            out.put(nameThenYaml[i], nameThenYaml[i + 1]);
        }
        return out;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // files, setting (a field, or a feature gate), expected value, file that decides it (null: a default)
                Arguments.of("a drop-in overrides the main file", files(MAIN, config("readOnlyPort: 0"),
                        DIR + "/10-a.conf", config("readOnlyPort: 10255"), "unit", line(WITH_FILE)),
                        "readOnlyPort", "10255", DIR + "/10-a.conf"),
                Arguments.of("later drop-ins win, in lexical order", files(MAIN, config("readOnlyPort: 10255"),
                        DIR + "/20-b.conf", config("readOnlyPort: 0"), DIR + "/10-a.conf", config("readOnlyPort: 10255"),
                        "unit", line(WITH_FILE)),
                        "readOnlyPort", "0", DIR + "/20-b.conf"),
                Arguments.of("flags win over drop-ins", files(DIR + "/10-a.conf", config("readOnlyPort: 10255"),
                        "unit", line("[--config=" + MAIN + ", --config-dir=" + DIR + ", --read-only-port=0]")),
                        "readOnlyPort", "0", "unit"),
                Arguments.of("WalkDir visits a/ before a.conf", files(DIR + "/a.conf", config("readOnlyPort: 0"),
                        DIR + "/a/x.conf", config("readOnlyPort: 10255"), "unit", line(WITH_FILE)),
                        "readOnlyPort", "0", DIR + "/a.conf"),
                Arguments.of("only *.conf files are drop-ins", files(MAIN, config("readOnlyPort: 0"),
                        "unit", line(WITH_FILE), DIR + "/10-a.yaml", config("readOnlyPort: 10255")),
                        "readOnlyPort", "0", MAIN),
                Arguments.of("a file outside the directory is not a drop-in", files(MAIN, config("readOnlyPort: 0"),
                        "/etc/kubernetes/other/10-a.conf", config("readOnlyPort: 10255"), "unit", line(WITH_FILE)),
                        "readOnlyPort", "0", MAIN),
                Arguments.of("drop-ins without --config start from the legacy flag defaults",
                        files(DIR + "/10-a.conf", config("readOnlyPort: 0"), "unit", line(DIR_ONLY)),
                        "authentication.anonymous.enabled", "true", null),
                Arguments.of("a drop-in without --config still sets what it sets",
                        files(DIR + "/10-a.conf", config("authentication: {anonymous: {enabled: false}}"),
                                "unit", line(DIR_ONLY)),
                        "authentication.anonymous.enabled", "false", DIR + "/10-a.conf"),
                Arguments.of("objects merge key by key", files(MAIN, config("authentication: {anonymous: {enabled: false}}"),
                        DIR + "/10-a.conf", config("authentication: {webhook: {enabled: true}}"), "unit", line(WITH_FILE)),
                        "authentication.anonymous.enabled", "false", MAIN),
                Arguments.of("lists are replaced whole", files(MAIN, config("tlsCipherSuites: [A, B]"),
                        DIR + "/10-a.conf", config("tlsCipherSuites: [C]"), "unit", line(WITH_FILE)),
                        "tlsCipherSuites", "C", DIR + "/10-a.conf"),
                Arguments.of("feature gates merge gate by gate", files(
                        MAIN, config("featureGates: {RotateKubeletServerCertificate: false, A: true}"),
                        DIR + "/10-a.conf", config("featureGates: {A: false}"), "unit", line(WITH_FILE)),
                        "gate:RotateKubeletServerCertificate", "false", MAIN),
                Arguments.of("a gate on the command line wins over the drop-ins'", files(
                        DIR + "/10-a.conf", config("featureGates: {RotateKubeletServerCertificate: false}"),
                        "unit", line("[--config-dir=" + DIR + ", '--feature-gates=A=true,RotateKubeletServerCertificate=true']")),
                        "gate:RotateKubeletServerCertificate", "true", "unit"),
                Arguments.of("an unset gate has no value", files(MAIN, config("readOnlyPort: 0"), "unit", line(WITH_FILE)),
                        "gate:RotateKubeletServerCertificate", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void settingInEffect(String name, Map<String, String> files, String setting, String expected, String decidedBy) {
        List<Resource> resources = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            LoadResult loaded = new ManifestLoader().loadText(f.getKey(), f.getValue());
            assertThat(loaded.errors()).isEmpty();
            resources.addAll(loaded.resources());
        }
        KubeletNode node = KubeletNode.all(new Inventory(resources)).stream()
                .filter(n -> !n.commandLines().isEmpty()).findFirst().orElseThrow();
        KubeletNode.Value v = setting.startsWith("gate:") ? node.featureGate(setting.substring(5))
                : node.value(field(setting));
        assertThat(v.text()).isEqualTo(expected);
        assertThat(v.defaulted()).isEqualTo(decidedBy == null);
        if (decidedBy != null) {
            assertThat(v.source().origin().file()).isEqualTo(decidedBy);
        }
    }

    private static KubeletField field(String configName) {
        for (KubeletField f : KubeletField.values()) {
            if (f.configName().equals(configName)) {
                return f;
            }
        }
        throw new IllegalArgumentException(configName);
    }
}
