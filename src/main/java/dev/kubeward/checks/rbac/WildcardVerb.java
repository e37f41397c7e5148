package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;

@CheckInfo(
        id = "rbac-wildcard-verb",
        title = "RBAC rule allows every verb",
        severity = Severity.MEDIUM,
        category = "RBAC",
        description = "A Role or ClusterRole rule lists verb '*'. High when the same rule also has resource '*' and "
                + "API group '*' (it grants everything) and is granted cluster-wide or bound nowhere; medium for that rule "
                + "in a Role or granted only by RoleBindings (everything in those namespaces: namespace-admin-like, not "
                + "cluster-admin)." + RoleRuleCheck.WHERE,
        rationale = "'*' grants today's verbs and every verb added later, including escalate, bind, impersonate and "
                + "deletecollection; a rule meant to 'manage' a resource usually also lets the holder delete it in bulk "
                + "or rewrite who may use it.",
        remediation = "List the verbs the workload needs, e.g. [get, list, watch].",
        cis = "5.1.3",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = "T1078")
public final class WildcardVerb extends RoleRuleCheck {
    @Override
    protected void checkRule(RuleSite site, FindingSink sink) {
        if (!site.rule().verbs().contains("*")) {
            return;
        }
        boolean everything = site.rule().resources().contains("*") && site.rule().apiGroups().contains("*");
        if (everything && site.namespacedOnly()) {
            // Everything in a namespace is a namespace admin's power, not a cluster admin's.
            sink.report(site.path("verbs"), Severity.MEDIUM, site.describe() + " allows every verb on every namespaced resource in "
                    + site.namespacesText() + " (namespace-admin-like, not cluster-admin)" + site.context());
            return;
        }
        String what = everything ? " allows every verb on every resource (cluster-admin's rule)" : " allows every verb ('*')";
        sink.report(site.path("verbs"), everything ? Severity.HIGH : Severity.MEDIUM, site.describe() + what + site.context());
    }
}
