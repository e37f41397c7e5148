package dev.kubeward.rbac;

import dev.kubeward.model.PodTemplate;
import dev.kubeward.model.Resource;
import java.util.Optional;

/**
 * An object of the input that runs pods (a Pod, a Deployment, an operator's workload …), with the
 * ServiceAccount its pods run as. The escalation analysis uses it to tell which ServiceAccounts
 * have running pods (whose tokens exec, a pod's image or an ephemeral container reach) and which
 * objects exist to be patched; without one, such a step is speculative.
 */
public record Workload(String group, String kind, String namespace, String name, String serviceAccount,
                       Object source, String basePath) implements RbacObject {

    /**
     * The workload a scanned resource describes, if it runs pods: its pod spec's
     * {@code serviceAccountName} (or the deprecated {@code serviceAccount}), {@code default} when
     * it names none, as the ServiceAccount admission plugin fills it in.
     */
    public static Optional<Workload> of(Resource resource) {
        // A PodTemplate object holds a template but runs nothing.
        if (resource.name() == null || resource.effectiveNamespace() == null || resource.kind().equals("PodTemplate")) {
            return Optional.empty();
        }
        return PodTemplate.of(resource).map(pod -> {
            String serviceAccount = text(pod.spec().path("serviceAccountName"));
            if (serviceAccount == null) {
                serviceAccount = text(pod.spec().path("serviceAccount"));
            }
            return new Workload(resource.group(), resource.kind(), resource.effectiveNamespace(), resource.name(),
                    serviceAccount == null ? "default" : serviceAccount, resource, "");
        });
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node) {
        return node.isTextual() && !node.textValue().isEmpty() ? node.textValue() : null;
    }

    /** {@code Deployment shop/web}. */
    public String display() {
        return kind + " " + namespace + "/" + name;
    }
}
