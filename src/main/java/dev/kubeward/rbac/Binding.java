package dev.kubeward.rbac;

import java.util.List;
import java.util.Map;

/** A RoleBinding ({@code namespace} set) or ClusterRoleBinding ({@code namespace} null). */
public record Binding(
        BindingKind kind,
        String namespace,
        String name,
        Map<String, String> labels,
        RoleRef roleRef,
        List<Subject> subjects,
        Object source,
        String basePath) implements RbacObject {

    public Binding {
        labels = Map.copyOf(labels);
        subjects = List.copyOf(subjects);
        if (kind == BindingKind.CLUSTER_ROLE_BINDING) {
            namespace = null;
        }
    }

    /** The role this binding grants, or null when its roleRef cannot name one. */
    public RoleKey roleKey() {
        return roleRef.resolve(namespace);
    }

    /** JSON path of one subject, e.g. {@code subjects[0]}. */
    public String subjectPath(int index) {
        return RbacObject.join(basePath, "subjects[" + index + "]");
    }

    /** {@code ClusterRoleBinding/name} or {@code RoleBinding/ns/name}. */
    public String id() {
        return namespace == null ? kind.kindName() + "/" + name : kind.kindName() + "/" + namespace + "/" + name;
    }

    /**
     * The subject as the authorizer reads it: a ServiceAccount subject without a namespace
     * takes the RoleBinding's namespace; in a ClusterRoleBinding it matches nobody (null).
     */
    public Subject effectiveSubject(int index) {
        Subject subject = subjects.get(index);
        if (!subject.isServiceAccount() || hasText(subject.namespace())) {
            return subject;
        }
        return namespace == null ? null : Subject.serviceAccount(namespace, subject.name());
    }

    private static boolean hasText(String value) {
        return value != null && !value.isEmpty();
    }
}
