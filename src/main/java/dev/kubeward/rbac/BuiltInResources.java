package dev.kubeward.rbac;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the API server knows about its built-in resources and a rule or request does not say:
 * the API group of a plural name ({@code deployments} → {@code apps}), and whether the resource
 * is cluster-scoped. Requests for a cluster-scoped resource, like requests for non-resource URLs,
 * carry no namespace, so the RBAC authorizer never applies a RoleBinding to them: a RoleBinding
 * to a ClusterRole that lists {@code nodes} grants no access to nodes.
 *
 * <p>One table for the rbac engine and commands; {@code model.Kinds} keeps the same facts by kind
 * for manifests, and a test keeps the two in step. Custom resources are unknown here: they are
 * treated as namespaced, the common case.
 */
public final class BuiltInResources {
    private BuiltInResources() {}

    /**
     * One built-in resource.
     *
     * @param kind the object kind, or null for resources that are not stored objects
     *     (impersonation targets, reviews, CSR signers)
     */
    public record BuiltIn(String resource, String group, String kind, boolean clusterScoped) {}

    private static final String RBAC = "rbac.authorization.k8s.io";
    private static final String ADMISSION = "admissionregistration.k8s.io";
    private static final String STORAGE = "storage.k8s.io";

    /** The first entry of a plural name gives its default group: core {@code events} wins over events.k8s.io. */
    private static final List<BuiltIn> ALL = List.of(
            namespaced("pods", "", "Pod"), namespaced("services", "", "Service"),
            namespaced("configmaps", "", "ConfigMap"), namespaced("secrets", "", "Secret"),
            namespaced("serviceaccounts", "", "ServiceAccount"),
            namespaced("persistentvolumeclaims", "", "PersistentVolumeClaim"),
            namespaced("endpoints", "", "Endpoints"), namespaced("events", "", "Event"),
            namespaced("limitranges", "", "LimitRange"), namespaced("resourcequotas", "", "ResourceQuota"),
            namespaced("replicationcontrollers", "", "ReplicationController"),
            namespaced("podtemplates", "", "PodTemplate"),
            cluster("nodes", "", "Node"), cluster("namespaces", "", "Namespace"),
            cluster("persistentvolumes", "", "PersistentVolume"), cluster("componentstatuses", "", "ComponentStatus"),
            // impersonation: users and groups carry no namespace (serviceaccounts do)
            cluster("users", "", null), cluster("groups", "", null),
            namespaced("deployments", "apps", "Deployment"), namespaced("daemonsets", "apps", "DaemonSet"),
            namespaced("statefulsets", "apps", "StatefulSet"), namespaced("replicasets", "apps", "ReplicaSet"),
            namespaced("controllerrevisions", "apps", "ControllerRevision"),
            namespaced("jobs", "batch", "Job"), namespaced("cronjobs", "batch", "CronJob"),
            namespaced("roles", RBAC, "Role"), namespaced("rolebindings", RBAC, "RoleBinding"),
            cluster("clusterroles", RBAC, "ClusterRole"), cluster("clusterrolebindings", RBAC, "ClusterRoleBinding"),
            namespaced("ingresses", "networking.k8s.io", "Ingress"),
            namespaced("networkpolicies", "networking.k8s.io", "NetworkPolicy"),
            cluster("ingressclasses", "networking.k8s.io", "IngressClass"),
            cluster("ipaddresses", "networking.k8s.io", "IPAddress"),
            cluster("servicecidrs", "networking.k8s.io", "ServiceCIDR"),
            namespaced("poddisruptionbudgets", "policy", "PodDisruptionBudget"),
            cluster("podsecuritypolicies", "policy", "PodSecurityPolicy"),
            namespaced("horizontalpodautoscalers", "autoscaling", "HorizontalPodAutoscaler"),
            cluster("mutatingwebhookconfigurations", ADMISSION, "MutatingWebhookConfiguration"),
            cluster("validatingwebhookconfigurations", ADMISSION, "ValidatingWebhookConfiguration"),
            cluster("validatingadmissionpolicies", ADMISSION, "ValidatingAdmissionPolicy"),
            cluster("validatingadmissionpolicybindings", ADMISSION, "ValidatingAdmissionPolicyBinding"),
            cluster("mutatingadmissionpolicies", ADMISSION, "MutatingAdmissionPolicy"),
            cluster("mutatingadmissionpolicybindings", ADMISSION, "MutatingAdmissionPolicyBinding"),
            cluster("certificatesigningrequests", "certificates.k8s.io", "CertificateSigningRequest"),
            cluster("signers", "certificates.k8s.io", null),
            cluster("clustertrustbundles", "certificates.k8s.io", "ClusterTrustBundle"),
            cluster("storageclasses", STORAGE, "StorageClass"), cluster("csidrivers", STORAGE, "CSIDriver"),
            cluster("csinodes", STORAGE, "CSINode"), cluster("volumeattachments", STORAGE, "VolumeAttachment"),
            namespaced("csistoragecapacities", STORAGE, "CSIStorageCapacity"),
            cluster("customresourcedefinitions", "apiextensions.k8s.io", "CustomResourceDefinition"),
            cluster("apiservices", "apiregistration.k8s.io", "APIService"),
            namespaced("leases", "coordination.k8s.io", "Lease"),
            cluster("priorityclasses", "scheduling.k8s.io", "PriorityClass"),
            cluster("runtimeclasses", "node.k8s.io", "RuntimeClass"),
            cluster("flowschemas", "flowcontrol.apiserver.k8s.io", "FlowSchema"),
            cluster("prioritylevelconfigurations", "flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"),
            cluster("deviceclasses", "resource.k8s.io", "DeviceClass"),
            cluster("tokenreviews", "authentication.k8s.io", null),
            cluster("selfsubjectreviews", "authentication.k8s.io", null),
            cluster("uids", "authentication.k8s.io", null), cluster("userextras", "authentication.k8s.io", null),
            cluster("subjectaccessreviews", "authorization.k8s.io", null),
            cluster("selfsubjectaccessreviews", "authorization.k8s.io", null),
            cluster("selfsubjectrulesreviews", "authorization.k8s.io", null),
            namespaced("localsubjectaccessreviews", "authorization.k8s.io", null),
            namespaced("endpointslices", "discovery.k8s.io", "EndpointSlice"),
            namespaced("events", "events.k8s.io", "Event"));

    private static final Map<String, String> GROUP_BY_RESOURCE = new HashMap<>();
    private static final Set<String> CLUSTER_SCOPED = ALL.stream().filter(BuiltIn::clusterScoped)
            .map(r -> r.group() + "/" + r.resource()).collect(Collectors.toUnmodifiableSet());

    static {
        ALL.forEach(r -> GROUP_BY_RESOURCE.putIfAbsent(r.resource(), r.group()));
    }

    private static BuiltIn namespaced(String resource, String group, String kind) {
        return new BuiltIn(resource, group, kind, false);
    }

    private static BuiltIn cluster(String resource, String group, String kind) {
        return new BuiltIn(resource, group, kind, true);
    }

    public static List<BuiltIn> all() {
        return ALL;
    }

    /** The API group of a built-in plural name; the core group ("") for anything unknown. */
    public static String groupOf(String resource) {
        return GROUP_BY_RESOURCE.getOrDefault(resource, "");
    }

    /**
     * Whether {@code resource} (maybe {@code resource/subresource}) of {@code group} is a known
     * cluster-scoped built-in. Exact group only: {@code *} or another group may hold a namespaced
     * custom resource of the same name.
     */
    public static boolean isClusterScoped(String group, String resource) {
        int slash = resource.indexOf('/');
        String base = slash < 0 ? resource : resource.substring(0, slash);
        return CLUSTER_SCOPED.contains(group + "/" + base);
    }
}
