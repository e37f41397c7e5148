package dev.kubeward.rbac;

import java.util.List;

/** One move on an escalation path: {@code from} does {@code action} and becomes {@code to}. */
public record EscalationStep(String from, String action, String to, List<Via> evidence) {

    public EscalationStep {
        evidence = List.copyOf(evidence);
    }

    @Override
    public String toString() {
        return from + " --[" + action + "]--> " + to;
    }
}
