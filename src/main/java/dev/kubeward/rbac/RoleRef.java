package dev.kubeward.rbac;

/** A binding's {@code roleRef}: kind is {@code Role} or {@code ClusterRole} when valid. */
public record RoleRef(String apiGroup, String kind, String name) {

    /**
     * The role this reference names for a binding in {@code bindingNamespace} (null for a
     * ClusterRoleBinding), or null when it cannot name any role. A Role reference is always
     * resolved in the binding's own namespace, which is why a RoleBinding can never grant a
     * Role of another namespace and a ClusterRoleBinding can never grant a Role at all.
     */
    public RoleKey resolve(String bindingNamespace) {
        if ("ClusterRole".equals(kind)) {
            return RoleKey.clusterRole(name);
        }
        if ("Role".equals(kind) && bindingNamespace != null) {
            return RoleKey.role(bindingNamespace, name);
        }
        return null;
    }
}
