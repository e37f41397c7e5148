package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;

@CheckInfo(
        id = "rbac-authenticated-binding",
        title = "Binding grants to every authenticated caller",
        severity = Severity.HIGH,
        category = "RBAC",
        description = "A binding subject is Group system:authenticated (every user and ServiceAccount) or "
                + "system:serviceaccounts (every ServiceAccount of every namespace). High for a ClusterRoleBinding, "
                + "medium for a RoleBinding. Reported on the binding subject; stock bindings of the API server (stock name with the kubernetes.io/bootstrapping: rbac-defaults label) are skipped (the stock discovery bindings name system:authenticated by "
                + "design).",
        rationale = "Every pod's token and every identity of the identity provider get the role; on managed "
                + "clusters 'authenticated' can include any account of the cloud provider.",
        remediation = "Bind the role to the groups or ServiceAccounts that need it.",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1078"})
public final class AuthenticatedBinding extends BindingSubjectCheck {
    @Override
    protected void checkSubject(SubjectSite site, FindingSink sink) {
        String who = site.isGroup("system:authenticated") ? "every authenticated user and ServiceAccount"
                : site.isGroup("system:serviceaccounts") ? "every ServiceAccount of every namespace" : null;
        if (who != null) {
            sink.report(site.path(), site.clusterWide() ? Severity.HIGH : Severity.MEDIUM, site.describe() + ": " + who + " gets it");
        }
    }
}
