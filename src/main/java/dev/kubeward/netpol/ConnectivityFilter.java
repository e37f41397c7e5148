package dev.kubeward.netpol;

import java.util.List;
import java.util.Set;

/**
 * Output filters. {@code focusWorkload} keeps lines with that workload on either end; it may be a
 * full id ({@code ns/name[Kind]}), {@code ns/name} or a bare name. {@code namespaces} keeps lines
 * with at least one endpoint in one of them (external ranges and the ingress controller belong to
 * no namespace). Null or empty means no filtering.
 */
public record ConnectivityFilter(String focusWorkload, Set<String> namespaces) {

    public static final ConnectivityFilter NONE = new ConnectivityFilter(null, Set.of());

    public ConnectivityFilter {
        namespaces = namespaces == null ? Set.of() : Set.copyOf(namespaces);
    }

    public List<Connection> apply(List<Connection> connections) {
        return connections.stream().filter(this::keeps).toList();
    }

    public boolean keeps(Connection connection) {
        if (focusWorkload != null && !focusWorkload.isBlank()
                && !isFocus(connection.src()) && !isFocus(connection.dst())) {
            return false;
        }
        return namespaces.isEmpty() || inNamespaces(connection.src()) || inNamespaces(connection.dst());
    }

    /** Whether a workload is one the output is about (dot draws such workloads even without connections). */
    public boolean keeps(Workload workload) {
        if (focusWorkload != null && !focusWorkload.isBlank() && !isFocus(workload.id())) {
            return false;
        }
        return namespaces.isEmpty() || namespaces.contains(workload.namespace());
    }

    /** Immutable sets reject contains(null), and endpoints outside the cluster have no namespace. */
    private boolean inNamespaces(String endpoint) {
        String namespace = Connection.namespaceOf(endpoint);
        return namespace != null && namespaces.contains(namespace);
    }

    private boolean isFocus(String endpoint) {
        if (endpoint.equals(focusWorkload)) {
            return true;
        }
        String namespace = Connection.namespaceOf(endpoint);
        if (namespace == null) {
            return false;
        }
        int bracket = endpoint.lastIndexOf('[');
        String namespacedName = bracket < 0 ? endpoint : endpoint.substring(0, bracket);
        String bareName = namespacedName.substring(namespace.length() + 1);
        return namespacedName.equals(focusWorkload) || bareName.equals(focusWorkload);
    }
}
