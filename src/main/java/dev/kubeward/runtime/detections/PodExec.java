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

@DetectionInfo(id = "pod-exec", title = "Command run or terminal attached in a pod", severity = Severity.MEDIUM,
        description = "A pods/exec or pods/attach request that the API server let through (101 Switching Protocols or 2xx): "
                + "kubectl exec, kubectl attach, or a client of the same API. Both verbs are read: create (SPDY) and get "
                + "(WebSocket, kubectl's default since 1.31). The command and container come from the request URI.",
        response = "Ask who ran what in the pod; the command is in the alert, its output is not logged anywhere. "
                + "Remove pods/exec and pods/attach from roles that do not need them (kubeward check rbac-pod-exec).",
        mitre = {"T1609"}, falco = {"Attach/Exec Pod"}, level = AuditLevel.METADATA,
        stages = {AuditStage.RESPONSE_STARTED, AuditStage.RESPONSE_COMPLETE})
public final class PodExec implements Detection {
    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        if (!e.succeeded() || !(e.verb().equals("create") || e.verb().equals("get"))) {
            return;
        }
        boolean exec = Events.targets(e, "", "pods/exec");
        if (!exec && !Events.targets(e, "", "pods/attach")) {
            return;
        }
        List<String> container = Events.query(e, "container");
        String in = " in pod " + Events.object(e) + (container.isEmpty() ? "" : " (container " + container.get(0) + ")");
        if (exec) {
            List<String> command = Events.query(e, "command");
            sink.alert(Events.actor(e) + " ran " + (command.isEmpty() ? "a command" : "'" + String.join(" ", command) + "'") + in);
        } else {
            sink.alert(Events.actor(e) + " attached to the terminal of a container" + in);
        }
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.person("create", "", "pods/exec", "shop", "web-0", AuditLevel.METADATA),
                Watch.serviceAccount("create", "", "pods/exec", "shop", "web-0", AuditLevel.METADATA),
                Watch.person("create", "", "pods/attach", "shop", "web-0", AuditLevel.METADATA));
    }
}
