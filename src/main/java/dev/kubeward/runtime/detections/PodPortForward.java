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

@DetectionInfo(id = "pod-portforward", title = "Port forwarded into a pod", severity = Severity.LOW,
        description = "A pods/portforward request the API server let through (create over SPDY, get over WebSocket): "
                + "kubectl port-forward opens a tunnel from the caller's machine to the pod, past every NetworkPolicy.",
        response = "Confirm the tunnel was expected; remove pods/portforward from roles that do not need it.",
        mitre = {"T1609"}, falco = {"port-forward"}, level = AuditLevel.METADATA,
        stages = {AuditStage.RESPONSE_STARTED, AuditStage.RESPONSE_COMPLETE})
public final class PodPortForward implements Detection {
    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        if (e.succeeded() && (e.verb().equals("create") || e.verb().equals("get")) && Events.targets(e, "", "pods/portforward")) {
            List<String> ports = Events.query(e, "ports");
            sink.alert(Events.actor(e) + " forwarded " + (ports.isEmpty() ? "a port" : "port " + String.join(",", ports))
                    + " into pod " + Events.object(e));
        }
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.person("create", "", "pods/portforward", "shop", "web-0", AuditLevel.METADATA));
    }
}
