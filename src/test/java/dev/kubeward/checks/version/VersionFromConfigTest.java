package dev.kubeward.checks.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeward.check.CheckRegistry;
import dev.kubeward.check.Config;
import dev.kubeward.check.ConfigException;
import dev.kubeward.check.Finding;
import dev.kubeward.check.Scanner;
import dev.kubeward.model.Inventory;
import dev.kubeward.source.ManifestLoader;
import dev.kubeward.source.ParsedDocument;
import dev.kubeward.source.YamlTreeBuilder;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionFromConfigTest {
    private static final String MANIFESTS = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: kube-apiserver
              namespace: kube-system
            spec:
              containers:
                - name: kube-apiserver
                  image: registry.k8s.io/kube-apiserver:v1.37.1
            """;

    @Test
    void theConfiguredVersionWinsAndIsReportedOnceOnTheFirstObject() throws Exception {
        List<Finding> findings = scan("kubernetesVersion: v1.29.3\nversionCheckDate: \"2026-11-23\"\n");
        assertThat(findings).extracting(f -> f.checkId() + "@" + f.line() + ": " + f.message()).containsExactly(
                "kubernetes-version-eol@1: kubernetesVersion v1.29.3 (configuration): Kubernetes 1.29 reached end of "
                        + "life on 2025-02-28 and gets no more security fixes (supported on 2026-11-23: 1.37, 1.36, 1.35)");
    }

    @Test
    void withoutConfigurationTheApiServerImageIsTheVersion() throws Exception {
        assertThat(scan("versionCheckDate: \"2026-11-23\"\n")).isEmpty();
        // The same image judged on 1.37's end-of-life day.
        assertThat(scan("versionCheckDate: \"2027-10-28\"\n")).extracting(Finding::checkId, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("kubernetes-version-eol", 14));
    }

    @Test
    void aConfiguredSupportedVersionOnItsLatestPatchIsQuiet() throws Exception {
        assertThat(scan("kubernetesVersion: \"1.37.1\"\nversionCheckDate: \"2026-11-23\"\n")).isEmpty();
    }

    @Test
    void configRejectsAVersionOrDateTheChecksCouldNotRead() {
        assertThatThrownBy(() -> config("kubernetesVersion: latest\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("kubernetesVersion must be a version");
        assertThatThrownBy(() -> config("versionCheckDate: \"23.11.2026\"\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("versionCheckDate must be a date");
    }

    @Test
    void theBundledTableIsOrderedDatedAndConsistent() {
        KubernetesReleases table = KubernetesReleases.bundled();
        assertThat(table.asOf()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(table.newest().minor().minorLabel()).isEqualTo("1.37");
        for (KubernetesReleases.Release r : table.releases()) {
            assertThat(r.endOfLife()).as(r.minor().minorLabel()).isAfter(r.released());
            if (r.latestPatch() != null) {
                assertThat(r.latestPatch().minorLabel()).isEqualTo(r.minor().minorLabel());
            }
        }
        assertThat(table.supportedOn(table.asOf())).extracting(r -> r.minor().minorLabel())
                .containsExactly("1.37", "1.36", "1.35");
    }

    private static List<Finding> scan(String configYaml) throws Exception {
        CheckRegistry registry = CheckRegistry.builtIn();
        CheckRegistry versionChecks = new CheckRegistry(List.of(registry.find("kubernetes-version-eol").orElseThrow().check(),
                registry.find("kubernetes-version-behind").orElseThrow().check()));
        Inventory inventory = new Inventory(new ManifestLoader().loadText("cluster.yaml", MANIFESTS).resources());
        return new Scanner(versionChecks, config(configYaml)).scan(inventory);
    }

    private static Config config(String yaml) throws Exception {
        ParsedDocument doc = YamlTreeBuilder.parse(yaml, 1);
        return Config.parse(doc.root(), ".kubeward.yaml", p -> doc.sourceMap().locate(doc.root(), p).line(),
                CheckRegistry.builtIn().ids());
    }
}
