package dev.kubeward.rbac;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Set;

/**
 * A subject's effective permissions, per scope, as a resource × verb table (what rakkess shows).
 * The cluster-wide scope ({@code namespace} null) comes from ClusterRoleBindings and also
 * applies inside every namespace; each namespace scope lists only what its RoleBindings add.
 */
public record PermissionReport(Subject subject, List<Scope> scopes) {

    /** Verbs shown as columns; any other verb is listed in the last column. */
    public static final List<String> COLUMNS = List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");

    public PermissionReport {
        scopes = List.copyOf(scopes);
    }

    /** Permissions granted in one scope. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scope(String namespace, List<ResourcePermission> resources, List<UrlPermission> nonResourceURLs) {
        public Scope {
            resources = List.copyOf(resources);
            nonResourceURLs = List.copyOf(nonResourceURLs);
        }
    }

    /** Verbs on one resource of one API group ({@code *} kept as written), maybe limited to names. */
    public record ResourcePermission(String apiGroup, String resource, List<String> resourceNames, Set<String> verbs) {
        public ResourcePermission {
            resourceNames = List.copyOf(resourceNames);
            verbs = Set.copyOf(verbs);
        }

        public boolean allows(String verb) {
            return verbs.contains("*") || verbs.contains(verb);
        }
    }

    public record UrlPermission(String url, Set<String> verbs) {
        public UrlPermission {
            verbs = Set.copyOf(verbs);
        }
    }

    /** A table per scope: one row per resource, a ✔ or ✖ per common verb, then other verbs. */
    public String toText() {
        StringBuilder text = new StringBuilder("effective permissions of ").append(subject).append('\n');
        if (scopes.isEmpty()) {
            text.append("  none\n");
        }
        for (Scope scope : scopes) {
            text.append(scope.namespace() == null ? "cluster-wide (and in every namespace)" : "namespace " + scope.namespace()).append(":\n");
            List<String> names = scope.resources().stream().map(PermissionReport::rowName).toList();
            int width = Math.max(8, names.stream().mapToInt(String::length).max().orElse(0));
            text.append(String.format("  %-" + width + "s", "NAME"));
            COLUMNS.forEach(verb -> text.append(' ').append(verb.toUpperCase(java.util.Locale.ROOT)));
            text.append(" OTHER\n");
            for (int i = 0; i < scope.resources().size(); i++) {
                ResourcePermission permission = scope.resources().get(i);
                text.append(String.format("  %-" + width + "s", names.get(i)));
                for (String verb : COLUMNS) {
                    String mark = permission.allows(verb) ? "✔" : "✖";
                    text.append(' ').append(String.format("%-" + verb.length() + "s", mark));
                }
                List<String> other = permission.verbs().stream().filter(verb -> !COLUMNS.contains(verb) && !verb.equals("*")).sorted().toList();
                text.append(' ').append(other.isEmpty() ? "" : String.join(",", other)).append('\n');
            }
            for (UrlPermission url : scope.nonResourceURLs()) {
                text.append("  ").append(url.url()).append(' ').append(url.verbs().stream().sorted().toList()).append('\n');
            }
        }
        return text.toString();
    }

    private static String rowName(ResourcePermission permission) {
        String name = permission.apiGroup().isEmpty() ? permission.resource() : permission.resource() + "." + permission.apiGroup();
        return permission.resourceNames().isEmpty() ? name : name + " " + permission.resourceNames();
    }
}
