package dev.kubeward.policy.cel;

import java.util.List;
import java.util.Map;

/**
 * What the Kubernetes authorizer library asks: may this user do this? The admission door answers
 * it from its RBAC model; no I/O is expected of an implementation.
 */
@FunctionalInterface
public interface CelAuthorizer {
    /** The user a check is made for (the request's user, or a service account's identity). */
    record User(String name, String uid, List<String> groups, Map<String, List<String>> extra) {}

    /**
     * One authorization request, as authorizer.AttributesRecord: a resource request has
     * {@code resource} set, a non-resource request {@code path}.
     */
    record Attributes(User user, String verb, boolean resourceRequest, String apiGroup, String resource,
            String subresource, String namespace, String name, String path, String fieldSelector,
            String labelSelector) {}

    /** authorizer.Decision with its reason; {@code error} non-null when the authorizer failed. */
    record Decision(boolean allowed, String reason, String error) {}

    Decision authorize(Attributes attributes);

    /** An authorizer that allows nothing, for expressions evaluated without one. */
    CelAuthorizer DENY_ALL = a -> new Decision(false, "", null);
}
