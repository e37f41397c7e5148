package dev.kubeward.runtime.detections;

import dev.kubeward.audit.AuditLevel;
import dev.kubeward.audit.AuditRequest;
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

@DetectionInfo(id = "serviceaccount-token-request", title = "Token requested for another service account",
        severity = Severity.MEDIUM,
        description = "A create of serviceaccounts/token (TokenRequest, kubectl create token) that succeeded, by anyone "
                + "but the service account itself: the caller now holds a token with that account's permissions. "
                + "Kubelets (group system:nodes), which request the tokens of their pods, and the control plane are "
                + "allowed by default.",
        response = "Find out who needed the token; revoke it by deleting the service account or its bound object if not expected.",
        mitre = {"T1550.001"}, level = AuditLevel.METADATA, stages = {AuditStage.RESPONSE_COMPLETE})
public final class TokenRequest implements Detection {
    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        if (!e.succeeded() || !e.verb().equals("create") || !Events.targets(e, "", "serviceaccounts/token")) {
            return;
        }
        String target = e.objectRef().namespace() + "/" + e.objectRef().name();
        if (target.equals(e.user().serviceAccount())) {
            return;
        }
        sink.alert(Events.actor(e) + " obtained a token for service account " + target);
    }

    @Override
    public Allow defaults() {
        return Allow.groups("system:nodes");
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.person("create", "", "serviceaccounts/token", "shop", "web", AuditLevel.METADATA),
                Watch.serviceAccount("create", "", "serviceaccounts/token", "shop", "deployer", AuditLevel.METADATA));
    }
}
