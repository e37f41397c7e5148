package dev.kubeward.rbac;

/**
 * An object the RBAC engine understands. Every object keeps the opaque {@code source} handle
 * its caller supplied (used to map findings back to a file and line) and {@code basePath}, the
 * JSON path prefix of the object inside that source ({@code ""} or {@code items[3]}).
 */
public sealed interface RbacObject permits Role, Binding, ServiceAccount, TokenSecret, Workload {

    Object source();

    String basePath();

    /** Joins {@code basePath} and a path relative to the object. */
    static String join(String basePath, String relative) {
        return basePath.isEmpty() ? relative : basePath + "." + relative;
    }
}
