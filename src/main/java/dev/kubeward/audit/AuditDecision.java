package dev.kubeward.audit;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a policy does with one request: the level, the stages left out, and which rule decided
 * (-1 when no rule matched and the API server's default, None, applies).
 */
public record AuditDecision(AuditLevel level, Set<AuditStage> omitStages, int ruleIndex) {
    public AuditDecision {
        omitStages = omitStages.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(omitStages));
    }

    /** The stages the request would actually produce events at; empty when it leaves no trace. */
    public Set<AuditStage> loggedStages(AuditRequest request) {
        if (level == AuditLevel.NONE) {
            return Set.of();
        }
        // Panic is left out: it only happens on a server bug, so it cannot be counted on to record anything.
        EnumSet<AuditStage> stages = EnumSet.of(AuditStage.REQUEST_RECEIVED, AuditStage.RESPONSE_COMPLETE);
        if (request.longRunning()) {
            stages.add(AuditStage.RESPONSE_STARTED);
        }
        stages.removeAll(omitStages);
        return stages;
    }

    /** True when the request leaves no audit event: level None, or every stage it has is omitted. */
    public boolean drops(AuditRequest request) {
        return loggedStages(request).isEmpty();
    }
}
