package dev.kubeward.policy.cel;

/** The runtime values of the Kubernetes authorizer library (authz.go): builders and decisions. */
public final class AuthzValues {
    private AuthzValues() {}

    /** The {@code authorizer} variable: checks on behalf of {@code user}. */
    public record Authorizer(CelAuthorizer backend, CelAuthorizer.User user) {
        @Override
        public String toString() {
            return "authorizer(" + user.name() + ")";
        }
    }

    public record PathCheck(Authorizer authorizer, String path) {
        @Override
        public String toString() {
            return "path(" + path + ")";
        }
    }

    public record GroupCheck(Authorizer authorizer, String group) {
        @Override
        public String toString() {
            return "group(" + group + ")";
        }
    }

    public record ResourceCheck(GroupCheck group, String resource, String subresource, String namespace,
            String name, String fieldSelector, String labelSelector) {
        ResourceCheck with(String resource, String subresource, String namespace, String name, String fieldSelector,
                String labelSelector) {
            return new ResourceCheck(group, resource, subresource, namespace, name, fieldSelector, labelSelector);
        }

        @Override
        public String toString() {
            return "resource(" + group.group() + "/" + resource + (subresource.isEmpty() ? "" : "/" + subresource) + ")";
        }
    }

    public record Decision(boolean allowed, String reason, String error) {
        @Override
        public String toString() {
            return allowed ? "allowed" : "denied";
        }
    }
}
