package dev.kubeward.rbac;

/** A ServiceAccount object; pods in its namespace can run as it. */
public record ServiceAccount(String namespace, String name, Object source, String basePath) implements RbacObject {

    public Subject subject() {
        return Subject.serviceAccount(namespace, name);
    }
}
