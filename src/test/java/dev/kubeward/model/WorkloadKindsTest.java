package dev.kubeward.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where each kind keeps its pods. The built-in kinds follow the Kubernetes API reference (the
 * PodTemplateSpec of each workload type); the operator kinds follow each project's Go API types:
 * Argo Rollouts {@code RolloutSpec.Template} and {@code ExperimentSpec.Templates[].Template},
 * Knative {@code ServiceSpec.ConfigurationSpec.Template}, KEDA {@code ScaledJobSpec.JobTargetRef}
 * (a batch/v1 JobSpec), OpenKruise {@code apis/apps/v1alpha1} (CloneSet, BroadcastJob,
 * AdvancedCronJob's {@code CronJobTemplate}), the Kubeflow training operator's
 * {@code map[ReplicaType]*ReplicaSpec}, KubeRay {@code HeadGroupSpec}/{@code WorkerGroupSpecs},
 * Volcano {@code TaskSpec.Template}, JobSet {@code ReplicatedJob.Template} (a JobTemplateSpec) and
 * LeaderWorkerSet {@code LeaderWorkerTemplate}.
 */
class WorkloadKindsTest {

    private static Resource load(String yaml) {
        LoadResult loaded = new ManifestLoader().loadText("w.yaml", yaml);
        assertThat(loaded.errors()).isEmpty();
        return loaded.resources().get(0);
    }

    private static final String POD = "{spec: {containers: [{name: app, image: nginx}]}}";

    static Stream<Arguments> kinds() {
        return Stream.of(KINDS).map(row -> {
            String[] c = row.split(" \\| ");
            return Arguments.of(c[0], c[1], c[2], c[3]);
        });
    }

    private static final String[] KINDS = {
        "v1 | Pod | metadata: {name: p}\nspec: {containers: [{name: app, image: nginx}]} | spec",
        "v1 | ReplicationController | spec: {template: " + POD + "} | spec.template.spec",
        "v1 | PodTemplate | template: " + POD + " | template.spec",
        "apps/v1 | Deployment | spec: {template: " + POD + "} | spec.template.spec",
        "apps/v1 | StatefulSet | spec: {template: " + POD + "} | spec.template.spec",
        "extensions/v1beta1 | DaemonSet | spec: {template: " + POD + "} | spec.template.spec",
        "batch/v1 | CronJob | spec: {jobTemplate: {spec: {template: " + POD + "}}} | spec.jobTemplate.spec.template.spec",
        "argoproj.io/v1alpha1 | Rollout | spec: {template: " + POD + "} | spec.template.spec",
        "serving.knative.dev/v1 | Service | spec: {template: " + POD + "} | spec.template.spec",
        "keda.sh/v1alpha1 | ScaledJob | spec: {jobTargetRef: {template: " + POD + "}} | spec.jobTargetRef.template.spec",
        "apps.kruise.io/v1alpha1 | CloneSet | spec: {template: " + POD + "} | spec.template.spec",
        "apps.kruise.io/v1beta1 | StatefulSet | spec: {template: " + POD + "} | spec.template.spec",
        "apps.kruise.io/v1alpha1 | AdvancedCronJob | spec: {template: {broadcastJobTemplate: {spec: {template: " + POD
                + "}}}} | spec.template.broadcastJobTemplate.spec.template.spec",
        "batch.volcano.sh/v1alpha1 | Job | spec: {tasks: [{name: a, template: " + POD + "}]} | spec.tasks[0].template.spec",
        "jobset.x-k8s.io/v1alpha2 | JobSet | spec: {replicatedJobs: [{name: w, template: {spec: {template: " + POD
                + "}}}]} | spec.replicatedJobs[0].template.spec.template.spec",
    };

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void findsThePodOfEachKind(String apiVersion, String kind, String body, String specPath) {
        Resource r = load("apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: x}\n" + body.replace("\\n", "\n"));
        List<PodTemplate> pods = PodTemplate.all(r);
        assertThat(pods).extracting(p -> p.specPath().toString()).containsExactly(specPath);
        assertThat(pods.get(0).containers()).extracting(Container::name).containsExactly("app");
        assertThat(Kinds.isPodBearing(r.group(), kind)).isTrue();
    }

    @Test
    void wildcardsFindEveryTemplateInInputOrder() {
        Resource ray = load("""
                apiVersion: ray.io/v1
                kind: RayCluster
                metadata: {name: r}
                spec:
                  headGroupSpec: {template: {spec: {containers: [{name: head, image: ray}]}}}
                  workerGroupSpecs:
                  - {groupName: a, template: {spec: {containers: [{name: a, image: ray}]}}}
                  - {groupName: b, template: {spec: {containers: [{name: b, image: ray}]}}}
                """);
        assertThat(PodTemplate.all(ray)).extracting(p -> p.specPath().toString()).containsExactly(
                "spec.headGroupSpec.template.spec", "spec.workerGroupSpecs[0].template.spec",
                "spec.workerGroupSpecs[1].template.spec");
        Resource pytorch = load("""
                apiVersion: kubeflow.org/v1
                kind: PyTorchJob
                metadata: {name: t}
                spec:
                  pytorchReplicaSpecs:
                    Master: {replicas: 1, template: {spec: {containers: [{name: pytorch, image: t}]}}}
                    Worker: {replicas: 3, template: {spec: {containers: [{name: pytorch, image: t}]}}}
                """);
        assertThat(PodTemplate.all(pytorch)).extracting(p -> p.specPath().toString()).containsExactly(
                "spec.pytorchReplicaSpecs.Master.template.spec", "spec.pytorchReplicaSpecs.Worker.template.spec");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // Same kind, another group: a CRD called Deployment or Job is not ours to read.
        "apiVersion: example.com/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {template: " + POD + "}",
        "apiVersion: apps/v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: []}",
        "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: []}",
        "apiVersion: serving.knative.dev/v1\nkind: Route\nmetadata: {name: x}\nspec: {}",
        // No pod spec where one belongs.
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {}",
        "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: x}\nspec: {template: null}",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: x}",
        "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: x}\nspec: {workerGroupSpecs: {a: 1}}",
        // A Rollout that references a Deployment runs the Deployment's template, which is read as the Deployment.
        "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: x}\nspec: {workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}}",
    })
    void findsNothingWithoutAPodSpec(String yaml) {
        assertThat(PodTemplate.all(load(yaml))).isEmpty();
    }

    @Test
    void configuredKindsAddTemplatesAndBareSpecs() {
        WorkloadKinds kinds = WorkloadKinds.BUILT_IN.with(List.of(
                new WorkloadKinds.Entry("example.com", "Widget", "spec.runner.template", WorkloadKinds.Shape.TEMPLATE, "c"),
                new WorkloadKinds.Entry("example.com", "Gadget", "spec.pods[*]", WorkloadKinds.Shape.POD_SPEC, "c")));
        Resource widget = load("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {runner: {template: "
                + POD + "}}");
        Resource gadget = load("apiVersion: example.com/v2\nkind: Gadget\nmetadata: {name: g}\nspec: {pods: ["
                + "{containers: [{name: a, image: x}]}, {containers: [{name: b, image: y}]}]}");
        Inventory inventory = new Inventory(List.of(widget, gadget), kinds);
        assertThat(inventory.podTemplates(widget)).extracting(p -> p.specPath().toString())
                .containsExactly("spec.runner.template.spec");
        List<PodTemplate> gadgets = inventory.podTemplates(gadget);
        assertThat(gadgets).extracting(p -> p.specPath().toString()).containsExactly("spec.pods[0]", "spec.pods[1]");
        assertThat(gadgets.get(1).containers()).extracting(Container::path).extracting(Object::toString)
                .containsExactly("spec.pods[1].containers[0]");
        assertThat(gadgets.get(0).metadata().isMissingNode()).isTrue();
        // Without the configuration, the same objects carry no pod.
        assertThat(PodTemplate.all(widget)).isEmpty();
        assertThat(new Inventory(List.of(widget)).podTemplates(widget)).isEmpty();
    }

    @Test
    void aConfiguredKindReplacesTheBuiltInPlaces() {
        WorkloadKinds kinds = WorkloadKinds.BUILT_IN.with(List.of(
                new WorkloadKinds.Entry("argoproj.io", "Rollout", "spec.other", WorkloadKinds.Shape.TEMPLATE, "c")));
        Resource r = load("apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: w}\nspec: {other: " + POD
                + ", template: " + POD + "}");
        assertThat(new Inventory(List.of(r), kinds).podTemplates(r)).extracting(p -> p.specPath().toString())
                .containsExactly("spec.other.spec");
    }

    @ParameterizedTest
    @ValueSource(strings = {"spec..template", ".spec", "spec.", "spec[0].template", "spec.x]", "spec[*"})
    void malformedPathsAreRejected(String path) {
        assertThatThrownBy(() -> new WorkloadKinds.Entry("g", "K", path, WorkloadKinds.Shape.TEMPLATE, "c"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
