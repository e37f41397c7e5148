package dev.kubeward.rbac;

import java.util.List;

/**
 * One PolicyRule of a Role or ClusterRole, as written in its manifest.
 *
 * <p>{@code index} and {@code path} locate the rule inside the object that declares it
 * ({@code rules[2]}, or {@code items[4].rules[2]} when the object came from a {@code kind: List});
 * they are not part of the rule's meaning, see {@link #sameGrantAs(Rule)}.
 */
public record Rule(
        List<String> verbs,
        List<String> apiGroups,
        List<String> resources,
        List<String> resourceNames,
        List<String> nonResourceURLs,
        int index,
        String path) {

    public Rule {
        verbs = List.copyOf(verbs);
        apiGroups = List.copyOf(apiGroups);
        resources = List.copyOf(resources);
        resourceNames = List.copyOf(resourceNames);
        nonResourceURLs = List.copyOf(nonResourceURLs);
    }

    /** JSON path of one field of this rule, e.g. {@code rules[2].verbs}. */
    public String path(String field) {
        return path + "." + field;
    }

    /**
     * True when both rules grant exactly the same thing. The aggregation controller removes
     * duplicate rules by deep equality of the five lists, ignoring where they were declared.
     */
    public boolean sameGrantAs(Rule other) {
        return verbs.equals(other.verbs)
                && apiGroups.equals(other.apiGroups)
                && resources.equals(other.resources)
                && resourceNames.equals(other.resourceNames)
                && nonResourceURLs.equals(other.nonResourceURLs);
    }

    /** Compact human form, e.g. {@code [get list] pods,pods/log in "" names=[a]}. */
    public String describe() {
        StringBuilder text = new StringBuilder().append(verbs);
        if (!resources.isEmpty()) {
            text.append(' ').append(String.join(",", resources));
            text.append(" in ").append(apiGroups.stream().map(g -> "\"" + g + "\"").toList());
        }
        if (!resourceNames.isEmpty()) {
            text.append(" names=").append(resourceNames);
        }
        if (!nonResourceURLs.isEmpty()) {
            text.append(" urls=").append(nonResourceURLs);
        }
        return text.toString();
    }
}
