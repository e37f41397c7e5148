package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import java.util.List;

@CheckInfo(
        id = "rbac-pod-exec",
        title = "RBAC rule allows exec or attach into pods",
        severity = Severity.HIGH,
        category = "RBAC",
        description = "A Role or ClusterRole rule allows create or get on pods/exec or pods/attach (get suffices over "
                + "WebSockets, which kubectl uses since 1.30). 'pods/*' is a literal name that matches neither and is "
                + "not reported." + RoleRuleCheck.WHERE,
        rationale = "Running commands in a pod gives its ServiceAccount token, its mounted Secrets and its network "
                + "position; it bypasses whatever the pod's own RBAC and admission controls were meant to restrict.",
        remediation = "Remove the rule; use a debugging workflow with short-lived, audited access instead.",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1609", "T1078"})
public final class PodExec extends PermissionCheck {
    private static final List<Permission> EXEC = List.of(
            Permission.of("", "pods/exec", "create", "get"),
            Permission.of("", "pods/attach", "create", "get"));

    @Override
    protected List<Permission> permissions() {
        return EXEC;
    }
}
