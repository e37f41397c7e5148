package dev.kubeward.checks.meta;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.check.Check;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import java.util.Set;

@CheckInfo(
        id = "default-namespace",
        title = "Object in the default namespace",
        severity = Severity.LOW,
        category = "Namespaces",
        description = "A namespaced object is placed in the default namespace, or names no namespace at all, so "
                + "it lands wherever the kubectl context points (usually default). Only kinds known to be "
                + "namespaced are reported when the namespace is absent.",
        rationale = "The default namespace mixes unrelated workloads under shared service accounts, quotas and "
                + "policies; namespaces are the unit of isolation for RBAC, NetworkPolicies and Pod Security.",
        remediation = "Set metadata.namespace to a namespace dedicated to the application.",
        cis = "5.7.4",
        nsaCisa = "Network separation and hardening: namespaces")
public final class DefaultNamespace implements Check {
    private static final Set<String> KNOWN_NAMESPACED = Set.of("Pod", "Deployment", "ReplicaSet", "StatefulSet",
            "DaemonSet", "Job", "CronJob", "ReplicationController", "PodTemplate", "Service", "ConfigMap", "Secret",
            "ServiceAccount", "Role", "RoleBinding", "NetworkPolicy", "Ingress", "PersistentVolumeClaim",
            "HorizontalPodAutoscaler", "PodDisruptionBudget", "LimitRange", "ResourceQuota", "Endpoints",
            "EndpointSlice", "Lease");

    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        if (!r.isNamespaced() || r.apiVersion().startsWith("kubeward.dev/")) {
            return;
        }
        JsonPath at = JsonPath.of("metadata", "namespace");
        if ("default".equals(r.namespace())) {
            sink.report(at, r.displayName() + " is in the default namespace");
        } else if (r.namespace() == null && KNOWN_NAMESPACED.contains(r.kind())) {
            sink.report(JsonPath.of("metadata"), r.displayName() + " names no namespace: it goes to the kubectl "
                    + "context's namespace, usually default");
        }
    }
}
