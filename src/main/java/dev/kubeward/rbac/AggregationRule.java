package dev.kubeward.rbac;

import dev.kubeward.model.LabelSelector;
import java.util.List;

/** A ClusterRole's {@code aggregationRule}: a role matching any selector contributes its rules. */
public record AggregationRule(List<LabelSelector> clusterRoleSelectors) {

    public AggregationRule {
        clusterRoleSelectors = List.copyOf(clusterRoleSelectors);
    }

    public boolean selects(java.util.Map<String, String> labels) {
        return clusterRoleSelectors.stream().anyMatch(selector -> selector.matches(labels));
    }
}
