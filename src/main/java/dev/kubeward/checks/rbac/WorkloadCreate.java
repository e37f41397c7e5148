package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import java.util.List;

@CheckInfo(
        id = "rbac-workload-create",
        title = "RBAC rule creates pods or workloads",
        severity = Severity.MEDIUM,
        category = "RBAC",
        description = "A Role or ClusterRole rule allows create on pods or a pod-bearing workload (deployments, "
                + "daemonsets, statefulsets, replicasets, jobs, cronjobs, replicationcontrollers). High when a "
                + "ClusterRoleBinding grants it cluster-wide." + RoleRuleCheck.WHERE,
        rationale = "Whoever creates a pod chooses its ServiceAccount and so holds the permissions of every "
                + "ServiceAccount in the namespace (and, cluster-wide, of kube-system's controllers); the pod can also "
                + "mount Secrets and, without Pod Security admission, host paths.",
        remediation = "Grant create on workloads only to deployment pipelines, per namespace, and enforce Pod Security "
                + "admission in those namespaces.",
        cis = "5.1.4",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1610", "T1078"})
public final class WorkloadCreate extends PermissionCheck {
    private static final List<Permission> WORKLOADS = List.of(
            Permission.of("", "pods", "create"),
            Permission.of("apps", "deployments", "create"),
            Permission.of("apps", "daemonsets", "create"),
            Permission.of("apps", "statefulsets", "create"),
            Permission.of("apps", "replicasets", "create"),
            Permission.of("batch", "jobs", "create"),
            Permission.of("batch", "cronjobs", "create"),
            Permission.of("", "replicationcontrollers", "create"));

    @Override
    protected List<Permission> permissions() {
        return WORKLOADS;
    }

    @Override
    protected Severity grade(RuleSite site, List<String> granted) {
        return site.boundClusterWide() ? Severity.HIGH : Severity.MEDIUM;
    }
}
