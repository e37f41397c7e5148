package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import java.util.List;

@CheckInfo(
        id = "rbac-escalate-bind-impersonate",
        title = "RBAC rule allows escalate, bind or impersonate",
        severity = Severity.HIGH,
        category = "RBAC",
        description = "A Role or ClusterRole rule allows escalate or bind on roles/clusterroles, or impersonate on "
                + "users, groups, serviceaccounts or uids. Critical when it may impersonate group system:masters "
                + "(groups without resourceNames, or naming it)." + RoleRuleCheck.WHERE,
        rationale = "These verbs exist to bypass RBAC's escalation prevention: escalate lets the holder write rules "
                + "it does not have, bind lets it grant roles it does not hold, and impersonation makes every request "
                + "as someone else.",
        remediation = "Remove these verbs from roles of people and workloads; if a controller needs them, restrict "
                + "them with resourceNames.",
        cis = "5.1.8",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1098", "T1078"})
public final class EscalateBindImpersonate extends PermissionCheck {
    private static final String RBAC = "rbac.authorization.k8s.io";
    private static final List<Permission> VERBS = List.of(
            Permission.of(RBAC, "roles", "escalate", "bind"),
            Permission.of(RBAC, "clusterroles", "escalate", "bind"),
            Permission.of("", "users", "impersonate"),
            Permission.of("", "groups", "impersonate"),
            Permission.of("", "serviceaccounts", "impersonate"),
            Permission.of("authentication.k8s.io", "uids", "impersonate"));
    private static final Permission GROUPS = Permission.of("", "groups", "impersonate");

    @Override
    protected List<Permission> permissions() {
        return VERBS;
    }

    @Override
    protected String field() {
        return "verbs";
    }

    @Override
    protected Severity grade(RuleSite site, List<String> granted) {
        boolean groups = !GROUPS.grantedBy(site.rule(), site.namespacedOnly()).isEmpty();
        boolean masters = !site.nameRestricted() || site.rule().resourceNames().contains("system:masters");
        return groups && masters ? Severity.CRITICAL : Severity.HIGH;
    }
}
