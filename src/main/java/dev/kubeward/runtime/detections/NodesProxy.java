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

@DetectionInfo(id = "nodes-proxy", title = "Kubelet API reached through nodes/proxy", severity = Severity.HIGH,
        description = "A request to the nodes/proxy subresource that succeeded: the API server relays it to the "
                + "kubelet, whose API runs commands in any pod of the node (/exec, /run) and is authorized as the "
                + "proxy verb, not as pods/exec, so exec restrictions do not hold.",
        response = "Find out why the caller needs the kubelet API (monitoring usually needs only nodes/metrics or "
                + "nodes/stats); remove nodes/proxy from its roles (kubeward check rbac-nodes-proxy).",
        mitre = {"T1609"}, level = AuditLevel.METADATA,
        stages = {AuditStage.RESPONSE_STARTED, AuditStage.RESPONSE_COMPLETE})
public final class NodesProxy implements Detection {
    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        if (e.succeeded() && Events.targets(e, "", "nodes/proxy")) {
            String path = Events.path(e);
            int proxy = path.indexOf("/proxy");
            String rest = proxy < 0 ? "" : path.substring(proxy + "/proxy".length());
            sink.alert(Events.actor(e) + " reached the kubelet of node " + e.objectRef().name() + " through the API server ("
                    + e.verb() + " " + (rest.isEmpty() ? "/" : rest) + ")");
        }
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.person("get", "", "nodes/proxy", "", "node-1", AuditLevel.METADATA),
                Watch.serviceAccount("create", "", "nodes/proxy", "", "node-1", AuditLevel.METADATA));
    }
}
