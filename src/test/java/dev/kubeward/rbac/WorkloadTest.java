package dev.kubeward.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.source.ManifestLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ServiceAccount a workload's pods run as: spec.serviceAccountName, else the deprecated
 * spec.serviceAccount, else "default", which the ServiceAccount admission plugin fills in.
 */
class WorkloadTest {

    @Test
    void podsAndTemplatesNameTheirServiceAccount() {
        var loaded = new ManifestLoader().loadText("w.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  template:
                    spec:
                      serviceAccountName: web
                      containers: [{name: c, image: nginx}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: old}
                spec:
                  serviceAccount: legacy
                  containers: [{name: c, image: nginx}]
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly, namespace: ops}
                spec:
                  schedule: "0 1 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers: [{name: c, image: busybox}]
                ---
                apiVersion: v1
                kind: PodTemplate
                metadata: {name: tpl, namespace: shop}
                template:
                  spec:
                    serviceAccountName: never-runs
                    containers: [{name: c, image: nginx}]
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop}
                """);
        List<List<Workload>> workloads = loaded.resources().stream().map(Workload::of).toList();
        assertThat(workloads.get(0)).singleElement().extracting(Workload::display, Workload::serviceAccount)
                .containsExactly("Deployment shop/web", "web");
        assertThat(workloads.get(1)).singleElement().extracting(Workload::display, Workload::serviceAccount)
                .containsExactly("Pod default/old", "legacy");
        assertThat(workloads.get(2)).singleElement().extracting(Workload::display, Workload::serviceAccount)
                .containsExactly("CronJob ops/nightly", "default");
        assertThat(workloads.get(3)).as("a PodTemplate runs nothing").isEmpty();
        assertThat(workloads.get(4)).isEmpty();
        RbacModel model = RbacModel.build(workloads.stream().flatMap(List::stream).toList());
        assertThat(model.serviceAccounts().get("shop")).containsExactly("web");
        assertThat(model.workloads().keySet()).containsExactly("default", "ops", "shop");
    }

    /** An operator's kind carries pods too, one workload per ServiceAccount its pods use; a static pod runs as none. */
    @Test
    void operatorKindsAndStaticPods() {
        var loaded = new ManifestLoader().loadText("w.yaml", """
                apiVersion: ray.io/v1
                kind: RayCluster
                metadata: {name: ray, namespace: ml}
                spec:
                  headGroupSpec:
                    template:
                      spec:
                        serviceAccountName: ray-head
                        containers: [{name: head, image: ray}]
                  workerGroupSpecs:
                    - template:
                        spec:
                          containers: [{name: worker, image: ray}]
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: kube-apiserver-node1
                  namespace: kube-system
                  annotations: {kubernetes.io/config.source: file}
                spec:
                  containers: [{name: kube-apiserver, image: registry.k8s.io/kube-apiserver:v1.31.0}]
                """);
        assertThat(Workload.of(loaded.resources().get(0))).extracting(Workload::serviceAccount).containsExactly("ray-head", "default");
        assertThat(Workload.of(loaded.resources().get(1))).as("a static pod").isEmpty();
    }

    /** The pod-bearing resources RBAC names: built-in, then the operator kinds of model.WorkloadKinds, with CRD plurals. */
    @Test
    void operatorKindsAreNamedAsRbacNamesThem() {
        assertThat(PodResources.DEFAULT.find("argoproj.io", "Rollout")).get()
                .extracting(PodResources.PodResource::resource, PodResources.PodResource::onUpdate)
                .containsExactly("rollouts", PodResources.OnUpdate.OPERATOR);
        assertThat(PodResources.DEFAULT.find("leaderworkerset.x-k8s.io", "LeaderWorkerSet")).get()
                .extracting(PodResources.PodResource::resource).isEqualTo("leaderworkersets");
        assertThat(PodResources.DEFAULT.find("extensions", "Deployment")).as("served no more since 1.16").isEmpty();
        assertThat(PodResources.DEFAULT.find("", "PodTemplate")).isEmpty();
        assertThat(PodResources.plural("Policy")).isEqualTo("policies");
        assertThat(PodResources.plural("Gateway")).isEqualTo("gateways");
        assertThat(PodResources.plural("Ingress")).isEqualTo("ingresses");
    }
}
