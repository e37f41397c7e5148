package dev.kubeward.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which pods are static. Sources: kubelet {@code pkg/kubelet/types/pod_update.go}
 * ({@code ConfigSourceAnnotationKey = "kubernetes.io/config.source"}, {@code ConfigMirrorAnnotationKey
 * = "kubernetes.io/config.mirror"}, {@code IsStaticPod}: the source annotation is present and not
 * {@code api}); kubelet {@code pkg/kubelet/config/file.go} (the files of {@code staticPodPath}, not
 * its subdirectories, hidden files skipped); kubeadm {@code staticpod.ComponentPod} (kube-system,
 * labels component and tier: control-plane); the Static Pods concept page (mirror pods in
 * kube-system carry the mirror annotation).
 */
class StaticPodsTest {

    private static List<Resource> load(String file, String yaml) {
        LoadResult loaded = new ManifestLoader().loadText(file, yaml);
        assertThat(loaded.errors()).isEmpty();
        return loaded.resources();
    }

    private static final String POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n";
    private static final String SPEC = "spec: {containers: [{name: c, image: x}]}\n";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        // file | metadata lines | static?
        "deploy/pod.yaml | '' | false",
        "/etc/kubernetes/manifests/etcd.yaml | '' | true",
        "node1/etc/kubernetes/manifests/etcd.yaml | '' | true",
        "/etc/kubernetes/manifests/sub/etcd.yaml | '' | false",
        "/etc/kubernetes/manifests/.etcd.yaml | '' | false",
        "/etc/kubernetes/manifests-old/etcd.yaml | '' | false",
        "/var/lib/rancher/rke2/agent/pod-manifests/kube-apiserver.yaml | '' | true",
        "pod.yaml | '  annotations: {kubernetes.io/config.mirror: abc}' | true",
        "pod.yaml | '  annotations: {kubernetes.io/config.source: file}' | true",
        "pod.yaml | '  annotations: {kubernetes.io/config.source: http}' | true",
        "pod.yaml | '  annotations: {kubernetes.io/config.source: api}' | false",
        "pod.yaml | '  namespace: kube-system\n  labels: {component: kube-apiserver, tier: control-plane}' | true",
        "pod.yaml | '  namespace: kube-system\n  labels: {component: etcd, tier: control-plane}' | true",
        "pod.yaml | '  namespace: shop\n  labels: {component: etcd, tier: control-plane}' | false",
        "pod.yaml | '  namespace: kube-system\n  labels: {component: coredns, tier: control-plane}' | false",
        "pod.yaml | '  namespace: kube-system\n  labels: {component: true, tier: control-plane}' | false",
    })
    void tellsStaticPodsApart(String file, String metadata, boolean expected) {
        Resource pod = load(file, POD + metadata.replace("\\n", "\n") + "\n" + SPEC).get(0);
        PodTemplate t = new Inventory(List.of(pod)).podTemplates(pod).get(0);
        assertThat(t.isStatic()).as(t.staticSource()).isEqualTo(expected);
    }

    @Test
    void onlyPodsAreStatic() {
        Resource d = load("/etc/kubernetes/manifests/d.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
                + "  annotations: {kubernetes.io/config.source: file}\nspec: {template: {" + SPEC.replace("\n", "") + "}}").get(0);
        assertThat(PodTemplate.all(d).get(0).isStatic()).isFalse();
    }

    @Test
    void kubeletConfigurationNamesMoreDirectories() {
        List<Resource> all = new ArrayList<>();
        all.addAll(load("node/var/lib/kubelet/config.yaml",
                "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nstaticPodPath: /srv/static\n"));
        all.addAll(load("node/srv/static/agent.yaml", POD + SPEC));
        all.addAll(load("node/srv/other/agent.yaml", POD + SPEC));
        Inventory inventory = new Inventory(all);
        assertThat(inventory.podTemplates(all.get(1)).get(0).staticSource())
                .contains("/srv/static").contains("KubeletConfiguration");
        assertThat(inventory.podTemplates(all.get(2)).get(0).isStatic()).isFalse();
        // Without the kubelet configuration in the scan, the directory means nothing.
        assertThat(PodTemplate.all(all.get(1)).get(0).isStatic()).isFalse();
    }

    @Test
    void stdinIsNoStaticPodDirectory() {
        Resource pod = load("<stdin>", POD + SPEC).get(0);
        assertThat(new Inventory(List.of(pod)).podTemplates(pod).get(0).isStatic()).isFalse();
    }
}
