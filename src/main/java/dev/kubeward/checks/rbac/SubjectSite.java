package dev.kubeward.checks.rbac;

import dev.kubeward.model.JsonPath;
import dev.kubeward.rbac.Binding;
import dev.kubeward.rbac.BindingKind;
import dev.kubeward.rbac.RoleKey;
import dev.kubeward.rbac.Subject;

/** One subject of a scanned binding. */
record SubjectSite(RbacScan scan, Binding binding, int index) {

    /** The subject as written. */
    Subject subject() {
        return binding.subjects().get(index);
    }

    /** The subject as the authorizer reads it, or null when it matches nobody. */
    Subject effective() {
        return binding.effectiveSubject(index);
    }

    boolean isGroup(String name) {
        return Subject.GROUP.equals(subject().kind()) && name.equals(subject().name());
    }

    boolean isUser(String name) {
        return Subject.USER.equals(subject().kind()) && name.equals(subject().name());
    }

    boolean clusterWide() {
        return binding.kind() == BindingKind.CLUSTER_ROLE_BINDING;
    }

    JsonPath path() {
        return JsonPath.parse(binding.subjectPath(index));
    }

    /**
     * True when the binding grants nothing at all: a RoleBinding whose role (in the input or stock)
     * has only rules for cluster-scoped resources or non-resource URLs, which a RoleBinding never
     * grants. A role that is not in the input cannot be judged and counts as granting.
     */
    boolean grantsNothing() {
        RoleKey role = binding.roleKey();
        if (clusterWide() || role == null || !scan.model().roles().containsKey(role)) {
            return false;
        }
        return scan.model().effectiveRules(role).stream().allMatch(rule -> RbacScan.grantsNothingInNamespace(rule.rule()));
    }

    /** The note a finding on a binding that grants nothing carries. */
    static final String GRANTS_NOTHING = " (the RoleBinding grants nothing: the role's rules are for cluster-scoped resources "
            + "or non-resource URLs, which a RoleBinding never grants)";

    /** "ClusterRoleBinding/x grants ClusterRole y to Group z". */
    String describe() {
        return binding.id() + " grants " + binding.roleRef().kind() + " " + binding.roleRef().name() + " to " + subject()
                + (clusterWide() ? " cluster-wide" : " in namespace " + binding.namespace());
    }
}
