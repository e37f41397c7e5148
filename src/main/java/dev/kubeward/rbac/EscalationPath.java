package dev.kubeward.rbac;

import java.util.List;

/**
 * The shortest way found for {@code subject} to reach cluster-admin-equivalent power. Among
 * paths, one with fewer speculative steps is preferred, then a shorter one.
 */
public record EscalationPath(Subject subject, List<EscalationStep> steps) {

    public EscalationPath {
        steps = List.copyOf(steps);
    }

    /**
     * True when some step depends on something the input does not show: the path exists only if
     * that holds, so it is weaker evidence than a path made of certain steps.
     */
    public boolean speculative() {
        return steps.stream().anyMatch(EscalationStep::speculative);
    }

    public String toText() {
        StringBuilder text = new StringBuilder(subject.toString()).append(" can reach cluster-admin in ")
                .append(steps.size()).append(steps.size() == 1 ? " step" : " steps")
                .append(speculative() ? " (speculative):\n" : ":\n");
        for (int i = 0; i < steps.size(); i++) {
            EscalationStep step = steps.get(i);
            text.append("  ").append(i + 1).append(". ").append(step).append('\n');
            step.evidence().forEach(via -> text.append("       via ").append(via).append('\n'));
        }
        return text.toString();
    }
}
