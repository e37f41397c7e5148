package dev.kubeward.model;

import java.util.Set;

/** Facts about built-in kinds that the API server knows and a manifest does not say. */
public final class Kinds {
    private Kinds() {}

    /**
     * The apiVersion of the objects kubeward's readers make of files that are not Kubernetes
     * objects (Dockerfiles, node files, k3s/RKE2 configuration, the configuration file's exemptions),
     * so that engines and checks read them as resources. The only place the string is written.
     */
    public static final String KUBEWARD_API_VERSION = "kubeward.dev/v1";
    /** A Dockerfile, read by {@code source.dockerfile} (docs/dockerfile.md). */
    public static final String DOCKERFILE = "Dockerfile";
    /** What {@code kubeward node} observed of one file on a node: mode and owner. */
    public static final String NODE_FILE = "NodeFile";

    /** Whether an object is one of kubeward's own kinds ({@link #KUBEWARD_API_VERSION}) named {@code kind}. */
    public static boolean isKubeward(String apiVersion, String actualKind, String kind) {
        return KUBEWARD_API_VERSION.equals(apiVersion) && kind.equals(actualKind);
    }
    /** A kubelet's command line, read from its systemd unit and drop-ins ({@code source.node}). */
    public static final String KUBELET_COMMAND_LINE = "KubeletCommandLine";
    /** A k3s or RKE2 configuration file, named after the distribution ({@code k3s}, {@code rke2}). */
    public static final String RANCHER_CONFIG = "RancherConfig";

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
            "policy/PodSecurityPolicy", "extensions/PodSecurityPolicy",
            "authentication.k8s.io/TokenReview", "authentication.k8s.io/SelfSubjectReview",
            "authorization.k8s.io/SubjectAccessReview", "authorization.k8s.io/SelfSubjectAccessReview",
            "authorization.k8s.io/SelfSubjectRulesReview", "storage.k8s.io/VolumeAttributesClass",
            "resource.k8s.io/ResourceSlice", "resource.k8s.io/DeviceTaintRule",
            "apiserverinternal.k8s.io/StorageVersion", "storagemigration.k8s.io/StorageVersionMigration",
            "networking.k8s.io/ClusterCIDR",
            // Custom resources of common projects that their CRDs declare cluster-scoped
            "cert-manager.io/ClusterIssuer", "kyverno.io/ClusterPolicy", "kyverno.io/ClusterCleanupPolicy",
            "wgpolicyk8s.io/ClusterPolicyReport", "templates.gatekeeper.sh/ConstraintTemplate",
            "external-secrets.io/ClusterSecretStore", "external-secrets.io/ClusterExternalSecret",
            "crd.projectcalico.org/GlobalNetworkPolicy", "crd.projectcalico.org/GlobalNetworkSet",
            "projectcalico.org/GlobalNetworkPolicy", "projectcalico.org/GlobalNetworkSet",
            "cilium.io/CiliumClusterwideNetworkPolicy", "gateway.networking.k8s.io/GatewayClass",
            "policy.networking.k8s.io/AdminNetworkPolicy", "policy.networking.k8s.io/BaselineAdminNetworkPolicy",
            "snapshot.storage.k8s.io/VolumeSnapshotClass", "snapshot.storage.k8s.io/VolumeSnapshotContent",
            "karpenter.sh/NodePool", "karpenter.sh/NodeClaim", "karpenter.k8s.aws/EC2NodeClass",
            "argoproj.io/ClusterWorkflowTemplate", "tekton.dev/ClusterTask", "triggers.tekton.dev/ClusterTriggerBinding");

    /**
     * API groups whose objects are configuration files that components read (the kubelet, the
     * API server, kubeadm, kustomize, audit), not objects the API server serves: kubectl cannot
     * apply them, and they have no namespace.
     */
    private static final Set<String> FILE_ONLY_GROUPS = Set.of("audit.k8s.io", "kubeadm.k8s.io",
            "client.authentication.k8s.io", "apiserver.k8s.io", "kubeward.dev");

    /**
     * Whether objects of this group and kind carry a pod, built-in or of an operator kubeward knows
     * ({@link WorkloadKinds#BUILT_IN}; a scan's own kinds are {@link Inventory#workloadKinds()}).
     */
    public static boolean isPodBearing(String group, String kind) {
        return WorkloadKinds.BUILT_IN.isPodBearing(group, kind);
    }

    public static boolean isClusterScoped(String group, String kind) {
        // Gatekeeper's constraints are cluster-scoped whatever their kind (one CRD per template).
        return CLUSTER_SCOPED.contains(group + "/" + kind) || group.equals("constraints.gatekeeper.sh");
    }

    /**
     * True for a configuration file rather than an API object ({@code KubeletConfiguration},
     * {@code EncryptionConfiguration}, an audit {@code Policy}, {@code Kustomization}, a kubeconfig
     * {@code Config}, kubeward's own {@code Dockerfile} …).
     */
    public static boolean isConfigurationFile(String group, String kind) {
        return group.endsWith(".config.k8s.io") || FILE_ONLY_GROUPS.contains(group)
                || (group.isEmpty() && kind.equals("Config"));
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
