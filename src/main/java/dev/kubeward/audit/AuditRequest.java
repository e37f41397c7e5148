package dev.kubeward.audit;

import java.util.List;

/**
 * The attributes of one API request that an audit policy rule can match on. A resource request
 * has a resource; a non-resource request (/healthz, /version) has a path instead.
 *
 * @param apiGroup "" for the core group
 * @param subresource null when the request is for the resource itself
 * @param namespace "" for cluster-scoped resources, as the API server passes it to the policy
 * @param name null for list, watch and create without a name
 * @param longRunning watch, exec, attach, port-forward and proxy send a ResponseStarted stage too
 */
public record AuditRequest(
        String user,
        List<String> groups,
        String verb,
        String apiGroup,
        String resource,
        String subresource,
        String namespace,
        String name,
        String path,
        boolean longRunning) {

    public AuditRequest {
        groups = List.copyOf(groups);
    }

    public boolean isResourceRequest() {
        return resource != null;
    }

    public static AuditRequest resource(String user, List<String> groups, String verb, String apiGroup,
            String resourceAndSubresource, String namespace, String name) {
        int slash = resourceAndSubresource.indexOf('/');
        String resource = slash < 0 ? resourceAndSubresource : resourceAndSubresource.substring(0, slash);
        String sub = slash < 0 ? null : resourceAndSubresource.substring(slash + 1);
        boolean longRunning = verb.equals("watch") || (sub != null && (sub.equals("exec") || sub.equals("attach")
                || sub.equals("portforward") || sub.equals("proxy")));
        return new AuditRequest(user, groups, verb, apiGroup, resource, sub, namespace == null ? "" : namespace,
                name, null, longRunning);
    }

    public static AuditRequest nonResource(String user, List<String> groups, String verb, String path) {
        return new AuditRequest(user, groups, verb, null, null, null, null, null, path, false);
    }

    /** "create pods/exec in shop" — how the simulation names the request. */
    public String describe() {
        if (!isResourceRequest()) {
            return verb + " " + path;
        }
        String res = (apiGroup.isEmpty() ? "" : apiGroup + "/") + resource + (subresource == null ? "" : "/" + subresource);
        String target = name == null ? "" : " " + name;
        String where = namespace.isEmpty() ? "" : " in " + namespace;
        return verb + " " + res + target + where;
    }
}
