package dev.kubeward.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.Resource;
import dev.kubeward.source.repo.FileSelection;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * kubectl apply's namespace handling, as cli-runtime's resource builder does it
 * (staging/src/k8s.io/cli-runtime/pkg/resource/visitor.go: SetNamespace without -n, RequireNamespace
 * with it; the namespace is written into the object sent).
 */
class ApplyNamespaceTest {
    private static final String BUNDLE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: empty, namespace: ""}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: mine, namespace: shop}
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: elsewhere
              namespace: other
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata: {name: fast, namespace: ignored}
            provisioner: x
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: clusterwidgets.example.com}
            spec: {group: example.com, scope: Cluster, names: {kind: ClusterWidget, plural: clusterwidgets}}
            ---
            apiVersion: example.com/v1
            kind: ClusterWidget
            metadata: {name: cw}
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            ---
            apiVersion: kubelet.config.k8s.io/v1beta1
            kind: KubeletConfiguration
            authentication: {anonymous: {enabled: false}}
            ---
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: ServiceAccount
                metadata: {name: listed}
            """;

    private static Map<String, String> namespaces(LoadResult r) {
        return r.resources().stream().collect(Collectors.toMap(Resource::name,
                res -> res.object().path("metadata").path("namespace").asText("<none>")));
    }

    private static LoadResult load(String namespace) {
        return new ManifestLoader(new ReadOptions(FileSelection.Options.DEFAULT, namespace)).loadText("b.yaml", BUNDLE);
    }

    @Test
    void withoutNamespaceObjectsWithoutOneGoToDefault() {
        LoadResult r = load(null);
        assertThat(r.errors()).isEmpty();
        Map<String, String> ns = namespaces(r);
        assertThat(ns).containsEntry("web", "default").containsEntry("empty", "default").containsEntry("w", "default")
                .containsEntry("listed", "default").containsEntry("mine", "shop").containsEntry("elsewhere", "other");
        assertThat(ns).as("cluster-scoped kinds are left as they are").containsEntry("reader", "<none>")
                .containsEntry("shop", "<none>").containsEntry("fast", "ignored").containsEntry("cw", "<none>");
        assertThat(r.resources()).filteredOn(res -> res.kind().equals("KubeletConfiguration")).singleElement()
                .satisfies(res -> assertThat(res.object().has("metadata")).as("a configuration file is not an API object").isFalse());
        Resource web = r.resources().get(0);
        assertThat(web.namespace()).isEqualTo("default");
        assertThat(web.namespaceDefaulted()).isTrue();
        assertThat(r.resources().get(2).namespaceDefaulted()).isFalse();
    }

    @Test
    void withNamespaceObjectsWithoutOneGoThereAndOthersAreRefusedAsKubectlRefusesThem() {
        LoadResult r = load("shop");
        Map<String, String> ns = namespaces(r);
        assertThat(ns).containsEntry("web", "shop").containsEntry("empty", "shop").containsEntry("listed", "shop")
                .containsEntry("mine", "shop").containsEntry("reader", "<none>").containsEntry("fast", "ignored");
        assertThat(ns).as("not applied").doesNotContainKey("elsewhere");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("b.yaml");
            assertThat(e.line()).isEqualTo(17);
            assertThat(e.message()).isEqualTo("the namespace from the provided object \"other\" does not match the namespace "
                    + "\"shop\". You must pass '--namespace=other' to perform this operation.");
        });
    }

    @Test
    void theNamespaceIsInTheTreeThatEveryEngineReads() {
        LoadResult r = new ManifestLoader(new ReadOptions(FileSelection.Options.DEFAULT, "shop")).loadText("rb.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: rb}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
                subjects: [{kind: ServiceAccount, name: app}]
                """);
        Resource rb = r.resources().get(0);
        assertThat(rb.object().path("metadata").path("namespace").asText()).isEqualTo("shop");
        assertThat(rb.locate(dev.kubeward.model.JsonPath.of("metadata", "namespace")).line())
                .as("a namespace that was not written points at metadata").isEqualTo(3);
    }
}
