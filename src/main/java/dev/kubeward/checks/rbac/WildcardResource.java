package dev.kubeward.checks.rbac;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.rbac.Rule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

@CheckInfo(
        id = "rbac-wildcard-resource",
        title = "RBAC rule applies to every resource",
        severity = Severity.MEDIUM,
        category = "RBAC",
        description = "A Role or ClusterRole rule lists resource '*' (high when the rule reaches the core group with "
                + "get, list, watch, create or '*': that reads Secrets or opens exec sessions and tokens; medium "
                + "otherwise), '*/SUBRESOURCE' such as '*/scale' "
                + "(low: that subresource of every resource) or nonResourceURL '*' (low; not reported where only RoleBindings "
                + "grant it, since they never grant URLs). In a Role, or a ClusterRole only RoleBindings grant, '*' is every "
                + "namespaced resource of those namespaces and the message says so. 'pods/*' is not a wildcard "
                + "(the authorizer compares it literally) and is not reported. The permission checks leave rules with "
                + "resource '*' to this check." + RoleRuleCheck.WHERE,
        rationale = "'*' covers every resource of the rule's API groups, including those installed later: in the core "
                + "group Secrets, pods/exec and serviceaccounts/token, elsewhere webhook configurations, roles and bindings, "
                + "workloads; a rule meant for one kind silently grants the sensitive ones too. The message names what the "
                + "listed groups reach.",
        remediation = "List the resources (and API groups) the workload needs.",
        cis = "5.1.3",
        nsaCisa = "Authentication and authorization: role-based access control",
        mitre = "T1078")
public final class WildcardResource extends RoleRuleCheck {
    private static final String CORE = "Secrets, pods/exec and serviceaccounts/token";
    /** What '*' reaches in groups other than the core group, for the groups where it matters most. */
    private static final Map<String, String> REACHED = Map.of(
            "admissionregistration.k8s.io", "mutating and validating webhook configurations",
            "rbac.authorization.k8s.io", "roles and bindings (with escalate and bind: a way to any permission)",
            "apps", "workloads, whose pods may run as any ServiceAccount of their namespace",
            "batch", "workloads, whose pods may run as any ServiceAccount of their namespace",
            "certificates.k8s.io", "certificate signing requests and their approval");

    /**
     * The sensitive resources the rule's groups reach: the core group's (also through '*') when
     * it is listed, else those of the listed groups known to matter, else whatever the groups add.
     */
    static String reached(List<String> groups) {
        return reached(groups, false);
    }

    /**
     * As {@link #reached(List)}, for a rule granted only inside namespaces when {@code namespacedOnly}:
     * the groups whose sensitive resources are all cluster-scoped (webhook configurations, CSRs) then
     * reach nothing of them.
     */
    static String reached(List<String> groups, boolean namespacedOnly) {
        if (groups.contains("") || groups.contains("*")) {
            return CORE;
        }
        Set<String> known = new LinkedHashSet<>();
        groups.stream().filter(group -> !namespacedOnly || !CLUSTER_SCOPED_ONLY.contains(group))
                .map(REACHED::get).filter(Objects::nonNull).forEach(known::add);
        return known.isEmpty() ? "any added to the group later" : String.join("; ", known);
    }

    /** Groups whose sensitive built-in resources (the REACHED entry) are all cluster-scoped. */
    private static final Set<String> CLUSTER_SCOPED_ONLY = Set.of("admissionregistration.k8s.io", "certificates.k8s.io");

    /** Verbs that, on the core group's every resource, read Secrets or create pods/exec and tokens. */
    private static final Set<String> SENSITIVE_VERBS = Set.of("get", "list", "watch", "create", "*");

    /**
     * High when the rule reaches the core group with a verb that reads Secrets or creates exec
     * sessions and tokens: the permission checks leave '*' rules to this one, so it carries their
     * weight; medium otherwise.
     */
    static Severity grade(Rule rule) {
        boolean core = rule.apiGroups().contains("") || rule.apiGroups().contains("*");
        return core && rule.verbs().stream().anyMatch(SENSITIVE_VERBS::contains) ? Severity.HIGH : Severity.MEDIUM;
    }

    private static String groupNames(List<String> groups) {
        if (groups.contains("*")) {
            return "every API group";
        }
        List<String> names = groups.stream().map(g -> g.isEmpty() ? "the core group" : g).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    @Override
    protected void checkRule(RuleSite site, FindingSink sink) {
        if (site.rule().resources().contains("*") && !site.rule().apiGroups().isEmpty()) {
            // Without apiGroups the rule matches no request (the API server refuses to store it).
            List<String> groups = site.rule().apiGroups();
            boolean namespaced = site.namespacedOnly();
            String every = namespaced ? "every namespaced resource ('*') of " : "every resource ('*') of ";
            String where = namespaced ? " in " + site.namespacesText() : "";
            sink.report(site.path("resources"), grade(site.rule()), site.describe() + " applies to " + every
                    + groupNames(groups) + where + ", including " + reached(groups, namespaced) + site.context());
        } else {
            site.rule().resources().stream().filter(resource -> resource.startsWith("*/")).findFirst().ifPresent(resource ->
                    sink.report(site.path("resources"), Severity.LOW, site.describe() + " applies to the "
                            + resource.substring(2) + " subresource of every resource ('" + resource + "')" + site.context()));
        }
        if (site.rule().nonResourceURLs().contains("*") && !site.namespacedOnly()) {
            sink.report(site.path("nonResourceURLs"), Severity.LOW, site.describe() + " applies to every non-resource URL ('*')"
                    + site.context());
        }
    }
}
