package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import java.util.List;

@CheckInfo(
        id = "rbac-secrets-read",
        title = "RBAC rule reads Secrets",
        severity = Severity.MEDIUM,
        category = "RBAC",
        description = "A Role or ClusterRole rule allows get, list or watch on secrets. High when a ClusterRoleBinding "
                + "grants the rule cluster-wide (also through an aggregated ClusterRole); low when limited by "
                + "resourceNames." + RoleRuleCheck.WHERE,
        rationale = "Secrets hold credentials, and legacy ServiceAccount token Secrets let the reader act as that "
                + "ServiceAccount; list and watch return every Secret's content, not only names.",
        remediation = "Drop the rule, limit it to the Secrets needed with resourceNames (get only), or mount the "
                + "Secret into the workload instead of reading it through the API.",
        cis = "5.1.2",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1552.007", "T1078"})
public final class SecretsRead extends PermissionCheck {
    private static final List<Permission> SECRETS = List.of(Permission.of("", "secrets", "get", "list", "watch"));

    @Override
    protected List<Permission> permissions() {
        return SECRETS;
    }

    @Override
    protected Severity grade(RuleSite site, List<String> granted) {
        if (site.nameRestricted()) {
            return Severity.LOW;
        }
        return site.boundClusterWide() ? Severity.HIGH : Severity.MEDIUM;
    }
}
