package dev.kubeward.runtime.detections;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.kubeward.audit.AuditLevel;
import dev.kubeward.audit.AuditStage;
import dev.kubeward.check.Severity;
import dev.kubeward.runtime.AlertSink;
import dev.kubeward.runtime.Allow;
import dev.kubeward.runtime.AuditEvent;
import dev.kubeward.runtime.Detection;
import dev.kubeward.runtime.DetectionContext;
import dev.kubeward.runtime.DetectionInfo;
import dev.kubeward.runtime.Events;
import java.util.List;
import java.util.Set;

@DetectionInfo(id = "rbac-denied-burst", title = "Burst of requests denied by authorization (enumeration)",
        severity = Severity.MEDIUM,
        description = "One user had at least runtime.deniedBurst.threshold requests (default 10) denied by the "
                + "authorizer (annotation authorization.k8s.io/decision: forbid) within runtime.deniedBurst.window "
                + "(default 60s) of event time: a stolen credential trying what it may do (kubectl auth can-i --list "
                + "and scanners make exactly these runs). One alert per run; the count starts again after it. The "
                + "users it tracks at once are bounded (the 10,000 most recent).",
        response = "Find out whose credential it is and where it was used from; revoke it if the requests were not the owner's.",
        mitre = {"T1613", "T1069"}, level = AuditLevel.METADATA, stages = {AuditStage.RESPONSE_COMPLETE})
public final class DeniedBurst implements Detection {
    static final int MAX_USERS = 10_000;

    private final Map<String, ArrayDeque<Instant>> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Instant>> eldest) {
            return size() > MAX_USERS;
        }
    };

    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        if (!"forbid".equals(e.annotation("authorization.k8s.io/decision"))) {
            return;
        }
        Instant t = e.instant();
        if (t == null) {
            return;
        }
        int threshold = context.runtime().burstThreshold();
        Duration window = context.runtime().burstWindow();
        String user = e.user().username();
        ArrayDeque<Instant> times = recent.computeIfAbsent(user, u -> new ArrayDeque<>());
        times.addLast(t);
        while (!times.isEmpty() && Duration.between(times.peekFirst(), t).compareTo(window) >= 0) {
            times.pollFirst();
        }
        while (times.size() > threshold) {
            times.pollFirst();
        }
        if (times.size() >= threshold) {
            long seconds = Math.max(1, Duration.between(times.peekFirst(), t).toSeconds());
            times.clear();
            sink.alert(Events.actor(e) + " had " + threshold + " requests denied within " + seconds + "s, the last: "
                    + e.verb() + " " + (e.objectRef() == null ? Events.path(e) : e.objectRef().describe()));
        }
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.person("list", "", "secrets", "kube-system", null, AuditLevel.METADATA),
                Watch.serviceAccount("create", "", "pods", "kube-system", null, AuditLevel.METADATA),
                Watch.serviceAccount("list", "rbac.authorization.k8s.io", "clusterroles", "", null, AuditLevel.METADATA));
    }
}
