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

@DetectionInfo(id = "system-role-change", title = "System ClusterRole or Role changed", severity = Severity.HIGH,
        description = "A create, update, patch or delete that succeeded of a ClusterRole or Role named system:*, "
                + "except system:coredns and system:managed-certificate-controller, which change in normal "
                + "operation. The API server reconciles the bootstrap roles as system:apiserver, allowed by default.",
        response = "Compare the role with its bootstrap definition (kubectl auth reconcile); a widened system role is "
                + "a grant hidden among the defaults.",
        mitre = {"T1098.006"}, falco = {"System ClusterRole Modified/Deleted"}, level = AuditLevel.METADATA,
        stages = {AuditStage.RESPONSE_COMPLETE})
public final class SystemRoleChange implements Detection {
    private static final Set<String> EXPECTED = Set.of("system:coredns", "system:managed-certificate-controller");

    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        if (!e.succeeded() || !Events.CHANGE_VERBS.contains(e.verb())
                || !(Events.targets(e, "rbac.authorization.k8s.io", "clusterroles") || Events.targets(e, "rbac.authorization.k8s.io", "roles"))) {
            return;
        }
        String name = Events.name(e);
        if (name.startsWith("system:") && !EXPECTED.contains(name)) {
            sink.alert(Events.actor(e) + " did " + e.verb() + " on " + e.objectRef().resource() + " " + Events.object(e));
        }
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.person("patch", "rbac.authorization.k8s.io", "clusterroles", "", "system:node", AuditLevel.METADATA));
    }
}
