package dev.kubeward.runtime.detections;

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

@DetectionInfo(id = "pod-security-violation", title = "Pod Security Standards violated (admission audit mode)",
        severity = Severity.MEDIUM,
        description = "A request the Pod Security admission controller marked with "
                + "pod-security.kubernetes.io/audit-violations: a pod or workload that breaks the level of its "
                + "namespace's pod-security.kubernetes.io/audit label. The annotation is written at Metadata level, so "
                + "this works where the bodies are not logged. The controllers that create the pods of a workload are "
                + "quiet by default, so that the person who created the workload is the one alerted on.",
        response = "Fix the workload or the namespace's level; then enforce the level (pod-security.kubernetes.io/enforce).",
        mitre = {"T1610"}, level = AuditLevel.METADATA, stages = {AuditStage.RESPONSE_COMPLETE})
public final class PodSecurityViolation implements Detection {
    static final String ANNOTATION = "pod-security.kubernetes.io/audit-violations";

    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        String violations = e.annotation(ANNOTATION);
        if (violations != null && !violations.isEmpty()) {
            String what = e.objectRef() == null ? Events.path(e) : e.objectRef().resource() + " " + Events.object(e);
            sink.alert(Events.actor(e) + " " + e.verb() + " " + what + ": " + violations);
        }
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.person("create", "", "pods", "shop", null, AuditLevel.METADATA),
                Watch.person("create", "apps", "deployments", "shop", null, AuditLevel.METADATA));
    }
}
