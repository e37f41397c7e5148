package dev.kubeward.runtime.detections;

import dev.kubeward.audit.AuditLevel;
import dev.kubeward.audit.AuditStage;
import dev.kubeward.check.Severity;
import dev.kubeward.runtime.AlertSink;
import dev.kubeward.runtime.AuditEvent;
import dev.kubeward.runtime.Detection;
import dev.kubeward.runtime.DetectionContext;
import dev.kubeward.runtime.DetectionInfo;
import dev.kubeward.runtime.Events;
import java.util.List;

@DetectionInfo(id = "secret-read-denied", title = "Secrets read attempt denied", severity = Severity.LOW,
        description = "A get, list or watch of Secrets answered 403 Forbidden: someone tried to read Secrets they "
                + "may not read. One alert per request; a run of denials of any kind is rbac-denied-burst.",
        response = "Find out why the caller expected to read Secrets; a stolen token tried on Secrets first is common.",
        mitre = {"T1552.007"}, falco = {"K8s Secret Get Unsuccessfully Tried"}, level = AuditLevel.METADATA,
        stages = {AuditStage.RESPONSE_COMPLETE})
public final class SecretReadDenied implements Detection {
    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        if (e.code() == 403 && Events.READ_VERBS.contains(e.verb()) && Events.targets(e, "", "secrets")) {
            sink.alert(Events.actor(e) + " was denied " + e.verb() + " of Secrets " + Events.object(e));
        }
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.person("get", "", "secrets", "shop", "db-credentials", AuditLevel.METADATA),
                Watch.serviceAccount("list", "", "secrets", "shop", null, AuditLevel.METADATA));
    }
}
