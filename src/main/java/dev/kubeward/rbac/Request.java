package dev.kubeward.rbac;

import java.util.Objects;

/**
 * An API request to authorize. A resource request has {@code resource} set; a non-resource
 * request (e.g. {@code get /healthz}) has {@code nonResourcePath} set instead.
 * {@code namespace} null means cluster-wide (a cluster-scoped resource, or all namespaces);
 * {@code name} null means the request names no object (list, watch, create, deletecollection).
 */
public record Request(
        String verb,
        String apiGroup,
        String resource,
        String subresource,
        String namespace,
        String name,
        String nonResourcePath) {

    public Request {
        Objects.requireNonNull(verb, "verb");
        if ((resource == null) == (nonResourcePath == null)) {
            throw new IllegalArgumentException("a request has either a resource or a non-resource path");
        }
        if (resource != null) {
            apiGroup = apiGroup == null ? "" : apiGroup;
            subresource = emptyToNull(subresource);
            namespace = emptyToNull(namespace);
            name = emptyToNull(name);
        }
    }

    /** A resource request; {@code resource} may carry its subresource as {@code pods/exec}. */
    public static Request of(String verb, String apiGroup, String resource, String namespace) {
        int slash = resource.indexOf('/');
        return slash < 0
                ? new Request(verb, apiGroup, resource, null, namespace, null, null)
                : new Request(verb, apiGroup, resource.substring(0, slash), resource.substring(slash + 1), namespace, null, null);
    }

    public static Request nonResource(String verb, String path) {
        return new Request(verb, null, null, null, null, null, path);
    }

    /** The same request naming one object. */
    public Request named(String objectName) {
        return new Request(verb, apiGroup, resource, subresource, namespace, objectName, nonResourcePath);
    }

    /**
     * The request as the API server authorizes it: for a known cluster-scoped built-in resource
     * it carries no namespace, whatever the client asked (kubectl -n is ignored for nodes).
     *
     * <p>One exception: {@code bind} on {@code clusterroles} is not a request a client sends but
     * the check the RBAC registry makes when a binding is written, and it carries the namespace of
     * the RoleBinding being created ({@code BindingAuthorized} in
     * {@code pkg/registry/rbac/escalation_check.go}), so a RoleBinding can grant it.
     */
    public Request asSent() {
        if (namespace != null && isResourceRequest() && BuiltInResources.isClusterScoped(apiGroup, resource)
                && !isNamespacedCheck(verb, apiGroup, resource)) {
            return new Request(verb, apiGroup, resource, subresource, null, name, null);
        }
        return this;
    }

    /**
     * True for the authorization checks on a cluster-scoped resource that the API server makes
     * with a namespace: {@code bind} of a ClusterRole in a RoleBinding's namespace.
     */
    public static boolean isNamespacedCheck(String verb, String apiGroup, String resource) {
        return "bind".equals(verb) && "rbac.authorization.k8s.io".equals(apiGroup) && "clusterroles".equals(resource);
    }

    public boolean isResourceRequest() {
        return resource != null;
    }

    /** {@code pods/exec} for a subresource request, else the resource. */
    public String combinedResource() {
        return subresource == null ? resource : resource + "/" + subresource;
    }

    @Override
    public String toString() {
        if (!isResourceRequest()) {
            return verb + " " + nonResourcePath;
        }
        String group = apiGroup.isEmpty() ? "" : "." + apiGroup;
        String target = name == null ? "" : " named " + name;
        String scope = namespace == null ? " cluster-wide" : " in namespace " + namespace;
        return verb + " " + combinedResource() + group + target + scope;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
