package dev.kubeward.audit;

import java.util.List;

/** Runs every catalogued request through a policy and judges what the log would hold. */
public final class AuditSimulation {
    private AuditSimulation() {}

    public enum Status {
        /** Logged at or above the level needed, without secret bodies. */
        RECORDED,
        /** Logged, but below the level that shows what matters (e.g. a pod create without its body). */
        TOO_LOW,
        /** A required event leaves no audit record: level None, no rule, or all its stages omitted. */
        DROPPED,
        /** Secret material from the request or response body ends up in the log. */
        LEAKS_BODY,
        /** A leak probe that is not logged with its body: nothing to report. */
        NOT_LEAKED
    }

    public record Outcome(SecurityEvent event, AuditDecision decision, Status status) {
        public boolean dropped() {
            return status == Status.DROPPED;
        }
    }

    public static List<Outcome> run(AuditPolicy policy) {
        return run(policy, AuditCatalog.EVENTS);
    }

    public static List<Outcome> run(AuditPolicy policy, List<SecurityEvent> events) {
        return events.stream().map(e -> judge(e, policy.evaluate(e.request()))).toList();
    }

    static Outcome judge(SecurityEvent e, AuditDecision d) {
        boolean dropped = d.drops(e.request());
        Status status;
        if (e.required() && dropped) {
            status = Status.DROPPED;
        } else if (e.sensitiveBody() && !dropped && d.level().atLeast(AuditLevel.REQUEST)) {
            status = Status.LEAKS_BODY;
        } else if (e.required() && !d.level().atLeast(e.needed())) {
            status = Status.TOO_LOW;
        } else {
            status = e.required() ? Status.RECORDED : Status.NOT_LEAKED;
        }
        return new Outcome(e, d, status);
    }
}
