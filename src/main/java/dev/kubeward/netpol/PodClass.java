package dev.kubeward.netpol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Workloads that no policy can tell apart: same namespace, same pod labels and same named
 * container ports (named ports make rule ports resolve differently, so they are part of the key).
 * Reachability is computed once per class and then expanded to its members.
 */
final class PodClass {
    final int index;
    final String namespace;
    final Map<String, String> labels;
    final List<ContainerPort> ports;
    final List<Workload> members = new ArrayList<>();
    /** Member ids, built once: full connectivity emits each id many times. */
    final List<String> memberIds = new ArrayList<>();

    PodClass(int index, String namespace, Map<String, String> labels, List<ContainerPort> ports) {
        this.index = index;
        this.namespace = namespace;
        this.labels = labels;
        this.ports = ports;
    }

    /** Key fields; unnamed ports cannot change any policy's meaning, so they are left out. */
    static List<Object> keyOf(Workload workload) {
        List<ContainerPort> named = workload.ports().stream().filter(p -> p.name() != null)
                .sorted(java.util.Comparator.comparing(ContainerPort::name)
                        .thenComparing(ContainerPort::protocol).thenComparingInt(ContainerPort::port))
                .toList();
        return List.of(workload.namespace(), workload.podLabels(), named);
    }
}
