package dev.kubeward.netpol;

import java.util.List;

/**
 * One side of a connection: the source's egress or the destination's ingress.
 *
 * @param inCluster false when that endpoint is an external address, which no policy governs
 * @param isolatingPolicies policies that select the pod and list this direction in policyTypes
 * @param allowingRules rules whose peers match the other endpoint and whose ports overlap the query
 * @param allowed what this side allows towards the other endpoint (before intersecting with the query)
 * @param reason a sentence saying why
 */
public record SideExplanation(Direction direction, boolean inCluster, List<String> isolatingPolicies,
                              List<RuleRef> allowingRules, ConnectionSet allowed, String reason) {
    public SideExplanation {
        isolatingPolicies = List.copyOf(isolatingPolicies);
        allowingRules = List.copyOf(allowingRules);
    }

    public boolean isolated() {
        return !isolatingPolicies.isEmpty();
    }
}
