package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;

@CheckInfo(
        id = "rbac-anonymous-binding",
        title = "Binding grants to unauthenticated callers",
        severity = Severity.HIGH,
        category = "RBAC",
        description = "A binding subject is User system:anonymous or Group system:unauthenticated. Critical for a "
                + "ClusterRoleBinding; low for a RoleBinding that grants nothing (its role only names cluster-scoped resources "
                + "or non-resource URLs). Reported on the binding subject; stock bindings of the API server (stock name with the kubernetes.io/bootstrapping: rbac-defaults label) are skipped (the stock system:public-info-viewer binding names "
                + "system:unauthenticated by design).",
        rationale = "Anyone who can reach the API server gets the role's permissions without any credential.",
        remediation = "Remove the subject; if the API server need not serve anonymous requests, also start it with "
                + "--anonymous-auth=false.",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1078.001", "T1190"})
public final class AnonymousBinding extends BindingSubjectCheck {
    @Override
    protected void checkSubject(SubjectSite site, FindingSink sink) {
        if (site.isUser("system:anonymous") || site.isGroup("system:unauthenticated")) {
            boolean nothing = site.grantsNothing();
            sink.report(site.path(), nothing ? Severity.LOW : site.clusterWide() ? Severity.CRITICAL : Severity.HIGH,
                    site.describe() + ": anyone who can reach the API server gets it" + (nothing ? SubjectSite.GRANTS_NOTHING : ""));
        }
    }
}
