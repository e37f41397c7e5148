package dev.kubeward.checks.rbac;

import dev.kubeward.rbac.BuiltInResources;
import dev.kubeward.rbac.Request;
import dev.kubeward.rbac.RuleMatcher;
import dev.kubeward.rbac.Rule;
import java.util.List;

/** Some verbs on one resource (maybe {@code resource/subresource}) of one API group. */
record Permission(String apiGroup, String resource, List<String> verbs) {

    static Permission of(String apiGroup, String resource, String... verbs) {
        return new Permission(apiGroup, resource, List.of(verbs));
    }

    /**
     * The verbs of this permission that the rule grants for some object name, with the
     * authorizer's matching ({@code pods/*} is literal, {@code *}/sub matches any resource's sub).
     * A rule limited by resourceNames never grants {@code create} of an object or
     * {@code deletecollection}: those requests carry no name ("You cannot restrict create or
     * deletecollection requests by their resource name", RBAC reference, "Referring to resources").
     */
    List<String> grantedBy(Rule rule) {
        return grantedBy(rule, false);
    }

    /**
     * As {@link #grantedBy(Rule)}, for a rule granted only inside a namespace when
     * {@code namespacedOnly}: requests for a cluster-scoped built-in resource carry no namespace,
     * so nothing of it is granted there, except bind on clusterroles, which the RBAC registry
     * checks with the binding's namespace.
     */
    List<String> grantedBy(Rule rule, boolean namespacedOnly) {
        int slash = resource.indexOf('/');
        String subresource = slash < 0 ? null : resource.substring(slash + 1);
        String base = slash < 0 ? resource : resource.substring(0, slash);
        if (!RuleMatcher.apiGroupMatches(rule, apiGroup) || !RuleMatcher.resourceMatches(rule, resource, subresource)) {
            return List.of();
        }
        boolean clusterScoped = namespacedOnly && BuiltInResources.isClusterScoped(apiGroup, resource);
        return verbs.stream().filter(verb -> RuleMatcher.verbMatches(rule, verb) && (rule.resourceNames().isEmpty()
                || !carriesNoName(verb, subresource)) && (!clusterScoped || Request.isNamespacedCheck(verb, apiGroup, base)))
                .toList();
    }

    /** create of an object (not of a subresource such as pods/exec, which names its pod) and deletecollection. */
    private static boolean carriesNoName(String verb, String subresource) {
        return verb.equals("deletecollection") || verb.equals("create") && subresource == null;
    }

    /** {@code secrets}, or {@code mutatingwebhookconfigurations.admissionregistration.k8s.io}. */
    String displayName() {
        return apiGroup.isEmpty() ? resource : resource + "." + apiGroup;
    }
}
