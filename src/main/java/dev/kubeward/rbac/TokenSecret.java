package dev.kubeward.rbac;

/**
 * A Secret of type {@code kubernetes.io/service-account-token}: whoever can read it can act as
 * the ServiceAccount named by its {@code kubernetes.io/service-account.name} annotation.
 */
public record TokenSecret(String namespace, String name, String serviceAccountName, Object source, String basePath)
        implements RbacObject {

    public Subject serviceAccount() {
        return Subject.serviceAccount(namespace, serviceAccountName);
    }
}
