package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import java.util.List;

@CheckInfo(
        id = "rbac-csr-approve",
        title = "RBAC rule approves certificate signing requests",
        severity = Severity.HIGH,
        category = "RBAC",
        description = "A Role or ClusterRole rule allows update or patch on certificatesigningrequests/approval, or "
                + "approve on signers (certificates.k8s.io)." + RoleRuleCheck.WHERE,
        rationale = "With create on certificatesigningrequests, approval of the kube-apiserver-client signer issues "
                + "a client certificate for any user and group, system:masters included; certificates cannot be "
                + "revoked.",
        remediation = "Leave approval to the controller manager's approvers; otherwise restrict approve on signers "
                + "with resourceNames to a dedicated signer.",
        cis = "5.1.11",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1098", "T1078"})
public final class CsrApprove extends PermissionCheck {
    private static final String CERTIFICATES = "certificates.k8s.io";
    private static final List<Permission> APPROVAL = List.of(
            Permission.of(CERTIFICATES, "certificatesigningrequests/approval", "update", "patch"),
            Permission.of(CERTIFICATES, "signers", "approve"));

    @Override
    protected List<Permission> permissions() {
        return APPROVAL;
    }
}
