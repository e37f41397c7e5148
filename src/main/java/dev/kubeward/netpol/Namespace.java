package dev.kubeward.netpol;

import java.util.HashMap;
import java.util.Map;

/**
 * A namespace and its labels. The API server always sets {@code kubernetes.io/metadata.name},
 * so it is added here too: namespaceSelectors commonly match on it.
 */
public record Namespace(String name, Map<String, String> labels) {
    public static final String NAME_LABEL = "kubernetes.io/metadata.name";

    public Namespace {
        Map<String, String> withName = new HashMap<>(labels);
        withName.put(NAME_LABEL, name);
        labels = Map.copyOf(withName);
    }

    /** A namespace known only by name, e.g. referenced by a workload but absent from input. */
    public static Namespace implicit(String name) {
        return new Namespace(name, Map.of());
    }
}
