package dev.kubeward.rbac;

import java.util.List;

/**
 * One move on an escalation path: {@code from} does {@code action} and becomes {@code to}.
 * {@code assumptions} are what the move needs that the input does not show (a pod running as the
 * ServiceAccount, an object to patch, a Secret written after a webhook exists …); a step with
 * any is speculative, and its text says so.
 */
public record EscalationStep(String from, String action, String to, List<Via> evidence, List<String> assumptions) {

    public EscalationStep {
        evidence = List.copyOf(evidence);
        assumptions = List.copyOf(assumptions);
    }

    /** A step that depends on nothing beyond the input. */
    public EscalationStep(String from, String action, String to, List<Via> evidence) {
        this(from, action, to, evidence, List.of());
    }

    /** True when the step depends on something the input does not show. */
    public boolean speculative() {
        return !assumptions.isEmpty();
    }

    @Override
    public String toString() {
        return from + " --[" + action + "]--> " + to;
    }
}
