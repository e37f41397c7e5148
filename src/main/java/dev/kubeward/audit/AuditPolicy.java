package dev.kubeward.audit;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An audit policy: rules tried in order, the first match deciding, and stages the whole policy
 * omits. A request no rule matches is not logged at all.
 */
public record AuditPolicy(List<PolicyRule> rules, Set<AuditStage> omitStages) {
    public AuditPolicy {
        rules = List.copyOf(rules);
        omitStages = Set.copyOf(omitStages);
    }

    public AuditDecision evaluate(AuditRequest request) {
        for (PolicyRule rule : rules) {
            if (rule.matches(request)) {
                // The policy-wide stages are added to every rule's own, as the API server does.
                Set<AuditStage> omitted = EnumSet.noneOf(AuditStage.class);
                omitted.addAll(omitStages);
                omitted.addAll(rule.omitStages());
                return new AuditDecision(rule.level(), omitted, rule.index());
            }
        }
        return new AuditDecision(AuditLevel.NONE, omitStages, -1);
    }

    /** The first rule that matches every request, or null; rules after it can never apply. */
    public PolicyRule catchAll() {
        return rules.stream().filter(PolicyRule::matchesEverything).findFirst().orElse(null);
    }
}
