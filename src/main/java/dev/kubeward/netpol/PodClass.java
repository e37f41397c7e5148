package dev.kubeward.netpol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Workloads that no policy can tell apart: same namespace, same pod labels, same named container
 * ports (named ports make rule ports resolve differently, so they are part of the key) and the
 * same network (a pod on the node's network is matched by no selector).
 * Reachability is computed once per class and then expanded to its members.
 */
final class PodClass {
    final int index;
    final String namespace;
    final Map<String, String> labels;
    final List<ContainerPort> ports;
    /** Pods on the node's network ({@link HostNetworkMode#NODE}): no policy selects them, no selector matches them. */
    final boolean onNodeNetwork;
    final List<Workload> members = new ArrayList<>();
    /** Member ids, built once: full connectivity emits each id many times. */
    final List<String> memberIds = new ArrayList<>();

    PodClass(int index, String namespace, Map<String, String> labels, List<ContainerPort> ports, boolean onNodeNetwork) {
        this.index = index;
        this.namespace = namespace;
        this.labels = labels;
        this.ports = ports;
        this.onNodeNetwork = onNodeNetwork;
    }

    /** Key fields; unnamed ports cannot change any policy's meaning, so they are left out. */
    static List<Object> keyOf(Workload workload, boolean onNodeNetwork) {
        List<ContainerPort> named = workload.ports().stream().filter(p -> p.name() != null)
                .sorted(java.util.Comparator.comparing(ContainerPort::name)
                        .thenComparing(ContainerPort::protocol).thenComparingInt(ContainerPort::port))
                .toList();
        return List.of(workload.namespace(), workload.podLabels(), named, onNodeNetwork);
    }
}
