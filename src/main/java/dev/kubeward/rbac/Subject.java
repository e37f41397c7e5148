package dev.kubeward.rbac;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A User, Group or ServiceAccount, as named in a binding's {@code subjects} or given to a query.
 * {@code namespace} is only meaningful for a ServiceAccount.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subject(String kind, String name, String namespace) {

    public static final String USER = "User";
    public static final String GROUP = "Group";
    public static final String SERVICE_ACCOUNT = "ServiceAccount";

    public static Subject user(String name) {
        return new Subject(USER, name, null);
    }

    public static Subject group(String name) {
        return new Subject(GROUP, name, null);
    }

    public static Subject serviceAccount(String namespace, String name) {
        return new Subject(SERVICE_ACCOUNT, name, namespace);
    }

    /** Derived from {@code kind}: not a property of its own in JSON. */
    @JsonIgnore
    public boolean isServiceAccount() {
        return SERVICE_ACCOUNT.equals(kind);
    }

    /** {@code User alice}, {@code Group system:masters}, {@code ServiceAccount kube-system/default}. */
    @Override
    public String toString() {
        return namespace == null ? kind + " " + name : kind + " " + namespace + "/" + name;
    }
}
