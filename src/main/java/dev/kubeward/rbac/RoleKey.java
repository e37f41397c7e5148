package dev.kubeward.rbac;

import java.util.Objects;

/** Identity of a Role ({@code namespace} set) or ClusterRole ({@code namespace} null). */
public record RoleKey(RoleKind kind, String namespace, String name) {

    public RoleKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind == RoleKind.CLUSTER_ROLE) {
            namespace = null;
        } else {
            Objects.requireNonNull(namespace, "a Role needs a namespace");
        }
    }

    public static RoleKey clusterRole(String name) {
        return new RoleKey(RoleKind.CLUSTER_ROLE, null, name);
    }

    public static RoleKey role(String namespace, String name) {
        return new RoleKey(RoleKind.ROLE, namespace, name);
    }

    /** {@code ClusterRole/admin} or {@code Role/kube-system/foo}. */
    @Override
    public String toString() {
        return namespace == null ? kind.kindName() + "/" + name : kind.kindName() + "/" + namespace + "/" + name;
    }
}
