package dev.kubeward.checks.version;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every entry of the Kubernetes Deprecated API Migration Guide
 * (kubernetes.io/docs/reference/using-api/deprecation-guide, "Removed APIs by release": v1.32,
 * v1.29, v1.27, v1.26, v1.25, v1.22, v1.16): which API version of which kind stopped being served
 * in which release, and what to use instead, available since which release.
 */
final class ApiRemovals {

    /**
     * One removed group/version of one kind.
     *
     * @param removedIn the minor (of 1.x) that no longer serves it
     * @param replacement the group/version to use instead, or null when there is no API to move to
     * @param availableSince the minor from which the replacement is served (from which the old version
     *                       is deprecated, for the one entry without a replacement)
     * @param note what to do when there is no replacement API
     */
    record Removal(String apiVersion, String kind, int removedIn, String replacement, int availableSince, String note) {}

    private static final List<Removal> TABLE = new ArrayList<>();
    private static final Map<String, Removal> BY_KEY = new HashMap<>();

    private static void removed(int in, String replacement, int since, String kind, String... apiVersions) {
        for (String v : apiVersions) {
            Removal r = new Removal(v, kind, in, replacement, since, null);
            TABLE.add(r);
            BY_KEY.put(v + " " + kind, r);
        }
    }

    static {
        // v1.32
        removed(32, "flowcontrol.apiserver.k8s.io/v1", 29, "FlowSchema", "flowcontrol.apiserver.k8s.io/v1beta3");
        removed(32, "flowcontrol.apiserver.k8s.io/v1", 29, "PriorityLevelConfiguration", "flowcontrol.apiserver.k8s.io/v1beta3");
        // v1.29
        removed(29, "flowcontrol.apiserver.k8s.io/v1beta3", 26, "FlowSchema", "flowcontrol.apiserver.k8s.io/v1beta2");
        removed(29, "flowcontrol.apiserver.k8s.io/v1beta3", 26, "PriorityLevelConfiguration", "flowcontrol.apiserver.k8s.io/v1beta2");
        // v1.27
        removed(27, "storage.k8s.io/v1", 24, "CSIStorageCapacity", "storage.k8s.io/v1beta1");
        // v1.26 (the guide of the 1.25 era names v1beta2, served since 1.23; today's names v1beta3, and the
        // chain below leads there, and on to v1, on the releases where v1beta2 is itself deprecated)
        removed(26, "flowcontrol.apiserver.k8s.io/v1beta2", 23, "FlowSchema", "flowcontrol.apiserver.k8s.io/v1beta1");
        removed(26, "flowcontrol.apiserver.k8s.io/v1beta2", 23, "PriorityLevelConfiguration", "flowcontrol.apiserver.k8s.io/v1beta1");
        removed(26, "autoscaling/v2", 23, "HorizontalPodAutoscaler", "autoscaling/v2beta2");
        // v1.25
        removed(25, "batch/v1", 21, "CronJob", "batch/v1beta1");
        removed(25, "discovery.k8s.io/v1", 21, "EndpointSlice", "discovery.k8s.io/v1beta1");
        removed(25, "events.k8s.io/v1", 19, "Event", "events.k8s.io/v1beta1");
        removed(25, "autoscaling/v2", 23, "HorizontalPodAutoscaler", "autoscaling/v2beta1");
        removed(25, "policy/v1", 21, "PodDisruptionBudget", "policy/v1beta1");
        Removal psp = new Removal("policy/v1beta1", "PodSecurityPolicy", 25, null, 21,
                "migrate to Pod Security Admission (built in, stable since 1.25) or a third-party admission webhook");
        TABLE.add(psp);
        BY_KEY.put(psp.apiVersion() + " " + psp.kind(), psp);
        removed(25, "node.k8s.io/v1", 20, "RuntimeClass", "node.k8s.io/v1beta1");
        // v1.22
        removed(22, "admissionregistration.k8s.io/v1", 16, "MutatingWebhookConfiguration", "admissionregistration.k8s.io/v1beta1");
        removed(22, "admissionregistration.k8s.io/v1", 16, "ValidatingWebhookConfiguration", "admissionregistration.k8s.io/v1beta1");
        removed(22, "apiextensions.k8s.io/v1", 16, "CustomResourceDefinition", "apiextensions.k8s.io/v1beta1");
        removed(22, "apiregistration.k8s.io/v1", 10, "APIService", "apiregistration.k8s.io/v1beta1");
        removed(22, "authentication.k8s.io/v1", 6, "TokenReview", "authentication.k8s.io/v1beta1");
        for (String kind : List.of("LocalSubjectAccessReview", "SelfSubjectAccessReview", "SubjectAccessReview",
                "SelfSubjectRulesReview")) {
            removed(22, "authorization.k8s.io/v1", 6, kind, "authorization.k8s.io/v1beta1");
        }
        removed(22, "certificates.k8s.io/v1", 19, "CertificateSigningRequest", "certificates.k8s.io/v1beta1");
        removed(22, "coordination.k8s.io/v1", 14, "Lease", "coordination.k8s.io/v1beta1");
        removed(22, "networking.k8s.io/v1", 19, "Ingress", "extensions/v1beta1", "networking.k8s.io/v1beta1");
        removed(22, "networking.k8s.io/v1", 19, "IngressClass", "networking.k8s.io/v1beta1");
        for (String kind : List.of("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding")) {
            removed(22, "rbac.authorization.k8s.io/v1", 8, kind, "rbac.authorization.k8s.io/v1beta1");
        }
        removed(22, "scheduling.k8s.io/v1", 14, "PriorityClass", "scheduling.k8s.io/v1beta1");
        removed(22, "storage.k8s.io/v1", 19, "CSIDriver", "storage.k8s.io/v1beta1");
        removed(22, "storage.k8s.io/v1", 17, "CSINode", "storage.k8s.io/v1beta1");
        removed(22, "storage.k8s.io/v1", 6, "StorageClass", "storage.k8s.io/v1beta1");
        removed(22, "storage.k8s.io/v1", 13, "VolumeAttachment", "storage.k8s.io/v1beta1");
        // v1.16
        removed(16, "networking.k8s.io/v1", 8, "NetworkPolicy", "extensions/v1beta1");
        removed(16, "policy/v1beta1", 10, "PodSecurityPolicy", "extensions/v1beta1");
        removed(16, "apps/v1", 9, "DaemonSet", "extensions/v1beta1", "apps/v1beta2");
        removed(16, "apps/v1", 9, "Deployment", "extensions/v1beta1", "apps/v1beta1", "apps/v1beta2");
        removed(16, "apps/v1", 9, "StatefulSet", "apps/v1beta1", "apps/v1beta2");
        removed(16, "apps/v1", 9, "ReplicaSet", "extensions/v1beta1", "apps/v1beta1", "apps/v1beta2");
    }

    private ApiRemovals() {}

    static List<Removal> all() {
        return List.copyOf(TABLE);
    }

    static Optional<Removal> find(String apiVersion, String kind) {
        return Optional.ofNullable(BY_KEY.get(apiVersion + " " + kind));
    }

    /**
     * The removal whose replacement to move to on a cluster of minor {@code target}: the replacement,
     * followed while it is itself deprecated there, that is while its own replacement is already served
     * (flowcontrol v1beta1 → v1beta2 on 1.24, → v1beta3 on 1.27, → v1 on 1.29 and later). When the chain
     * ends without an API (PodSecurityPolicy), the removal returned carries the note.
     */
    static Removal settled(Removal r, int target) {
        Removal current = r;
        for (int hops = 0; hops < 8 && current.replacement() != null; hops++) {
            Optional<Removal> next = find(current.replacement(), current.kind());
            if (next.isEmpty() || next.get().availableSince() > target) {
                break;
            }
            current = next.get();
        }
        return current;
    }
}
