package dev.kubeward.rbac;

/**
 * Decides whether one rule allows one request, with the same matching the Kubernetes RBAC
 * authorizer applies (RuleAllows and the helpers of pkg/apis/rbac/v1/evaluation_helpers.go).
 */
public final class RuleMatcher {

    private static final String ALL = "*";

    private RuleMatcher() {}

    public static boolean allows(Rule rule, Request request) {
        if (!verbMatches(rule, request.verb())) {
            return false;
        }
        if (!request.isResourceRequest()) {
            return nonResourceUrlMatches(rule, request.nonResourcePath());
        }
        return apiGroupMatches(rule, request.apiGroup())
                && resourceMatches(rule, request.combinedResource(), request.subresource())
                && resourceNameMatches(rule, request.name());
    }

    public static boolean verbMatches(Rule rule, String verb) {
        return rule.verbs().contains(ALL) || rule.verbs().contains(verb);
    }

    public static boolean apiGroupMatches(Rule rule, String apiGroup) {
        return rule.apiGroups().contains(ALL) || rule.apiGroups().contains(apiGroup);
    }

    /**
     * {@code *} matches everything, an exact string matches, and {@code *}/sub matches any
     * resource's subresource sub. Nothing else is a pattern: {@code pods/*} is compared
     * literally and so does not match {@code pods/exec}.
     */
    public static boolean resourceMatches(Rule rule, String combinedResource, String subresource) {
        for (String ruleResource : rule.resources()) {
            if (ruleResource.equals(ALL) || ruleResource.equals(combinedResource)) {
                return true;
            }
            if (subresource != null && ruleResource.equals("*/" + subresource)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An empty resourceNames list allows every name. Otherwise the request must name one of
     * them, so list/create/deletecollection (no name) are never allowed by a name-restricted rule.
     */
    public static boolean resourceNameMatches(Rule rule, String name) {
        if (rule.resourceNames().isEmpty()) {
            return true;
        }
        return rule.resourceNames().contains(name == null ? "" : name);
    }

    /** {@code *} matches every path; a trailing {@code *} makes the rest a prefix. */
    public static boolean nonResourceUrlMatches(Rule rule, String path) {
        for (String ruleUrl : rule.nonResourceURLs()) {
            if (ruleUrl.equals(ALL) || ruleUrl.equals(path)) {
                return true;
            }
            if (ruleUrl.endsWith(ALL) && path.startsWith(stripTrailingStars(ruleUrl))) {
                return true;
            }
        }
        return false;
    }

    private static String stripTrailingStars(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '*') {
            end--;
        }
        return url.substring(0, end);
    }
}
