package dev.kubeward.rbac;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the authorizer sees of an authenticated caller: a user name and its groups.
 * {@code userName} is null for "some member of a group" whose name is unknown.
 */
public record Identity(String userName, Set<String> groups) {

    public static final String AUTHENTICATED = "system:authenticated";
    public static final String UNAUTHENTICATED = "system:unauthenticated";
    public static final String ANONYMOUS = "system:anonymous";
    public static final String MASTERS = "system:masters";
    static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    public Identity {
        groups = Set.copyOf(groups);
    }

    /**
     * The identity a subject authenticates as: a ServiceAccount is user
     * {@code system:serviceaccount:NS:NAME} in {@code system:serviceaccounts},
     * {@code system:serviceaccounts:NS} and {@code system:authenticated}; every other
     * authenticated caller is in {@code system:authenticated}; the anonymous user is only in
     * {@code system:unauthenticated}. A Group subject stands for an unnamed member of it.
     */
    public static Identity of(Subject subject) {
        switch (subject.kind()) {
            case Subject.SERVICE_ACCOUNT:
                return serviceAccount(subject.namespace(), subject.name());
            case Subject.GROUP:
                Set<String> groups = new LinkedHashSet<>();
                groups.add(subject.name());
                if (!UNAUTHENTICATED.equals(subject.name())) {
                    groups.add(AUTHENTICATED);
                }
                return new Identity(null, groups);
            default:
                Subject serviceAccount = parseServiceAccountUser(subject.name());
                if (serviceAccount != null) {
                    return serviceAccount(serviceAccount.namespace(), serviceAccount.name());
                }
                if (ANONYMOUS.equals(subject.name())) {
                    return new Identity(ANONYMOUS, Set.of(UNAUTHENTICATED));
                }
                return new Identity(subject.name(), Set.of(AUTHENTICATED));
        }
    }

    public static Identity serviceAccount(String namespace, String name) {
        return new Identity(SERVICE_ACCOUNT_PREFIX + namespace + ":" + name,
                Set.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, AUTHENTICATED));
    }

    /** The ServiceAccount a user name like {@code system:serviceaccount:ns:name} denotes, or null. */
    public static Subject parseServiceAccountUser(String userName) {
        if (userName == null || !userName.startsWith(SERVICE_ACCOUNT_PREFIX)) {
            return null;
        }
        String rest = userName.substring(SERVICE_ACCOUNT_PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon <= 0 || colon == rest.length() - 1 || rest.indexOf(':', colon + 1) >= 0) {
            return null;
        }
        return Subject.serviceAccount(rest.substring(0, colon), rest.substring(colon + 1));
    }

    /** The ServiceAccount this identity is, or null. */
    public Subject serviceAccount() {
        return parseServiceAccountUser(userName);
    }
}
