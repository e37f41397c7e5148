package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;

@CheckInfo(
        id = "rbac-system-masters",
        title = "Binding names group system:masters",
        severity = Severity.HIGH,
        category = "RBAC",
        description = "A binding subject is Group system:masters. Reported on the binding subject; stock bindings of the API server (stock name with the kubernetes.io/bootstrapping: rbac-defaults label) are skipped (the stock cluster-admin binding names it by "
                + "design).",
        rationale = "Members of system:masters bypass RBAC entirely, so a binding adds nothing and suggests that "
                + "credentials in that group are in use; such client certificates cannot be revoked short of "
                + "rotating the cluster CA.",
        remediation = "Remove the subject; give administrators a named group bound to a role, and keep "
                + "system:masters certificates for break-glass only.",
        cis = "5.1.7",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1078", "T1098"})
public final class SystemMastersBinding extends BindingSubjectCheck {
    @Override
    protected void checkSubject(SubjectSite site, FindingSink sink) {
        if (site.isGroup("system:masters")) {
            sink.report(site.path(), site.describe() + "; members of system:masters already bypass RBAC");
        }
    }
}
