package dev.kubeward.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.JsonPath;
import dev.kubeward.model.KubernetesVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Command lines as the binaries read them: forms, repetitions, lists, booleans and defaults. */
class FlagParserTest {
    static Flags flags(Component c, KubernetesVersion v, String... words) {
        return Flags.resolve(c, v, FlagParser.parse(c, tokens(words)).flags());
    }

    static List<FlagToken> tokens(String... words) {
        List<FlagToken> out = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            out.add(new FlagToken(words[i], JsonPath.of("args").index(i)));
        }
        return out;
    }

    static Stream<Arguments> effectiveValues() {
        KubernetesVersion v130 = KubernetesVersion.of(1, 30);
        KubernetesVersion v119 = KubernetesVersion.of(1, 19);
        return Stream.of(
                // component, version, flag asked, expected value (null: none), command line
                Arguments.of(Component.API_SERVER, v130, "profiling", "true", List.of()),
                Arguments.of(Component.API_SERVER, v130, "profiling", "false", List.of("--profiling=false")),
                Arguments.of(Component.API_SERVER, v130, "profiling", "true", List.of("--profiling=false", "--profiling")),
                Arguments.of(Component.API_SERVER, v130, "anonymous-auth", "true", List.of()),
                Arguments.of(Component.API_SERVER, v130, "authorization-mode", "AlwaysAllow", List.of()),
                Arguments.of(Component.API_SERVER, v130, "authorization-mode", "Node,RBAC",
                        List.of("--authorization-mode", "Node,RBAC")),
                Arguments.of(Component.API_SERVER, v130, "authorization-mode", "Node,RBAC,Webhook",
                        List.of("--authorization-mode=Node", "--authorization-mode=RBAC,Webhook")),
                Arguments.of(Component.API_SERVER, v130, "enable-admission-plugins", "NodeRestriction,EventRateLimit",
                        List.of("--enable-admission-plugins=NodeRestriction", "--enable-admission-plugins=EventRateLimit")),
                Arguments.of(Component.API_SERVER, v130, "audit-log-path", "/var/log/a.log",
                        List.of("--audit-log-path=/tmp/x", "--audit-log-path", "/var/log/a.log")),
                Arguments.of(Component.API_SERVER, v130, "insecure-port", null, List.of()),
                Arguments.of(Component.API_SERVER, v119, "insecure-port", "8080", List.of()),
                Arguments.of(Component.API_SERVER, v119, "insecure-bind-address", "127.0.0.1", List.of()),
                Arguments.of(Component.API_SERVER, v130, "feature-gates", "A=true,B=false,A=false",
                        List.of("--feature-gates=A=true,B=false", "--feature-gates=A=false")),
                Arguments.of(Component.CONTROLLER_MANAGER, v130, "bind-address", "0.0.0.0", List.of()),
                Arguments.of(Component.CONTROLLER_MANAGER, v130, "use-service-account-credentials", "false", List.of()),
                Arguments.of(Component.SCHEDULER, v130, "bind-address", "127.0.0.1", List.of("--bind-address=127.0.0.1")),
                Arguments.of(Component.ETCD, v130, "client-cert-auth", "true", List.of("-client-cert-auth")),
                Arguments.of(Component.ETCD, v130, "client-cert-auth", "false", List.of()),
                Arguments.of(Component.ETCD, v130, "cipher-suites", "B",
                        List.of("--cipher-suites=A", "--cipher-suites=B")),
                Arguments.of(Component.API_SERVER, v130, "v", "2", List.of("-v", "2")));
    }

    @ParameterizedTest(name = "{0} {1} {4} -> --{2}={3}")
    @MethodSource("effectiveValues")
    void effectiveValue(Component c, KubernetesVersion v, String flag, String expected, List<String> words) {
        Flags f = flags(c, v, words.toArray(String[]::new));
        assertThat(f.effective(flag).map(Setting::value).orElse(null)).isEqualTo(expected);
    }

    @Test
    void featureGatesMergeLaterKeysWinning() {
        Flags f = flags(Component.CONTROLLER_MANAGER, ControlPlaneSettings.NEWEST,
                "--feature-gates=RotateKubeletServerCertificate=true,Foo=true", "--feature-gates=RotateKubeletServerCertificate=false");
        Setting gates = f.explicit("feature-gates").orElseThrow();
        assertThat(gates.entries()).containsEntry("RotateKubeletServerCertificate", "false").containsEntry("Foo", "true");
        assertThat(gates.pathOfKey("RotateKubeletServerCertificate")).hasToString("args[1]");
    }

    @Test
    void eachListElementKeepsTheOccurrenceThatWroteIt() {
        Flags f = flags(Component.API_SERVER, ControlPlaneSettings.NEWEST, "--authorization-mode=Node,RBAC", "--v=2",
                "--authorization-mode=AlwaysAllow");
        Setting mode = f.explicit("authorization-mode").orElseThrow();
        assertThat(mode.pathOf("RBAC")).hasToString("args[0]");
        assertThat(mode.pathOf("AlwaysAllow")).hasToString("args[2]");
    }

    @Test
    void aSeparateValueAfterABooleanIsAStrayArgumentAndTheFlagIsTrue() {
        FlagParser.Result r = FlagParser.parse(Component.API_SERVER, tokens("--profiling", "false"));
        assertThat(r.flags()).containsExactly(new FlagOccurrence("profiling", null, JsonPath.of("args").index(0)));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).hasToString("args[1]");
            assertThat(p.message()).contains("--profiling=false");
        });
        assertThat(Flags.resolve(Component.API_SERVER, ControlPlaneSettings.NEWEST, r.flags()).bool("profiling")).contains(true);
    }

    @Test
    void aValueFlagAtTheEndIsReportedAndNothingAfterDoubleDashIsAFlag() {
        FlagParser.Result r = FlagParser.parse(Component.ETCD, tokens("--name=a", "--data-dir"));
        assertThat(r.problems()).extracting(FlagProblem::message).singleElement().asString().contains("needs a value");
        FlagParser.Result r2 = FlagParser.parse(Component.ETCD, tokens("--", "--auto-tls"));
        assertThat(r2.flags()).isEmpty();
        assertThat(r2.problems()).hasSize(1);
    }

    @Test
    void goBooleansAcceptWhatStrconvAccepts() {
        for (String t : Arrays.asList("1", "t", "T", "true", "TRUE", "True")) {
            assertThat(Setting.parseBool(t)).as(t).contains(true);
        }
        for (String f : Arrays.asList("0", "f", "F", "false", "FALSE", "False")) {
            assertThat(Setting.parseBool(f)).as(f).contains(false);
        }
        assertThat(Setting.parseBool("yes")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("images")
    void versionsComeFromKubernetesImageTagsOnly(String image, String expected) {
        assertThat(KubernetesVersion.fromImage(image).map(KubernetesVersion::minorLabel).orElse(null)).isEqualTo(expected);
    }

    static Stream<Arguments> images() {
        return Stream.of(
                Arguments.of("registry.k8s.io/kube-apiserver:v1.30.2", "1.30"),
                Arguments.of("k8s.gcr.io/kube-apiserver-amd64:v1.11.10", "1.11"),
                Arguments.of("registry:5000/kube-apiserver:v1.29.0@sha256:abc", "1.29"),
                Arguments.of("registry.k8s.io/etcd:3.5.12-0", null),
                Arguments.of("registry:5000/kube-apiserver", null),
                Arguments.of("kube-apiserver@sha256:abc", null));
    }
}
