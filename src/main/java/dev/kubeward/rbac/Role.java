package dev.kubeward.rbac;

import java.util.List;
import java.util.Map;

/**
 * A Role or ClusterRole as declared. {@code rules} are the declared rules; for a ClusterRole
 * with an {@code aggregationRule} the effective rules are computed by {@link RbacModel}.
 */
public record Role(
        RoleKey key,
        Map<String, String> labels,
        List<Rule> rules,
        AggregationRule aggregationRule,
        Object source,
        String basePath) implements RbacObject {

    public Role {
        labels = Map.copyOf(labels);
        rules = List.copyOf(rules);
    }

    public boolean isAggregated() {
        return aggregationRule != null;
    }
}
