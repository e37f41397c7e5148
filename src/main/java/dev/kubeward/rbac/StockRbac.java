package dev.kubeward.rbac;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Recognises the roles and bindings a stock Kubernetes API server creates (its bootstrap RBAC
 * policy), so checks can mark them as expected instead of flooding reports with them.
 *
 * <p>The name sets below are the bootstrap policy of recent Kubernetes releases (upstream's
 * bootstrappolicy golden files; the tests compare them with that data). The API server also
 * labels every such object {@code kubernetes.io/bootstrapping: rbac-defaults}. Both signals are
 * reported separately: the label alone can be copied onto any object, and a stock name without
 * the label suggests an object re-created by hand.
 */
public final class StockRbac {

    public static final String BOOTSTRAP_LABEL = "kubernetes.io/bootstrapping";
    public static final String BOOTSTRAP_VALUE = "rbac-defaults";

    /**
     * Controllers with a {@code system:controller:NAME} ClusterRole and ClusterRoleBinding.
     * Includes device-taint-eviction-controller, which other releases have instead of or
     * besides podcheckpoint-controller.
     */
    static final Set<String> CONTROLLERS = Set.of(
            "attachdetach-controller",
            "certificate-controller",
            "clusterrole-aggregation-controller",
            "cronjob-controller",
            "daemon-set-controller",
            "deployment-controller",
            "device-taint-eviction-controller",
            "disruption-controller",
            "endpoint-controller",
            "endpointslice-controller",
            "endpointslicemirroring-controller",
            "ephemeral-volume-controller",
            "expand-controller",
            "generic-garbage-collector",
            "horizontal-pod-autoscaler",
            "job-controller",
            "legacy-service-account-token-cleaner",
            "namespace-controller",
            "node-controller",
            "persistent-volume-binder",
            "pod-garbage-collector",
            "podcheckpoint-controller",
            "pv-protection-controller",
            "pvc-protection-controller",
            "replicaset-controller",
            "replication-controller",
            "resource-claim-controller",
            "resourcequota-controller",
            "root-ca-cert-publisher",
            "route-controller",
            "selinux-warning-controller",
            "service-account-controller",
            "service-cidrs-controller",
            "service-controller",
            "statefulset-controller",
            "ttl-after-finished-controller",
            "ttl-controller",
            "validatingadmissionpolicy-status-controller",
            "volumeattributesclass-protection-controller");

    static final Set<String> CLUSTER_ROLES = Stream.concat(
            Stream.of(
                    "admin",
                    "cluster-admin",
                    "edit",
                    "system:aggregate-to-admin",
                    "system:aggregate-to-edit",
                    "system:aggregate-to-view",
                    "system:auth-delegator",
                    "system:basic-user",
                    "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
                    "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
                    "system:certificates.k8s.io:kube-apiserver-client-approver",
                    "system:certificates.k8s.io:kube-apiserver-client-kubelet-approver",
                    "system:certificates.k8s.io:kubelet-serving-approver",
                    "system:certificates.k8s.io:legacy-unknown-approver",
                    "system:discovery",
                    "system:heapster",
                    "system:kube-aggregator",
                    "system:kube-controller-manager",
                    "system:kube-dns",
                    "system:kube-scheduler",
                    "system:kubelet-api-admin",
                    "system:monitoring",
                    "system:node",
                    "system:node-bootstrapper",
                    "system:node-problem-detector",
                    "system:node-proxier",
                    "system:persistent-volume-provisioner",
                    "system:public-info-viewer",
                    "system:service-account-issuer-discovery",
                    "system:volume-scheduler",
                    "view"),
            CONTROLLERS.stream().map(name -> "system:controller:" + name)).collect(Collectors.toUnmodifiableSet());

    static final Set<String> CLUSTER_ROLE_BINDINGS = Stream.concat(
            Stream.of(
                    "cluster-admin",
                    "system:basic-user",
                    "system:discovery",
                    "system:kube-controller-manager",
                    "system:kube-dns",
                    "system:kube-scheduler",
                    "system:node",
                    "system:node-proxier",
                    "system:public-info-viewer",
                    "system:volume-scheduler"),
            CONTROLLERS.stream().map(name -> "system:controller:" + name)).collect(Collectors.toUnmodifiableSet());

    /** Namespaced Roles, as {@code namespace/name}. */
    static final Set<String> ROLES = Set.of(
            "kube-public/system:controller:bootstrap-signer",
            "kube-system/extension-apiserver-authentication-reader",
            "kube-system/system::leader-locking-kube-controller-manager",
            "kube-system/system::leader-locking-kube-scheduler",
            "kube-system/system:controller:bootstrap-signer",
            "kube-system/system:controller:cloud-provider",
            "kube-system/system:controller:token-cleaner");

    /** Namespaced RoleBindings, as {@code namespace/name}. */
    static final Set<String> ROLE_BINDINGS = Set.of(
            "kube-public/system:controller:bootstrap-signer",
            "kube-system/system::extension-apiserver-authentication-reader",
            "kube-system/system::leader-locking-kube-controller-manager",
            "kube-system/system::leader-locking-kube-scheduler",
            "kube-system/system:controller:bootstrap-signer",
            "kube-system/system:controller:cloud-provider",
            "kube-system/system:controller:token-cleaner");

    /** How an object relates to the stock policy. */
    public enum Status {
        /** Stock name and the bootstrap label: created by the API server. */
        STOCK,
        /** Stock name without the label: probably re-created or edited by hand; worth a look. */
        STOCK_NAME_ONLY,
        /** Bootstrap label on a name the stock policy does not have (other version, or a disguise). */
        LABEL_ONLY,
        /** Not part of the stock policy. */
        CUSTOM;

        /** True for objects a report can treat as expected. */
        public boolean isExpected() {
            return this == STOCK;
        }
    }

    private StockRbac() {}

    public static Status status(Role role) {
        RoleKey key = role.key();
        boolean stockName = key.kind() == RoleKind.CLUSTER_ROLE
                ? CLUSTER_ROLES.contains(key.name())
                : ROLES.contains(key.namespace() + "/" + key.name());
        return status(stockName, role.labels());
    }

    public static Status status(Binding binding) {
        boolean stockName = binding.kind() == BindingKind.CLUSTER_ROLE_BINDING
                ? CLUSTER_ROLE_BINDINGS.contains(binding.name())
                : ROLE_BINDINGS.contains(binding.namespace() + "/" + binding.name());
        return status(stockName, binding.labels());
    }

    private static Status status(boolean stockName, Map<String, String> labels) {
        boolean labelled = BOOTSTRAP_VALUE.equals(labels.get(BOOTSTRAP_LABEL));
        if (stockName) {
            return labelled ? Status.STOCK : Status.STOCK_NAME_ONLY;
        }
        return labelled ? Status.LABEL_ONLY : Status.CUSTOM;
    }
}
