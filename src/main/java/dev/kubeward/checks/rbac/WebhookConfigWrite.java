package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import java.util.List;

@CheckInfo(
        id = "rbac-webhook-config-write",
        title = "RBAC rule writes admission webhook configurations",
        severity = Severity.HIGH,
        category = "RBAC",
        description = "A Role or ClusterRole rule allows create, update, patch, delete or deletecollection on "
                + "mutatingwebhookconfigurations or validatingwebhookconfigurations." + RoleRuleCheck.WHERE,
        rationale = "A mutating webhook rewrites every new pod (its image, its ServiceAccount); a validating webhook "
                + "receives every admitted object, Secrets included; deleting one switches off the policy it "
                + "enforced.",
        remediation = "Grant these verbs only to the operator that owns the webhook, restricted with resourceNames.",
        cis = "5.1.12",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1098", "T1562"})
public final class WebhookConfigWrite extends PermissionCheck {
    private static final String ADMISSION = "admissionregistration.k8s.io";
    private static final String[] WRITE = {"create", "update", "patch", "delete", "deletecollection"};
    private static final List<Permission> WEBHOOKS = List.of(
            Permission.of(ADMISSION, "mutatingwebhookconfigurations", WRITE),
            Permission.of(ADMISSION, "validatingwebhookconfigurations", WRITE));

    @Override
    protected List<Permission> permissions() {
        return WEBHOOKS;
    }
}
