package dev.kubeward.source.cluster;

import java.util.List;

/**
 * One kind the cluster reader lists: where the API serves it and how it is asked for.
 *
 * @param group the API group ("" for the core group)
 * @param version the served version that is read
 * @param resource the plural resource name in the URL ({@code deployments})
 * @param kind the kind each item is (list items carry no kind of their own)
 * @param namespaced whether it is listed per namespace (with {@code -n}) or cluster-wide
 * @param metadataOnly whether only the metadata is requested ({@code PartialObjectMetadataList}):
 *     Secrets, whose values must never leave the API server
 */
public record ListedKind(String group, String version, String resource, String kind, boolean namespaced,
        boolean metadataOnly) {

    /** The Accept header that asks the API server for metadata alone. */
    public static final String METADATA_ONLY_ACCEPT = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";

    /**
     * What the checks and engines need, in the order they are listed (the ones with the most
     * objects first, so that concurrency pays). Pods are read for bare pods and static control-plane
     * pods; those whose controller is also read are dropped after the read.
     */
    public static final List<ListedKind> DEFAULT = List.of(
            core("pods", "Pod", true),
            core("secrets", "Secret", true).asMetadataOnly(),
            core("configmaps", "ConfigMap", true),
            named("apps", "v1", "replicasets", "ReplicaSet", true),
            core("services", "Service", true),
            core("serviceaccounts", "ServiceAccount", true),
            named("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true),
            named("rbac.authorization.k8s.io", "v1", "roles", "Role", true),
            named("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
            named("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false),
            named("apps", "v1", "deployments", "Deployment", true),
            named("apps", "v1", "statefulsets", "StatefulSet", true),
            named("apps", "v1", "daemonsets", "DaemonSet", true),
            named("batch", "v1", "jobs", "Job", true),
            named("batch", "v1", "cronjobs", "CronJob", true),
            core("replicationcontrollers", "ReplicationController", true),
            core("podtemplates", "PodTemplate", true),
            core("namespaces", "Namespace", false),
            core("nodes", "Node", false),
            named("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true),
            named("networking.k8s.io", "v1", "ingresses", "Ingress", true),
            core("limitranges", "LimitRange", true),
            core("resourcequotas", "ResourceQuota", true),
            named("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations",
                    "ValidatingWebhookConfiguration", false),
            named("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations",
                    "MutatingWebhookConfiguration", false),
            named("admissionregistration.k8s.io", "v1", "validatingadmissionpolicies", "ValidatingAdmissionPolicy", false),
            named("admissionregistration.k8s.io", "v1", "validatingadmissionpolicybindings",
                    "ValidatingAdmissionPolicyBinding", false),
            named("apiregistration.k8s.io", "v1", "apiservices", "APIService", false));

    /**
     * Service-mesh kinds the mesh checks read; listed only when discovery says the cluster serves
     * their group (a cluster without Istio has no PeerAuthentications, which is not a gap).
     */
    public static final List<ListedKind> MESH = List.of(
            named("security.istio.io", "v1", "peerauthentications", "PeerAuthentication", true),
            named("networking.istio.io", "v1", "destinationrules", "DestinationRule", true));

    private static ListedKind core(String resource, String kind, boolean namespaced) {
        return new ListedKind("", "v1", resource, kind, namespaced, false);
    }

    private static ListedKind named(String group, String version, String resource, String kind, boolean namespaced) {
        return new ListedKind(group, version, resource, kind, namespaced, false);
    }

    private ListedKind asMetadataOnly() {
        return new ListedKind(group, version, resource, kind, namespaced, true);
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code secrets}, {@code deployments.apps}: the name kubectl and RBAC use. */
    public String qualifiedResource() {
        return group.isEmpty() ? resource : resource + "." + group;
    }

    /** The list URL path, for all namespaces ({@code namespace} null) or one. */
    public String path(String namespace) {
        String base = group.isEmpty() ? "/api/v1" : "/apis/" + group + "/" + version;
        return namespaced && namespace != null ? base + "/namespaces/" + namespace + "/" + resource : base + "/" + resource;
    }
}
