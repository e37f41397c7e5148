package dev.kubeward.audit;

import java.util.List;

/** One entry of a rule's {@code resources}: an API group, resources in it, and optionally names. */
public record GroupResources(String group, List<String> resources, List<String> resourceNames) {
    public GroupResources {
        resources = List.copyOf(resources);
        resourceNames = List.copyOf(resourceNames);
    }

    /**
     * Whether the request's resource is in this entry, with the API server's wildcards: "*" is every
     * resource and subresource, "*&#47;scale" a subresource of any resource, "pods/*" the resource
     * and all its subresources.
     */
    boolean matches(AuditRequest r) {
        if (!group.equals(r.apiGroup())) {
            return false;
        }
        if (resources.isEmpty()) {
            return true;
        }
        // A request without a name (list, create) never matches a rule restricted to names.
        if (!resourceNames.isEmpty() && (r.name() == null || !resourceNames.contains(r.name()))) {
            return false;
        }
        String sub = r.subresource();
        String combined = sub == null ? r.resource() : r.resource() + "/" + sub;
        for (String res : resources) {
            if (res.equals("*") || res.equals(combined)) {
                return true;
            }
            if (sub != null && res.startsWith("*/") && sub.equals(res.substring(2))) {
                return true;
            }
            // "pods/*" names the resource itself as well as its subresources, as upstream matches it.
            if (res.endsWith("/*") && r.resource().equals(res.substring(0, res.length() - 2))) {
                return true;
            }
        }
        return false;
    }
}
