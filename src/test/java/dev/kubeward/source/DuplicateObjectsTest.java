package dev.kubeward.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two objects the API server would store as one (group, kind, namespace, name): the last one is
 * kept, as kubectl apply leaves it, and the earlier one is a notice naming both places.
 */
class DuplicateObjectsTest {
    private final ManifestLoader loader = new ManifestLoader();

    @Test
    void theLastOneIsKeptAndTheFirstIsANoticeNamingBoth(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: shop}\n"
                + "data: {v: first}\n");
        Files.writeString(dir.resolve("b.yaml"), "# second\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: shop}\n"
                + "data: {v: second}\n");
        LoadResult r = loader.load(List.of(dir.toString()));
        assertThat(r.resources()).singleElement().satisfies(c -> {
            assertThat(c.object().at("/data/v").asText()).isEqualTo("second");
            assertThat(c.origin().file()).endsWith("b.yaml");
        });
        assertThat(r.errors()).isEmpty();
        assertThat(r.notices()).singleElement().satisfies(n -> {
            assertThat(n.file()).endsWith("a.yaml");
            assertThat(n.line()).isEqualTo(1);
            assertThat(n.message()).isEqualTo("duplicate-object: ConfigMap shop/cfg is also defined at " + dir.resolve("b.yaml")
                    + ":2; kubectl apply leaves the last one applied, so that one is analysed and this one is not");
        });
    }

    @Test
    void theVersionDoesNotMatterTheGroupDoes() {
        String text = """
                apiVersion: apps/v1beta2
                kind: Deployment
                metadata: {name: web, namespace: shop}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                ---
                apiVersion: example.com/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                """;
        LoadResult r = loader.loadText("d.yaml", text);
        assertThat(r.resources()).extracting(Resource::apiVersion).containsExactly("apps/v1", "example.com/v1");
        assertThat(r.notices()).singleElement().satisfies(n -> assertThat(n.line()).isEqualTo(1));
    }

    @Test
    void namespacesAsKubectlSetsThemDecide() {
        String text = """
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: app}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: app, namespace: default}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: app, namespace: other}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: app}
                """;
        LoadResult r = loader.loadText("sa.yaml", text);
        assertThat(r.resources()).extracting(x -> x.kind() + " " + x.namespace()).containsExactly(
                "ServiceAccount default", "ServiceAccount other", "Namespace null");
        assertThat(r.notices()).hasSize(1);
    }

    @Test
    void generatedNamesAndUnnamedConfigurationAreNeverDuplicates() {
        String text = """
                apiVersion: batch/v1
                kind: Job
                metadata: {generateName: run-, namespace: ci}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {generateName: run-, namespace: ci}
                ---
                apiVersion: kubelet.config.k8s.io/v1beta1
                kind: KubeletConfiguration
                ---
                apiVersion: kubelet.config.k8s.io/v1beta1
                kind: KubeletConfiguration
                """;
        LoadResult r = loader.loadText("j.yaml", text);
        assertThat(r.resources()).hasSize(4);
        assertThat(r.notices()).isEmpty();
    }

    @Test
    void staticPodsOfTwoNodesAreTwoPodsButOneNodeDirectoryHoldsOne(@TempDir Path dir) throws Exception {
        String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: kube-apiserver, namespace: kube-system}\n"
                + "spec: {containers: [{name: a, image: registry.k8s.io/kube-apiserver:v1.31.0}]}\n";
        for (String node : List.of("node1", "node2")) {
            Path manifests = Files.createDirectories(dir.resolve(node).resolve("etc/kubernetes/manifests"));
            Files.writeString(manifests.resolve("kube-apiserver.yaml"), pod);
        }
        // The same pod twice in one node's directory is one pod for that kubelet: a duplicate.
        Files.writeString(dir.resolve("node2/etc/kubernetes/manifests/apiserver-copy.yaml"), pod);
        // Outside a static pod directory, the same name is one API object written twice.
        Files.createDirectories(dir.resolve("k8s"));
        Files.writeString(dir.resolve("k8s/a.yaml"), pod);
        Files.writeString(dir.resolve("k8s/b.yaml"), pod);
        LoadResult r = loader.load(List.of(dir.toString()));
        assertThat(r.resources()).extracting(x -> dir.relativize(Path.of(x.origin().file())).toString())
                .containsExactlyInAnyOrder("k8s/b.yaml", "node1/etc/kubernetes/manifests/kube-apiserver.yaml",
                        "node2/etc/kubernetes/manifests/kube-apiserver.yaml");
        assertThat(r.notices()).extracting(n -> dir.relativize(Path.of(n.file())).toString())
                .containsExactlyInAnyOrder("k8s/a.yaml", "node2/etc/kubernetes/manifests/apiserver-copy.yaml");
    }
}
