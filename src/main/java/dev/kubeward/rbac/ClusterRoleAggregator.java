package dev.kubeward.rbac;

import dev.kubeward.model.LabelSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the rules the clusterrole-aggregation controller writes into ClusterRoles that have
 * an {@code aggregationRule}: for each selector in order, every other ClusterRole matching it,
 * sorted by name, contributes its current rules, without duplicates.
 *
 * <p>The controller re-runs whenever a ClusterRole changes, so aggregation of aggregated roles
 * (view → edit → admin) settles transitively. This class computes that settled state as the
 * least fixed point: aggregated roles start empty and grow until nothing changes, which ends
 * even when selectors form a cycle. Rules an aggregated role declares itself are ignored, as
 * the controller overwrites them.
 */
final class ClusterRoleAggregator {

    private ClusterRoleAggregator() {}

    static Map<RoleKey, List<EffectiveRule>> effectiveRules(Map<RoleKey, Role> roles) {
        Map<RoleKey, List<EffectiveRule>> effective = new HashMap<>();
        List<Role> clusterRolesByName = new ArrayList<>();
        for (Role role : roles.values()) {
            if (role.isAggregated()) {
                effective.put(role.key(), List.of());
            } else {
                effective.put(role.key(), role.rules().stream().map(rule -> new EffectiveRule(rule, role)).toList());
            }
            if (role.key().kind() == RoleKind.CLUSTER_ROLE) {
                clusterRolesByName.add(role);
            }
        }
        clusterRolesByName.sort(Comparator.comparing(role -> role.key().name()));

        Map<Role, List<Role>> contributors = new LinkedHashMap<>();
        for (Role role : clusterRolesByName) {
            if (role.isAggregated()) {
                contributors.put(role, contributorsOf(role, clusterRolesByName));
            }
        }

        // Each round can only add rules (inputs only grow), so this terminates; the bound is a guard.
        int maxRounds = contributors.size() + 2;
        for (int round = 0; round < maxRounds; round++) {
            boolean changed = false;
            for (Map.Entry<Role, List<Role>> entry : contributors.entrySet()) {
                List<EffectiveRule> merged = merge(entry.getValue(), effective);
                if (!sameContent(merged, effective.get(entry.getKey().key()))) {
                    effective.put(entry.getKey().key(), merged);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return effective;
    }

    private static List<Role> contributorsOf(Role aggregated, List<Role> clusterRolesByName) {
        List<Role> contributors = new ArrayList<>();
        for (LabelSelector selector : aggregated.aggregationRule().clusterRoleSelectors()) {
            for (Role candidate : clusterRolesByName) {
                if (!candidate.key().equals(aggregated.key()) && selector.matches(candidate.labels())) {
                    contributors.add(candidate);
                }
            }
        }
        return contributors;
    }

    private static List<EffectiveRule> merge(List<Role> contributors, Map<RoleKey, List<EffectiveRule>> effective) {
        List<EffectiveRule> merged = new ArrayList<>();
        Set<List<List<String>>> seen = new HashSet<>();
        for (Role contributor : contributors) {
            for (EffectiveRule rule : effective.get(contributor.key())) {
                if (seen.add(content(rule.rule()))) {
                    merged.add(rule);
                }
            }
        }
        return List.copyOf(merged);
    }

    private static boolean sameContent(List<EffectiveRule> left, List<EffectiveRule> right) {
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (!left.get(i).rule().sameGrantAs(right.get(i).rule())) {
                return false;
            }
        }
        return true;
    }

    private static List<List<String>> content(Rule rule) {
        return List.of(rule.verbs(), rule.apiGroups(), rule.resources(), rule.resourceNames(), rule.nonResourceURLs());
    }
}
