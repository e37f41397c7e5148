package dev.kubeward.runtime;

import dev.kubeward.audit.AuditDecision;
import dev.kubeward.audit.AuditLevel;
import dev.kubeward.audit.AuditPolicy;
import dev.kubeward.audit.AuditStage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether an audit policy feeds each detection: every request the detection watches is run
 * through the policy (the simulation of {@code audit-policy}), and the level and stages the
 * policy records for it are compared with what the detection needs. A detection is fed when
 * every watched request is recorded at its level with one of its stages, partly fed when some
 * are, blind when none is. kubeward's detections never act on a body they were not given, so a
 * low level makes them blind, not wrong; {@code falcoMisfires} says when the Falco rules that
 * correspond to one would instead fire on every such request (their condition negates a body field).
 */
public final class Coverage {
    private Coverage() {}

    public enum Status { FED, PARTIAL, BLIND }

    /** One watched request: what the policy does with it, and why it does not feed the detection. */
    public record Probe(Detection.Watch watch, AuditDecision decision, Set<AuditStage> logged, boolean fed, String reason) {}

    public record Result(DetectionMeta detection, Status status, List<Probe> probes, boolean falcoMisfires) {}

    public static List<Result> of(AuditPolicy policy, List<Detection> detections) {
        List<Result> out = new ArrayList<>();
        for (Detection d : detections) {
            DetectionMeta meta = DetectionMeta.of(d.getClass());
            List<Probe> probes = new ArrayList<>();
            boolean misfires = false;
            for (Detection.Watch w : d.watches()) {
                AuditDecision decision = policy.evaluate(w.request());
                Set<AuditStage> logged = decision.loggedStages(w.request());
                EnumSet<AuditStage> useful = EnumSet.noneOf(AuditStage.class);
                useful.addAll(logged);
                useful.retainAll(meta.stages());
                String reason = null;
                if (logged.isEmpty()) {
                    reason = decision.ruleIndex() < 0 ? "not logged: no rule matches (None)"
                            : "not logged: rule " + decision.ruleIndex() + (decision.level() == AuditLevel.NONE ? " is level None"
                                    : " omits every stage it has");
                } else if (!decision.level().atLeast(w.level())) {
                    reason = "logged at " + decision.level().label() + ", needs " + w.level().label();
                } else if (useful.isEmpty()) {
                    reason = "logged only at " + labels(logged) + ", needs " + labels(meta.stages());
                }
                if (!logged.isEmpty() && meta.falcoMisfiresBelow() != AuditLevel.NONE
                        && !decision.level().atLeast(meta.falcoMisfiresBelow())) {
                    misfires = true;
                }
                probes.add(new Probe(w, decision, logged, reason == null, reason));
            }
            long fed = probes.stream().filter(Probe::fed).count();
            Status status = fed == probes.size() ? Status.FED : fed == 0 ? Status.BLIND : Status.PARTIAL;
            out.add(new Result(meta, status, List.copyOf(probes), misfires));
        }
        return out;
    }

    static String labels(Set<AuditStage> stages) {
        return EnumSet.copyOf(stages).stream().map(AuditStage::label).collect(Collectors.joining(" or "));
    }
}
