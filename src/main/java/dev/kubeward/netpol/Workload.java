package dev.kubeward.netpol;

import java.util.List;
import java.util.Map;

/**
 * One pod-bearing object (Deployment, StatefulSet, a group of Pods under one owner, ...), seen
 * through its pod template: every pod it creates carries {@code podLabels} and declares
 * {@code ports}. {@code hostNetwork} is the pod spec's field: such pods use the node's network
 * namespace and address. {@code source} is the object it was parsed from, kept opaque for
 * reporting.
 */
public record Workload(String namespace, String name, String kind, Map<String, String> podLabels,
                       List<ContainerPort> ports, boolean hostNetwork, Object source) {

    public Workload {
        podLabels = Map.copyOf(podLabels);
        ports = List.copyOf(ports);
    }

    /** A pod-network workload. */
    public Workload(String namespace, String name, String kind, Map<String, String> podLabels,
                    List<ContainerPort> ports, Object source) {
        this(namespace, name, kind, podLabels, ports, false, source);
    }

    /** The name used in connectivity output: {@code namespace/name[Kind]}. */
    public String id() {
        return namespace + "/" + name + "[" + kind + "]";
    }
}
