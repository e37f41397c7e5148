package dev.kubeward.rbac;

import dev.kubeward.model.WorkloadKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API resources whose objects run pods, as RBAC names them (API group and plural), and what
 * writing an existing object of each lets its writer change. Creating any of them runs a pod
 * whose spec (image, command, serviceAccountName, volumes) the creator chooses. Changing one
 * that exists differs by kind, as the API server validates updates:
 *
 * <ul>
 *   <li>{@link OnUpdate#TEMPLATE}: the pod template is mutable and its controller rolls the
 *       change out (Deployments, ReplicaSets and ReplicationControllers on scaling or pod
 *       replacement, StatefulSets and DaemonSets by their update strategy, CronJobs for the next
 *       Job), so update or patch is as good as create, serviceAccountName included;</li>
 *   <li>{@link OnUpdate#IMAGE_ONLY}: a Pod's spec is immutable except the containers' and init
 *       containers' {@code image}, {@code activeDeadlineSeconds}, added tolerations and
 *       {@code terminationGracePeriodSeconds} ({@code ValidatePodUpdate} in
 *       pkg/apis/core/validation/validation.go: "pod updates may not change fields other than
 *       ..."): the writer runs an image of its choice under the pod's own ServiceAccount, never
 *       another one, and cannot change the command;</li>
 *   <li>{@link OnUpdate#IMMUTABLE}: a Job's pod template is immutable after creation
 *       ({@code validatePodTemplateUpdate} in pkg/apis/batch/validation/validation.go allows only
 *       scheduling directives, labels and annotations of a suspended Job);</li>
 *   <li>{@link OnUpdate#OPERATOR}: an operator's custom resource, whose operator is assumed to
 *       roll out a changed template as a Deployment would.</li>
 * </ul>
 */
public final class PodResources {

    /** What update or patch of an existing object lets its writer do. */
    public enum OnUpdate { TEMPLATE, IMAGE_ONLY, IMMUTABLE, OPERATOR }

    /** One resource: its API group, plural, kind, and what an update can change. */
    public record PodResource(String group, String resource, String kind, OnUpdate onUpdate) {
        /** {@code deployments} or {@code rollouts.argoproj.io}, as kubectl names it. */
        public String displayName() {
            return group.isEmpty() || group.equals("apps") || group.equals("batch") ? resource : resource + "." + group;
        }
    }

    /** The built-in pod-bearing resources (PodTemplates hold a template but run nothing). */
    public static final PodResources BUILT_IN = new PodResources(List.of(
            new PodResource("", "pods", "Pod", OnUpdate.IMAGE_ONLY),
            new PodResource("apps", "deployments", "Deployment", OnUpdate.TEMPLATE),
            new PodResource("apps", "daemonsets", "DaemonSet", OnUpdate.TEMPLATE),
            new PodResource("apps", "statefulsets", "StatefulSet", OnUpdate.TEMPLATE),
            new PodResource("apps", "replicasets", "ReplicaSet", OnUpdate.TEMPLATE),
            new PodResource("batch", "jobs", "Job", OnUpdate.IMMUTABLE),
            new PodResource("batch", "cronjobs", "CronJob", OnUpdate.TEMPLATE),
            new PodResource("", "replicationcontrollers", "ReplicationController", OnUpdate.TEMPLATE)));

    /**
     * The built-in resources and the operator kinds {@code model.WorkloadKinds} knows (Argo
     * Rollouts, Knative, KEDA, OpenKruise, Kubeflow, KubeRay, Volcano, JobSet, LeaderWorkerSet).
     */
    public static final PodResources DEFAULT = BUILT_IN.withWorkloadKinds(WorkloadKinds.BUILT_IN);

    private final List<PodResource> resources;

    private PodResources(List<PodResource> resources) {
        this.resources = List.copyOf(resources);
    }

    /** These resources plus operator kinds (group and kind; the plural is the CRD convention). */
    public PodResources withOperatorKinds(List<String[]> groupAndKind) {
        List<PodResource> all = new ArrayList<>(resources);
        for (String[] entry : groupAndKind) {
            if (find(entry[0], entry[1]).isEmpty()) {
                all.add(new PodResource(entry[0], plural(entry[1]), entry[1], OnUpdate.OPERATOR));
            }
        }
        return new PodResources(all);
    }

    /**
     * These resources plus the operator kinds of a scan's workload kinds (built-in and configured).
     * The built-in groups are left out: their kinds are here already, {@code extensions} has served
     * no workload since Kubernetes 1.16, and a PodTemplate runs nothing.
     */
    public PodResources withWorkloadKinds(WorkloadKinds kinds) {
        List<String[]> operatorKinds = new ArrayList<>();
        for (WorkloadKinds.Entry entry : kinds.entries()) {
            if (!Set.of("", "apps", "batch", "extensions").contains(entry.group())) {
                operatorKinds.add(new String[] {entry.group(), entry.kind()});
            }
        }
        return withOperatorKinds(operatorKinds);
    }

    public List<PodResource> all() {
        return resources;
    }

    /** The resource of objects of this group and kind, if they run pods. */
    public Optional<PodResource> find(String group, String kind) {
        return resources.stream().filter(r -> r.group().equals(group) && r.kind().equals(kind)).findFirst();
    }

    /**
     * The plural a CRD generated by controller-gen gives a kind: lower case, then "ies" for a
     * final consonant-"y", "es" after s, x, z, ch or sh, else "s" (Rollout → rollouts).
     */
    static String plural(String kind) {
        String lower = kind.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
            return lower.substring(0, lower.length() - 1) + "ies";
        }
        if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("z") || lower.endsWith("ch") || lower.endsWith("sh")) {
            return lower + "es";
        }
        return lower + "s";
    }
}
