package dev.kubeward.checks.meta;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Kinds;
import dev.kubeward.model.Resource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

@CheckInfo(
        id = "default-namespace",
        title = "Object in the default namespace",
        severity = Severity.LOW,
        category = "Namespaces",
        description = "A namespaced object is placed in the default namespace. An object written with namespace: "
                + "default is reported where it says so; objects that name no namespace at all go to the kubectl "
                + "context's namespace (default, unless kubeward -n or kubectl apply -n names another) and are "
                + "reported once for the whole input, at the first of them, with how many there are. Only kinds known "
                + "to be namespaced are counted when the namespace is absent.",
        rationale = "The default namespace mixes unrelated workloads under shared service accounts, quotas and "
                + "policies; namespaces are the unit of isolation for RBAC, NetworkPolicies and Pod Security.",
        remediation = "Set metadata.namespace to a namespace dedicated to the application, or apply the bundle with "
                + "-n NAMESPACE (and scan it with kubeward -n NAMESPACE).",
        cis = "5.6.4",
        nsaCisa = "Network separation and hardening: namespaces")
public final class DefaultNamespace implements Check {
    private static final Set<String> KNOWN_NAMESPACED = Set.of("Pod", "Deployment", "ReplicaSet", "StatefulSet",
            "DaemonSet", "Job", "CronJob", "ReplicationController", "PodTemplate", "Service", "ConfigMap", "Secret",
            "ServiceAccount", "Role", "RoleBinding", "NetworkPolicy", "Ingress", "PersistentVolumeClaim",
            "HorizontalPodAutoscaler", "PodDisruptionBudget", "LimitRange", "ResourceQuota", "Endpoints",
            "EndpointSlice", "Lease");
    private static final Object KEY = DefaultNamespace.class;
    private static final int NAMED = 5;

    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        if (!r.isNamespaced() || Kinds.isConfigurationFile(r.group(), r.kind())) {
            return;
        }
        if (namesNoNamespace(r)) {
            List<Resource> bundle = context.inventory().derived(KEY, DefaultNamespace::namespaceLess);
            if (!bundle.isEmpty() && bundle.get(0) == r) {
                sink.report(JsonPath.of("metadata"), describe(bundle) + " no namespace: kubectl apply puts "
                        + (bundle.size() == 1 ? "it" : "them") + " in the context's namespace, default unless -n names another");
            }
        } else if (!r.namespaceDefaulted() && "default".equals(r.namespace())) {
            sink.report(JsonPath.of("metadata", "namespace"), r.displayName() + " is in the default namespace");
        }
    }

    /** Written without a namespace (or with an empty one), and so in the default namespace. */
    private static boolean namesNoNamespace(Resource r) {
        boolean absent = r.namespace() == null || (r.namespaceDefaulted() && "default".equals(r.namespace()));
        return absent && KNOWN_NAMESPACED.contains(r.kind());
    }

    /** Every such object of the scan, in input order: one finding for all of them. */
    private static List<Resource> namespaceLess(Inventory inventory) {
        return inventory.all().stream()
                .filter(r -> r.isNamespaced() && !Kinds.isConfigurationFile(r.group(), r.kind()) && namesNoNamespace(r))
                .collect(Collectors.toList());
    }

    private static String describe(List<Resource> bundle) {
        String names = bundle.stream().limit(NAMED).map(DefaultNamespace::shortName).collect(Collectors.joining(", "));
        if (bundle.size() == 1) {
            return names + " names";
        }
        return bundle.size() + " objects (" + names + (bundle.size() > NAMED ? ", and " + (bundle.size() - NAMED)
                + " more" : "") + ") name";
    }

    private static String shortName(Resource r) {
        return r.kind() + " " + r.name();
    }
}
