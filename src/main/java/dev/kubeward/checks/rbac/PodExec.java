package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import java.util.List;

@CheckInfo(
        id = "rbac-pod-exec",
        title = "RBAC rule allows exec, attach or port-forward into pods",
        severity = Severity.HIGH,
        category = "RBAC",
        description = "A Role or ClusterRole rule allows create or get on pods/exec, pods/attach or pods/portforward. "
                + "The API server authorizes these by HTTP method: create for SPDY's POST, get for the WebSocket GET that "
                + "kubectl uses since 1.30 (port-forward since 1.31); from 1.35 the AuthorizePodWebsocketUpgradeCreatePermission "
                + "feature gate (on by default) also requires create, so get alone opens a session only on older clusters or "
                + "with the gate off, as the message says. High for exec and attach, medium for port-forward alone. 'pods/*' "
                + "is a literal name that matches none of them." + RoleRuleCheck.WHERE,
        rationale = "Running commands in a pod gives its ServiceAccount token, its mounted Secrets and its network "
                + "position, and attach drives its main process; port-forward reaches the pod's ports past NetworkPolicy. "
                + "All bypass whatever the pod's own RBAC and admission controls were meant to restrict, and get is not the "
                + "read-only verb it looks like here.",
        remediation = "Remove the rule; use a debugging workflow with short-lived, audited access instead.",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1609", "T1078"})
public final class PodExec extends PermissionCheck {
    private static final List<Permission> SESSIONS = List.of(
            Permission.of("", "pods/exec", "create", "get"),
            Permission.of("", "pods/attach", "create", "get"),
            Permission.of("", "pods/portforward", "create", "get"));
    private static final String GET_ONLY = " (get opens it over WebSockets on Kubernetes before 1.35, or with the "
            + "AuthorizePodWebsocketUpgradeCreatePermission feature gate off)";

    @Override
    protected List<Permission> permissions() {
        return SESSIONS;
    }

    @Override
    protected String describe(Permission permission, List<String> verbs) {
        String text = super.describe(permission, verbs);
        return verbs.contains("create") ? text : text + GET_ONLY;
    }

    @Override
    protected Severity grade(RuleSite site, List<String> granted) {
        boolean shell = granted.stream().anyMatch(g -> g.contains("pods/exec") || g.contains("pods/attach"));
        return shell ? Severity.HIGH : Severity.MEDIUM;
    }
}
