package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.rbac.EffectiveRule;
import dev.kubeward.rbac.RoleKey;
import dev.kubeward.rbac.RuleMatcher;

@CheckInfo(
        id = "rbac-cluster-admin-binding",
        title = "Subject bound to cluster-admin",
        severity = Severity.CRITICAL,
        category = "RBAC",
        description = "A binding grants ClusterRole cluster-admin, or a role whose rules allow every verb on every "
                + "resource of every API group, to a subject: critical for a ClusterRoleBinding, high for a "
                + "RoleBinding (every permission inside that namespace). Group system:masters is left to "
                + "rbac-system-masters. Reported on the binding subject; stock bindings of the API server (stock name with the kubernetes.io/bootstrapping: rbac-defaults label) are skipped.",
        rationale = "cluster-admin can do anything, including reading every Secret and granting itself anything "
                + "else; a stolen credential of such a subject is the whole cluster.",
        remediation = "Bind a role with the permissions the subject needs; keep cluster-admin for break-glass "
                + "accounts.",
        cis = "5.1.1",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = {"T1078", "T1098"})
public final class ClusterAdminBinding extends BindingSubjectCheck {
    @Override
    protected void checkSubject(SubjectSite site, FindingSink sink) {
        if (site.effective() == null || site.isGroup("system:masters") || !grantsEverything(site)) {
            return;
        }
        String what = site.clusterWide() ? ", which may do anything in the cluster"
                : ", which may do anything in the namespace (namespace-admin-like: a RoleBinding grants no cluster-scoped "
                + "resource, so this is not cluster-admin)";
        sink.report(site.path(), site.clusterWide() ? Severity.CRITICAL : Severity.HIGH, site.describe() + what);
    }

    private static boolean grantsEverything(SubjectSite site) {
        RoleKey role = site.binding().roleKey();
        if (role == null) {
            return false;
        }
        if (role.equals(RoleKey.clusterRole("cluster-admin"))) {
            return true;
        }
        for (EffectiveRule rule : site.scan().model().effectiveRules(role)) {
            if (RuleMatcher.allows(rule.rule(), RbacScan.EVERYTHING)) {
                return true;
            }
        }
        return false;
    }
}
