package dev.kubeward.checks.rbac;

import dev.kubeward.model.JsonPath;
import dev.kubeward.rbac.Role;
import dev.kubeward.rbac.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One declared rule of a scanned Role or ClusterRole, with what the rest of the scan says about it. */
record RuleSite(RbacScan scan, Role role, Rule rule) {

    /** Path of one of the rule's fields, e.g. {@code rules[2].verbs}. */
    JsonPath path(String field) {
        return JsonPath.parse(rule.path(field));
    }

    /** ClusterRoleBindings that grant this rule cluster-wide (directly or through aggregation). */
    Set<String> clusterBindings() {
        return scan.clusterBindingsOf(role.key(), rule.index());
    }

    boolean boundClusterWide() {
        return !clusterBindings().isEmpty();
    }

    boolean nameRestricted() {
        return !rule.resourceNames().isEmpty();
    }

    /** "ClusterRole/x rules[1]". */
    String describe() {
        return role.key() + " " + rule.path();
    }

    /** Parenthesised facts a reader needs to weigh the finding: names, aggregation, cluster-wide binding. */
    String context() {
        List<String> facts = new ArrayList<>();
        if (nameRestricted()) {
            facts.add("only for resourceNames " + rule.resourceNames());
        }
        Set<String> aggregators = scan.aggregatedInto(role.key(), rule.index());
        if (!aggregators.isEmpty()) {
            facts.add("aggregated into " + String.join(", ", aggregators));
        }
        Set<String> bindings = clusterBindings();
        if (!bindings.isEmpty()) {
            facts.add("granted cluster-wide by " + String.join(", ", bindings));
        }
        return facts.isEmpty() ? "" : " (" + String.join("; ", facts) + ")";
    }
}
