package dev.kubeward.pss;

import java.util.List;

/** The outcome of evaluating one pod template against one level and version. */
public record Verdict(boolean allowed, List<Violation> violations) {

    static final Verdict ALLOWED = new Verdict(true, List.of());

    public Verdict {
        violations = List.copyOf(violations);
        if (allowed != violations.isEmpty()) {
            throw new IllegalArgumentException("a verdict is allowed exactly when it has no violations");
        }
    }

    static Verdict of(List<Violation> violations) {
        return violations.isEmpty() ? ALLOWED : new Verdict(false, violations);
    }
}
