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

@DetectionInfo(id = "secret-read", title = "Secrets read by a user outside the allow list", severity = Severity.MEDIUM,
        description = "A get, list or watch of Secrets that succeeded, by a user, service account or group the allow "
                + "list does not name. Kubelets (group system:nodes) and the control plane are allowed by default; "
                + "add the operators and controllers that read Secrets on purpose.",
        response = "Find out why the caller read the Secret; rotate what it holds if the read was not expected.",
        mitre = {"T1552.007"}, falco = {"K8s Secret Get Successfully"}, level = AuditLevel.METADATA,
        stages = {AuditStage.RESPONSE_STARTED, AuditStage.RESPONSE_COMPLETE})
public final class SecretRead implements Detection {
    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        if (e.succeeded() && Events.READ_VERBS.contains(e.verb()) && Events.targets(e, "", "secrets")) {
            String what = e.verb().equals("get") ? "read Secret " + Events.object(e)
                    : (e.verb().equals("list") ? "listed" : "watched") + " Secrets "
                            + (e.objectRef().namespace().isEmpty() ? "in every namespace" : "in " + e.objectRef().namespace());
            sink.alert(Events.actor(e) + " " + what);
        }
    }

    @Override
    public Allow defaults() {
        return Allow.groups("system:nodes");
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.person("get", "", "secrets", "shop", "db-credentials", AuditLevel.METADATA),
                Watch.serviceAccount("list", "", "secrets", "shop", null, AuditLevel.METADATA),
                Watch.person("watch", "", "secrets", "shop", null, AuditLevel.METADATA));
    }
}
