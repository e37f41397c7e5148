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

@DetectionInfo(id = "anonymous-request-allowed", title = "Anonymous request allowed", severity = Severity.HIGH,
        description = "A request by system:anonymous (an unauthenticated client, with --anonymous-auth on) that the "
                + "authorizer allowed (annotation authorization.k8s.io/decision: allow). The health and version "
                + "endpoints that the default role system:public-info-viewer opens to everyone (/healthz, /livez, "
                + "/readyz, /version, and their sub-paths) are left out.",
        response = "Find the binding that grants to system:anonymous or system:unauthenticated (kubeward check "
                + "rbac-anonymous-binding) and remove it, or turn anonymous authentication off.",
        mitre = {"T1078.001"}, falco = {"Anonymous Request Allowed"}, level = AuditLevel.METADATA,
        stages = {AuditStage.RESPONSE_STARTED, AuditStage.RESPONSE_COMPLETE})
public final class AnonymousRequestAllowed implements Detection {
    private static final List<String> PUBLIC = List.of("/healthz", "/livez", "/readyz", "/version");

    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        if (!e.user().username().equals("system:anonymous") || !"allow".equals(e.annotation("authorization.k8s.io/decision"))) {
            return;
        }
        String path = Events.path(e);
        for (String p : PUBLIC) {
            if (path.equals(p) || path.startsWith(p + "/")) {
                return;
            }
        }
        String reason = e.annotation("authorization.k8s.io/reason");
        sink.alert("an unauthenticated client" + (e.sourceIPs().isEmpty() ? "" : " from " + e.sourceIPs().get(0)) + " was allowed "
                + e.verb() + " " + (e.objectRef() == null ? path : e.objectRef().describe())
                + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")"));
    }

    @Override
    public List<Watch> watches() {
        List<String> groups = List.of("system:unauthenticated");
        return List.of(new Watch(AuditRequest.resource("system:anonymous", groups, "list", "", "pods", "shop", null), AuditLevel.METADATA),
                new Watch(AuditRequest.nonResource("system:anonymous", groups, "get", "/api/v1"), AuditLevel.METADATA));
    }
}
