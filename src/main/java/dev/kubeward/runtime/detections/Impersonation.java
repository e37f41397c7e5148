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

@DetectionInfo(id = "impersonation", title = "Request made as another user (impersonation)", severity = Severity.HIGH,
        description = "A request that succeeded with Impersonate-User or Impersonate-Group headers (kubectl --as, "
                + "--as-group): the caller acted with another identity's permissions. Only users on the allow list "
                + "(an admin proxy, for one) are quiet.",
        response = "Confirm the caller may impersonate; the impersonate verb on users, groups and service accounts "
                + "is as good as their permissions (kubeward check rbac-escalate-bind-impersonate).",
        mitre = {"T1078"}, level = AuditLevel.METADATA,
        stages = {AuditStage.RESPONSE_STARTED, AuditStage.RESPONSE_COMPLETE})
public final class Impersonation implements Detection {
    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        AuditEvent.User as = e.impersonatedUser();
        if (as == null || !e.succeeded()) {
            return;
        }
        String groups = as.groups().isEmpty() ? "" : " with groups " + String.join(", ", as.groups());
        sink.alert(e.user().username() + " acted as " + (as.username().isEmpty() ? "(no user)" : as.username()) + groups
                + ": " + e.verb() + " " + (e.objectRef() == null ? Events.path(e) : e.objectRef().describe()));
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.person("get", "", "secrets", "shop", "db-credentials", AuditLevel.METADATA),
                Watch.person("create", "", "pods", "shop", null, AuditLevel.METADATA));
    }
}
