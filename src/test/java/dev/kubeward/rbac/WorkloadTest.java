package dev.kubeward.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeward.source.ManifestLoader;
import java.util.List;
import java.util.Optional;
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
        List<Optional<Workload>> workloads = loaded.resources().stream().map(Workload::of).toList();
        assertThat(workloads.get(0)).get().extracting(Workload::display, Workload::serviceAccount)
                .containsExactly("Deployment shop/web", "web");
        assertThat(workloads.get(1)).get().extracting(Workload::display, Workload::serviceAccount)
                .containsExactly("Pod default/old", "legacy");
        assertThat(workloads.get(2)).get().extracting(Workload::display, Workload::serviceAccount)
                .containsExactly("CronJob ops/nightly", "default");
        assertThat(workloads.get(3)).as("a PodTemplate runs nothing").isEmpty();
        assertThat(workloads.get(4)).isEmpty();
        RbacModel model = RbacModel.build(workloads.stream().flatMap(Optional::stream).toList());
        assertThat(model.serviceAccounts().get("shop")).containsExactly("web");
        assertThat(model.workloads().keySet()).containsExactly("default", "ops", "shop");
    }
}
