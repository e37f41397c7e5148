package dev.kubeward.audit;

import dev.kubeward.model.JsonPath;
import java.util.List;
import java.util.Set;

/**
 * One rule of an audit policy. Every field that is set must match; an empty list matches
 * anything. A rule that names resources or namespaces matches only resource requests, one that
 * names non-resource URLs only non-resource requests, as in the API server's policy checker.
 *
 * @param index the rule's position in {@code rules}, as the simulation reports it
 * @param omitStages the rule's own stages to omit, without the policy's
 */
public record PolicyRule(
        int index,
        AuditLevel level,
        List<String> users,
        List<String> userGroups,
        List<String> verbs,
        List<GroupResources> resources,
        List<String> namespaces,
        List<String> nonResourceURLs,
        Set<AuditStage> omitStages,
        JsonPath path) {

    public PolicyRule {
        users = List.copyOf(users);
        userGroups = List.copyOf(userGroups);
        verbs = List.copyOf(verbs);
        resources = List.copyOf(resources);
        namespaces = List.copyOf(namespaces);
        nonResourceURLs = List.copyOf(nonResourceURLs);
        omitStages = Set.copyOf(omitStages);
    }

    /** A rule with no condition at all matches every request: the catch-all. */
    public boolean matchesEverything() {
        return users.isEmpty() && userGroups.isEmpty() && verbs.isEmpty() && resources.isEmpty()
                && namespaces.isEmpty() && nonResourceURLs.isEmpty();
    }

    public boolean matches(AuditRequest r) {
        if (!users.isEmpty() && !users.contains(r.user())) {
            return false;
        }
        if (!userGroups.isEmpty() && r.groups().stream().noneMatch(userGroups::contains)) {
            return false;
        }
        if (!verbs.isEmpty() && !verbs.contains(r.verb())) {
            return false;
        }
        if (!namespaces.isEmpty() || !resources.isEmpty()) {
            return matchesResource(r);
        }
        if (!nonResourceURLs.isEmpty()) {
            return !r.isResourceRequest() && nonResourceURLs.stream().anyMatch(spec -> pathMatches(r.path(), spec));
        }
        return true;
    }

    private boolean matchesResource(AuditRequest r) {
        if (!r.isResourceRequest()) {
            return false;
        }
        // Cluster-scoped requests carry the empty namespace, so namespaces: [""] selects them.
        if (!namespaces.isEmpty() && !namespaces.contains(r.namespace())) {
            return false;
        }
        return resources.isEmpty() || resources.stream().anyMatch(gr -> gr.matches(r));
    }

    /** "*" is every path; a trailing "*" is a prefix match; otherwise the path must be equal. */
    static boolean pathMatches(String path, String spec) {
        if (spec.equals("*") || spec.equals(path)) {
            return true;
        }
        if (spec.endsWith("*")) {
            String prefix = spec.replaceAll("\\*+$", "");
            return path.startsWith(prefix);
        }
        return false;
    }
}
