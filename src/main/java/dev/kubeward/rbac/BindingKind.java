package dev.kubeward.rbac;

/** RoleBinding (grants within its namespace) or ClusterRoleBinding (grants cluster-wide). */
public enum BindingKind {
    ROLE_BINDING("RoleBinding"),
    CLUSTER_ROLE_BINDING("ClusterRoleBinding");

    private final String kindName;

    BindingKind(String kindName) {
        this.kindName = kindName;
    }

    public String kindName() {
        return kindName;
    }
}
