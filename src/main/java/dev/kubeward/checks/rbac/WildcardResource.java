package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;

@CheckInfo(
        id = "rbac-wildcard-resource",
        title = "RBAC rule applies to every resource",
        severity = Severity.MEDIUM,
        category = "RBAC",
        description = "A Role or ClusterRole rule lists resource '*' (medium), '*/SUBRESOURCE' such as '*/scale' "
                + "(low: that subresource of every resource) or nonResourceURL '*' (low). 'pods/*' is not a wildcard "
                + "(the authorizer compares it literally) and is not reported. The permission checks leave rules with "
                + "resource '*' to this check. Fires on the role whether or not it is bound (an unused role is one binding away); stock roles of the API server (stock name with the kubernetes.io/bootstrapping: rbac-defaults label) are skipped.",
        rationale = "'*' covers Secrets, pods/exec, serviceaccounts/token and every custom resource installed later; "
                + "a rule meant for one kind silently grants the sensitive ones too.",
        remediation = "List the resources (and API groups) the workload needs.",
        cis = "5.1.3",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = "T1078")
public final class WildcardResource extends RoleRuleCheck {
    @Override
    protected void checkRule(RuleSite site, FindingSink sink) {
        if (site.rule().resources().contains("*")) {
            sink.report(site.path("resources"), site.describe() + " applies to every resource ('*'), including Secrets, "
                    + "pods/exec and serviceaccounts/token" + site.context());
        } else {
            site.rule().resources().stream().filter(resource -> resource.startsWith("*/")).findFirst().ifPresent(resource ->
                    sink.report(site.path("resources"), Severity.LOW, site.describe() + " applies to the "
                            + resource.substring(2) + " subresource of every resource ('" + resource + "')" + site.context()));
        }
        if (site.rule().nonResourceURLs().contains("*")) {
            sink.report(site.path("nonResourceURLs"), Severity.LOW, site.describe() + " applies to every non-resource URL ('*')"
                    + site.context());
        }
    }
}
