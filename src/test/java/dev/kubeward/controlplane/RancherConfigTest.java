package dev.kubeward.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.Kinds;
import dev.kubeward.model.Resource;
import dev.kubeward.source.node.RancherConfigReader;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** k3s/RKE2 configuration files: which files they are, how their *-arg lists combine with the defaults. */
class RancherConfigTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
        "/etc/rancher/k3s/config.yaml, k3s",
        "/tmp/copy/etc/rancher/rke2/config.yaml, rke2",
        "etc/rancher/k3s/config.yaml, k3s",
        "infra/prod-server.k3s.yaml, k3s",
        "infra/Agent.RKE2.yml, rke2",
        // k3s's and RKE2's kubeconfig files, and their registries file, are not configuration.
        "/etc/rancher/k3s/k3s.yaml, none",
        "/etc/rancher/rke2/rke2.yaml, none",
        "/etc/rancher/k3s/registries.yaml, none",
        "config.yaml, none",
        "/etc/rancher/k3s/config.yaml.d/10-extra.yaml, none",
        "/etc/rancher/k3s/config.yaml.bak, none"})
    void recognisesFilesByName(String file, String distribution) {
        assertThat(RancherConfigReader.distributionOfFile(file).orElse(null))
                .isEqualTo(distribution);
    }

    @Test
    void aDocumentWithApiVersionIsNeverAConfigFile() {
        LoadResult loaded = new ManifestLoader().loadText("/etc/rancher/k3s/config.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\nkubelet-arg: [anonymous-auth=false]\n---\n- a list\n");
        assertThat(loaded.resources()).extracting(Resource::kind).containsExactly("ConfigMap", Kinds.RANCHER_CONFIG);
        assertThat(loaded.resources().get(1).name()).isEqualTo("k3s");
        assertThat(loaded.skipped()).hasSize(1);
    }

    private static Resource load(String file, String yaml) {
        LoadResult loaded = new ManifestLoader().loadText(file, yaml);
        assertThat(loaded.errors()).isEmpty();
        return loaded.resources().get(0);
    }

    static Stream<Arguments> getArgs() {
        Map<String, String> defaults = Map.of("enable-admission-plugins", "NodeRestriction", "profiling", "false");
        return Stream.of(
                // the file's list, the defaults, the command line k3s's util.GetArgs builds (keys sorted)
                Arguments.of("kube-apiserver-arg: []", defaults,
                        List.of("--enable-admission-plugins=NodeRestriction", "--profiling=false")),
                Arguments.of("kube-apiserver-arg: [profiling=true]", defaults,
                        List.of("--enable-admission-plugins=NodeRestriction", "--profiling=true")),
                Arguments.of("kube-apiserver-arg: ['enable-admission-plugins+=PodSecurity']", defaults,
                        List.of("--enable-admission-plugins=NodeRestriction", "--enable-admission-plugins=PodSecurity",
                                "--profiling=false")),
                Arguments.of("kube-apiserver-arg: ['enable-admission-plugins-=AlwaysPullImages']", defaults,
                        List.of("--enable-admission-plugins=AlwaysPullImages", "--enable-admission-plugins=NodeRestriction",
                                "--profiling=false")),
                // A plain name=value drops the default, and repetitions accumulate.
                Arguments.of("kube-apiserver-arg: [enable-admission-plugins=A, enable-admission-plugins=B]", defaults,
                        List.of("--enable-admission-plugins=A", "--enable-admission-plugins=B", "--profiling=false")),
                Arguments.of("kube-apiserver-arg: ['--profiling=true', v]", Map.of(),
                        List.of("--profiling=true", "--v=true")),
                // One string instead of a list, and values that YAML types as numbers or booleans.
                Arguments.of("kube-apiserver-arg: audit-log-maxage=30", Map.of(), List.of("--audit-log-maxage=30")),
                Arguments.of("kube-apiserver-arg: [7, null, {a: b}]", Map.of(), List.of("--7=true")),
                // The value keeps everything after the first '='.
                Arguments.of("kube-apiserver-arg: ['feature-gates=A=true,B=false']", Map.of(),
                        List.of("--feature-gates=A=true,B=false")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("getArgs")
    void buildsTheCommandLineAsK3sDoes(String yaml, Map<String, String> defaults, List<String> expected) {
        Resource r = load("/etc/rancher/k3s/config.yaml", yaml);
        assertThat(RancherConfig.tokens(r, "kube-apiserver-arg", defaults)).extracting(FlagToken::text)
                .containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> effective() {
        return Stream.of(
                // file, content, component, flag, value in effect (null: the component is not run from this file)
                Arguments.of("k3s.k3s.yaml", "write-kubeconfig-mode: '0600'", Component.API_SERVER, "anonymous-auth", "false"),
                Arguments.of("k3s.k3s.yaml", "kube-apiserver-arg: [anonymous-auth=true]", Component.API_SERVER,
                        "anonymous-auth", "true"),
                Arguments.of("k3s.k3s.yaml", "cluster-init: true", Component.API_SERVER, "authorization-mode", "Node,RBAC"),
                Arguments.of("k3s.k3s.yaml", "cluster-init: true", Component.API_SERVER, "etcd-servers",
                        "https://127.0.0.1:2379"),
                Arguments.of("k3s.k3s.yaml", "tls-san: [k3s.example.com]", Component.API_SERVER, "etcd-servers",
                        "unix://kine.sock"),
                Arguments.of("k3s.k3s.yaml", "datastore-endpoint: postgres://db:5432/k3s", Component.API_SERVER,
                        "etcd-servers", "unix://kine.sock"),
                Arguments.of("k3s.k3s.yaml", "datastore-endpoint: https://etcd:2379\ndatastore-cafile: /ca.crt",
                        Component.API_SERVER, "etcd-cafile", "/ca.crt"),
                Arguments.of("k3s.k3s.yaml", "secrets-encryption: true", Component.API_SERVER,
                        "encryption-provider-config", "/var/lib/rancher/k3s/server/cred/encryption-config.json"),
                Arguments.of("k3s.k3s.yaml", "tls-san: [x]\ndata-dir: /data/k3s", Component.API_SERVER, "tls-cert-file",
                        "/data/k3s/server/tls/serving-kube-apiserver.crt"),
                Arguments.of("k3s.k3s.yaml", "disable: [traefik]", Component.CONTROLLER_MANAGER, "bind-address", "127.0.0.1"),
                Arguments.of("k3s.k3s.yaml", "kube-scheduler-arg: [bind-address=0.0.0.0]", Component.SCHEDULER,
                        "bind-address", "0.0.0.0"),
                // Without a CIS profile neither distribution sets the audit log.
                Arguments.of("rke2.rke2.yaml", "profile: cis\ntls-san: [x]", Component.API_SERVER, "audit-log-maxage", "30"),
                // RKE2's CIS hardening sets the profile on agents too: it does not make a server.
                Arguments.of("rke2.rke2.yaml", "profile: cis", Component.API_SERVER, "audit-log-maxage", null),
                Arguments.of("rke2.rke2.yaml", "tls-san: [x]", Component.API_SERVER, "audit-log-path", "absent"),
                Arguments.of("rke2.rke2.yaml", "tls-san: [x]", Component.API_SERVER, "etcd-certfile",
                        "/var/lib/rancher/rke2/server/tls/etcd/client.crt"),
                // An agent's file (server URL and token only) runs no control plane.
                Arguments.of("agent.k3s.yaml", "server: https://10.0.0.1:6443\ntoken: x", Component.API_SERVER,
                        "anonymous-auth", null));
    }

    @ParameterizedTest(name = "{0} {1}: {3}")
    @MethodSource("effective")
    void controlPlaneFlagsInEffect(String file, String yaml, Component component, String flag, String expected) {
        List<ComponentConfig> found = ComponentConfig.of(load(file, yaml), ControlPlaneSettings.DEFAULT);
        if (expected == null) {
            assertThat(found).isEmpty();
            return;
        }
        ComponentConfig c = found.stream().filter(x -> x.component() == component).findFirst().orElseThrow();
        assertThat(c.flags().effective(flag).map(Setting::value).orElse("absent")).isEqualTo(expected);
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void etcdIsNotReadFromTheFile() {
        List<ComponentConfig> found = ComponentConfig.of(load("s.k3s.yaml", "cluster-init: true\netcd-arg: [auto-tls=true]"),
                ControlPlaneSettings.DEFAULT);
        assertThat(found).extracting(ComponentConfig::component)
                .containsExactly(Component.API_SERVER, Component.CONTROLLER_MANAGER, Component.SCHEDULER);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'kubelet-arg: [read-only-port=10255]', read-only-port, 10255",
        "'token: x', read-only-port, 0",
        "'token: x', config-dir, /var/lib/rancher/k3s/agent/etc/kubelet.conf.d",
        "'data-dir: /srv/k3s', config-dir, /srv/k3s/agent/etc/kubelet.conf.d",
        "'kubelet-arg: [config-dir=/etc/kubelet.d]', config-dir, /etc/kubelet.d"})
    void kubeletCommandLine(String yaml, String flag, String expected) {
        Resource r = load("/etc/rancher/k3s/config.yaml", yaml);
        KubeletNode node = KubeletNode.all(new dev.kubeward.model.Inventory(List.of(r))).get(0);
        assertThat(node.flags().explicit(flag).map(Setting::value).orElse(null)).isEqualTo(expected);
    }
}
