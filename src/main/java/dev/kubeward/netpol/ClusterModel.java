package dev.kubeward.netpol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the reachability engine reads. Namespaces referenced by workloads or policies but
 * absent from {@code namespaces} are added with only their implicit name label.
 */
public record ClusterModel(List<Namespace> namespaces, List<Workload> workloads, List<NetworkPolicy> policies,
                           List<Service> services, List<IngressBackend> ingressBackends) {

    public ClusterModel {
        Map<String, Namespace> byName = new LinkedHashMap<>();
        namespaces.forEach(ns -> byName.putIfAbsent(ns.name(), ns));
        workloads.forEach(w -> byName.putIfAbsent(w.namespace(), Namespace.implicit(w.namespace())));
        policies.forEach(p -> byName.putIfAbsent(p.namespace(), Namespace.implicit(p.namespace())));
        namespaces = List.copyOf(byName.values());
        workloads = List.copyOf(workloads);
        policies = List.copyOf(policies);
        services = List.copyOf(services);
        ingressBackends = List.copyOf(ingressBackends);
    }

    public static ClusterModel of(List<Namespace> namespaces, List<Workload> workloads, List<NetworkPolicy> policies) {
        return new ClusterModel(namespaces, workloads, policies, List.of(), List.of());
    }

    /** Labels of a namespace, falling back to the implicit name label for unknown names. */
    public Map<String, String> namespaceLabels(String name) {
        for (Namespace ns : namespaces) {
            if (ns.name().equals(name)) {
                return ns.labels();
            }
        }
        return Namespace.implicit(name).labels();
    }
}
