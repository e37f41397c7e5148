package dev.kubeward.model;

import java.util.Set;

/** Facts about built-in kinds that the API server knows and a manifest does not say. */
public final class Kinds {
    private Kinds() {}

    /** Built-in cluster-scoped kinds, as "group/Kind" ("" is the core group). */
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "/Namespace", "/Node", "/PersistentVolume", "/ComponentStatus",
            "rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/ClusterRoleBinding",
            "storage.k8s.io/StorageClass", "storage.k8s.io/CSIDriver", "storage.k8s.io/CSINode",
            "storage.k8s.io/VolumeAttachment", "scheduling.k8s.io/PriorityClass",
            "node.k8s.io/RuntimeClass", "apiextensions.k8s.io/CustomResourceDefinition",
            "apiregistration.k8s.io/APIService",
            "admissionregistration.k8s.io/MutatingWebhookConfiguration",
            "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
            "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
            "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
            "admissionregistration.k8s.io/MutatingAdmissionPolicy",
            "admissionregistration.k8s.io/MutatingAdmissionPolicyBinding",
            "certificates.k8s.io/CertificateSigningRequest", "certificates.k8s.io/ClusterTrustBundle",
            "flowcontrol.apiserver.k8s.io/FlowSchema",
            "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration",
            "networking.k8s.io/IngressClass", "networking.k8s.io/IPAddress",
            "networking.k8s.io/ServiceCIDR", "resource.k8s.io/DeviceClass",
            "policy/PodSecurityPolicy");

    /**
     * Whether objects of this group and kind carry a pod, built-in or of an operator kubeward knows
     * ({@link WorkloadKinds#BUILT_IN}; a scan's own kinds are {@link Inventory#workloadKinds()}).
     */
    public static boolean isPodBearing(String group, String kind) {
        return WorkloadKinds.BUILT_IN.isPodBearing(group, kind);
    }

    public static boolean isClusterScoped(String group, String kind) {
        return CLUSTER_SCOPED.contains(group + "/" + kind);
    }

    /** API groups of Kubernetes itself that have no dot in their name ("" is the core group). */
    private static final Set<String> UNDOTTED_GROUPS = Set.of("", "apps", "batch", "extensions", "policy",
            "autoscaling");

    /**
     * True for the groups of Kubernetes itself (core, apps, batch, the *.k8s.io groups) and of
     * kubeward's own file kinds; false for a custom resource's group such as kafka.strimzi.io.
     */
    public static boolean isBuiltInGroup(String group) {
        return UNDOTTED_GROUPS.contains(group) || group.equals("k8s.io") || group.endsWith(".k8s.io")
                || group.equals("kubeward.dev");
    }
}
