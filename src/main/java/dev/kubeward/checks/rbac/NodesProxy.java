package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import java.util.List;

@CheckInfo(
        id = "rbac-nodes-proxy",
        title = "RBAC rule reaches the kubelet through nodes/proxy",
        severity = Severity.HIGH,
        category = "RBAC",
        description = "A Role or ClusterRole rule allows any of get, create, update, patch or delete on nodes/proxy."
                + RoleRuleCheck.WHERE,
        rationale = "nodes/proxy forwards requests to the kubelet API, which runs commands in any pod of the node; "
                + "such requests bypass the API server's audit of pods/exec and admission control. Even get suffices "
                + "over WebSockets.",
        remediation = "Remove the rule; monitoring agents should read metrics through nodes/metrics or nodes/stats.",
        cis = "5.1.10",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1609", "T1611"})
public final class NodesProxy extends PermissionCheck {
    private static final List<Permission> PROXY = List.of(
            Permission.of("", "nodes/proxy", "get", "create", "update", "patch", "delete"));

    @Override
    protected List<Permission> permissions() {
        return PROXY;
    }
}
