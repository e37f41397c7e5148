package dev.kubeward.checks.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.model.Inventory;
import dev.kubeward.model.WorkloadKinds;
import dev.kubeward.netpol.Workload;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The network model reads workloads through the model's one definition of pod-bearing kinds. */
class NetpolPodBearingKindsTest {
    private static Inventory inventory(String yaml, WorkloadKinds kinds) {
        LoadResult loaded = new ManifestLoader().loadText("in.yaml", yaml);
        assertThat(loaded.errors()).isEmpty();
        return new Inventory(loaded.resources(), kinds);
    }

    @Test
    void everyPodTemplateOfAnOperatorKindIsAWorkload() {
        NetpolModel model = NetpolModel.of(inventory("""
                apiVersion: ray.io/v1
                kind: RayCluster
                metadata: {name: r, namespace: ml}
                spec:
                  headGroupSpec: {template: {metadata: {labels: {ray: head}}, spec: {containers: [{name: h, image: ray}]}}}
                  workerGroupSpecs:
                  - {groupName: gpu, template: {metadata: {labels: {ray: worker}}, spec: {containers: [{name: w, image: ray}]}}}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web, namespace: shop}
                spec: {template: {metadata: {labels: {app: web}}, spec: {hostNetwork: true, containers: [{name: w, image: nginx}]}}}
                """, WorkloadKinds.BUILT_IN));
        List<Workload> workloads = model.cluster().workloads();
        assertThat(workloads).extracting(Workload::id).containsExactly(
                "ml/r(spec.headGroupSpec.template)[RayCluster]",
                "ml/r(spec.workerGroupSpecs[0].template)[RayCluster]",
                "shop/web[Rollout]");
        assertThat(workloads).extracting(w -> w.podLabels().get("ray")).containsExactly("head", "worker", null);
        assertThat(workloads.get(2).hostNetwork()).isTrue();
    }

    @Test
    void configuredKindsAndBareSpecsAreWorkloadsOnlyWhenConfigured() {
        String yaml = """
                apiVersion: example.com/v1
                kind: Gadget
                metadata: {name: g, namespace: shop}
                spec: {pod: {containers: [{name: a, image: x, ports: [{name: http, containerPort: 8080}]}]}}
                """;
        WorkloadKinds kinds = WorkloadKinds.BUILT_IN.with(List.of(
                new WorkloadKinds.Entry("example.com", "Gadget", "spec.pod", WorkloadKinds.Shape.POD_SPEC, "test")));
        assertThat(NetpolModel.of(inventory(yaml, kinds)).cluster().workloads()).extracting(Workload::id)
                .containsExactly("shop/g[Gadget]");
        assertThat(NetpolModel.of(inventory(yaml, WorkloadKinds.BUILT_IN)).cluster().workloads()).isEmpty();
    }
}
