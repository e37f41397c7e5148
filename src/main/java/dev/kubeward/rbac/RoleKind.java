package dev.kubeward.rbac;

/** The two kinds of RBAC role; only a Role lives in a namespace. */
public enum RoleKind {
    ROLE("Role"),
    CLUSTER_ROLE("ClusterRole");

    private final String kindName;

    RoleKind(String kindName) {
        this.kindName = kindName;
    }

    /** The Kubernetes {@code kind} string. */
    public String kindName() {
        return kindName;
    }
}
