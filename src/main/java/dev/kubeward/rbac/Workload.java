package dev.kubeward.rbac;

import dev.kubeward.model.Json;
import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * An object of the input that runs pods (a Pod, a Deployment, an operator's workload …), with the
 * ServiceAccount its pods run as. The escalation analysis uses it to tell which ServiceAccounts
 * have running pods (whose tokens exec, a pod's image or an ephemeral container reach) and which
 * objects exist to be patched; without one, such a step is speculative.
 */
public record Workload(String group, String kind, String namespace, String name, String serviceAccount,
                       Object source, String basePath) implements RbacObject {

    /**
     * The workloads a resource describes, one per pod it carries (an operator's kind may carry
     * several, such as a RayCluster's head and workers), for the built-in and known operator kinds:
     * see {@link #of(Resource, List)}.
     */
    public static List<Workload> of(Resource resource) {
        return of(resource, PodTemplate.all(resource));
    }

    /**
     * The workloads of a resource whose pods are {@code pods} (the scan's
     * {@code Inventory.podTemplates}): each pod spec's {@code serviceAccountName} (or the deprecated
     * {@code serviceAccount}), {@code default} when it names none, as the ServiceAccount admission
     * plugin fills it in. Static pods are left out: the kubelet runs them without a ServiceAccount.
     */
    public static List<Workload> of(Resource resource, List<PodTemplate> pods) {
        // A PodTemplate object holds a template but runs nothing.
        if (resource.name() == null || resource.effectiveNamespace() == null || resource.kind().equals("PodTemplate")) {
            return List.of();
        }
        List<Workload> workloads = new ArrayList<>();
        for (PodTemplate pod : pods) {
            if (pod.isStatic()) {
                continue;
            }
            String serviceAccount = Json.nonEmptyText(pod.spec().path("serviceAccountName"));
            if (serviceAccount == null) {
                serviceAccount = Json.nonEmptyText(pod.spec().path("serviceAccount"));
            }
            Workload workload = new Workload(resource.group(), resource.kind(), resource.effectiveNamespace(), resource.name(),
                    serviceAccount == null ? "default" : serviceAccount, resource, "");
            if (!workloads.contains(workload)) {
                workloads.add(workload);
            }
        }
        return List.copyOf(workloads);
    }

    /** {@code Deployment shop/web}. */
    public String display() {
        return kind + " " + namespace + "/" + name;
    }
}
