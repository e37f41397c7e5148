package dev.kubeward.checks.rbac;

import dev.kubeward.model.JsonPath;
import dev.kubeward.rbac.Role;
import dev.kubeward.rbac.RoleKind;
import dev.kubeward.rbac.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One declared rule of a scanned Role or ClusterRole, with what the rest of the scan says about it,
 * above all where it is granted: the checks judge the grant, not the rule as written.
 */
record RuleSite(RbacScan scan, Role role, Rule rule) {

    /**
     * Where the rule takes effect. A Role's rules, and a ClusterRole's rules granted only by
     * RoleBindings, apply inside namespaces, where cluster-scoped resources and non-resource URLs
     * are never granted. A ClusterRole no binding grants keeps the rule as written: it may be
     * bound either way.
     */
    enum Reach {
        /** Granted by a ClusterRoleBinding (directly or through aggregation): everything the rule names. */
        CLUSTER,
        /** A Role's rule, or a ClusterRole's granted only by RoleBindings: namespaced resources there. */
        NAMESPACES,
        /** A ClusterRole no binding of the input grants: judged as written. */
        UNBOUND
    }

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

    Reach reach() {
        if (role.key().kind() == RoleKind.ROLE) {
            return Reach.NAMESPACES;
        }
        if (boundClusterWide()) {
            return Reach.CLUSTER;
        }
        return scan.roleBindingNamespacesOf(role.key(), rule.index()).isEmpty() ? Reach.UNBOUND : Reach.NAMESPACES;
    }

    /** True when the rule is only granted inside namespaces. */
    boolean namespacedOnly() {
        return reach() == Reach.NAMESPACES;
    }

    /** The namespaces a namespaced grant applies to: the Role's, or those of the RoleBindings. */
    Set<String> namespaces() {
        return role.key().kind() == RoleKind.ROLE ? Set.of(role.key().namespace())
                : scan.roleBindingNamespacesOf(role.key(), rule.index());
    }

    /** "namespace shop" or "namespaces a, b". */
    String namespacesText() {
        Set<String> namespaces = namespaces();
        return (namespaces.size() == 1 ? "namespace " : "namespaces ") + String.join(", ", namespaces);
    }

    /** True when the rule is granted only inside namespaces and grants nothing there. */
    boolean grantsNothing() {
        return namespacedOnly() && RbacScan.grantsNothingInNamespace(rule);
    }

    boolean nameRestricted() {
        return !rule.resourceNames().isEmpty();
    }

    /** "ClusterRole/x rules[1]". */
    String describe() {
        return role.key() + " " + rule.path();
    }

    /** Parenthesised facts a reader needs to weigh the finding: names, aggregation, where it is granted. */
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
        } else if (role.key().kind() == RoleKind.CLUSTER_ROLE && namespacedOnly()) {
            facts.add("granted only by RoleBindings, in " + namespacesText() + ", where cluster-scoped resources are not granted");
        }
        return facts.isEmpty() ? "" : " (" + String.join("; ", facts) + ")";
    }
}
