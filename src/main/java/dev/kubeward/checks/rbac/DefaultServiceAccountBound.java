package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.rbac.Identity;
import dev.kubeward.rbac.Subject;

@CheckInfo(
        id = "rbac-default-sa-bound",
        title = "Default ServiceAccount given permissions",
        severity = Severity.MEDIUM,
        category = "RBAC",
        description = "A binding subject is the ServiceAccount named default (written as a ServiceAccount or as User "
                + "system:serviceaccount:NS:default). Low for a RoleBinding that grants nothing (its role only names "
                + "cluster-scoped resources or non-resource URLs). Reported on the binding subject; stock bindings of the API server (stock name with the kubernetes.io/bootstrapping: rbac-defaults label) are skipped.",
        rationale = "Every pod that names no ServiceAccount runs as default, so the permissions reach every such "
                + "workload of the namespace, including ones added later.",
        remediation = "Create a ServiceAccount for the workload that needs the permissions, bind the role to it and "
                + "set spec.serviceAccountName.",
        cis = "5.1.5",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1078.001"})
public final class DefaultServiceAccountBound extends BindingSubjectCheck {
    @Override
    protected void checkSubject(SubjectSite site, FindingSink sink) {
        Subject subject = site.effective();
        if (subject != null && Subject.USER.equals(subject.kind())) {
            Subject serviceAccount = Identity.parseServiceAccountUser(subject.name());
            subject = serviceAccount == null ? subject : serviceAccount;
        }
        if (subject != null && subject.isServiceAccount() && "default".equals(subject.name())) {
            String message = site.describe() + ": every pod of namespace " + subject.namespace() + " that names no ServiceAccount gets it";
            if (site.grantsNothing()) {
                sink.report(site.path(), Severity.LOW, message + SubjectSite.GRANTS_NOTHING);
            } else {
                sink.report(site.path(), message);
            }
        }
    }
}
