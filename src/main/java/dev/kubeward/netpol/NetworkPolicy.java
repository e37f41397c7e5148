package dev.kubeward.netpol;

import dev.kubeward.model.LabelSelector;

import java.util.List;

/**
 * A networking.k8s.io/v1 NetworkPolicy reduced to what reachability needs. The isolation flags
 * are the effective policyTypes: when policyTypes is absent, Ingress always and Egress only when
 * the policy has at least one egress rule (the API server's defaulting).
 */
public record NetworkPolicy(String namespace, String name, LabelSelector podSelector,
                            boolean isolatesIngress, boolean isolatesEgress,
                            List<PolicyRule> ingressRules, List<PolicyRule> egressRules, Object source) {

    public NetworkPolicy {
        ingressRules = List.copyOf(ingressRules);
        egressRules = List.copyOf(egressRules);
    }

    /** {@code namespace/name}, how explanations and findings refer to the policy. */
    public String id() {
        return namespace + "/" + name;
    }

    public boolean isolates(Direction direction) {
        return direction == Direction.INGRESS ? isolatesIngress : isolatesEgress;
    }

    public List<PolicyRule> rules(Direction direction) {
        return direction == Direction.INGRESS ? ingressRules : egressRules;
    }

    public boolean selects(Workload workload) {
        return namespace.equals(workload.namespace()) && podSelector.matches(workload.podLabels());
    }
}
