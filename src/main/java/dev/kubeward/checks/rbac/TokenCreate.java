package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import java.util.List;

@CheckInfo(
        id = "rbac-token-create",
        title = "RBAC rule creates ServiceAccount tokens",
        severity = Severity.HIGH,
        category = "RBAC",
        description = "A Role or ClusterRole rule allows create on serviceaccounts/token." + RoleRuleCheck.WHERE,
        rationale = "A token minted through the TokenRequest API authenticates as that ServiceAccount, with all its "
                + "permissions, for as long as the requester asks.",
        remediation = "Remove the rule, or restrict it with resourceNames to the ServiceAccounts that really need "
                + "tokens minted for them.",
        cis = "5.1.13",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1528", "T1078"})
public final class TokenCreate extends PermissionCheck {
    private static final List<Permission> TOKENS = List.of(Permission.of("", "serviceaccounts/token", "create"));

    @Override
    protected List<Permission> permissions() {
        return TOKENS;
    }
}
