package dev.kubeward.runtime.detections;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubeward.audit.AuditLevel;
import dev.kubeward.audit.AuditStage;
import dev.kubeward.check.Severity;
import dev.kubeward.runtime.AlertSink;
import dev.kubeward.runtime.AuditEvent;
import dev.kubeward.runtime.Detection;
import dev.kubeward.runtime.DetectionContext;
import dev.kubeward.runtime.DetectionInfo;
import dev.kubeward.runtime.Events;
import java.util.ArrayList;
import java.util.List;

@DetectionInfo(id = "pod-ephemeral-container", title = "Ephemeral container added to a running pod", severity = Severity.MEDIUM,
        description = "An update or patch of pods/ephemeralcontainers that succeeded (kubectl debug): a new container, of "
                + "any image, joins a running pod's namespaces. At Request level and above the alert names the "
                + "containers and images of the request.",
        response = "Confirm the debugging session; ephemeral containers cannot be removed short of deleting the pod.",
        mitre = {"T1609", "T1610"}, falco = {"EphemeralContainers Created"}, level = AuditLevel.METADATA,
        stages = {AuditStage.RESPONSE_COMPLETE})
public final class EphemeralContainer implements Detection {
    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        if (!e.succeeded() || !(e.verb().equals("update") || e.verb().equals("patch"))
                || !Events.targets(e, "", "pods/ephemeralcontainers")) {
            return;
        }
        List<String> added = new ArrayList<>();
        JsonNode body = e.requestObject();
        if (body != null) {
            for (JsonNode c : body.path("spec").path("ephemeralContainers")) {
                added.add(c.path("name").asText("?") + " (" + c.path("image").asText("no image") + ")");
            }
        }
        sink.alert(Events.actor(e) + " added an ephemeral container to pod " + Events.object(e)
                + (added.isEmpty() ? "" : ": " + String.join(", ", added)));
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.person("patch", "", "pods/ephemeralcontainers", "shop", "web-0", AuditLevel.METADATA));
    }
}
