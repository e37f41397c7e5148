package dev.kubeward.netpol;

import dev.kubeward.model.LabelSelector;

import java.util.List;
import java.util.Map;

/** A Service with a pod selector; selector-less Services have no workload backends here. */
public record Service(String namespace, String name, Map<String, String> selector, List<ServicePort> ports) {
    public Service {
        selector = Map.copyOf(selector);
        ports = List.copyOf(ports);
    }

    public boolean selects(Workload workload) {
        return !selector.isEmpty() && namespace.equals(workload.namespace())
                && LabelSelector.ofLabels(selector).matches(workload.podLabels());
    }
}
