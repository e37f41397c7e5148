package dev.kubeward.runtime.detections;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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
import java.util.Set;

@DetectionInfo(id = "pod-created-in-kube-namespace", title = "Pod created in kube-system or kube-public",
        severity = Severity.MEDIUM,
        description = "A pod create that succeeded in kube-system or kube-public, by a user outside the allow list: "
                + "pods there sit beside the control plane and usually run with its service accounts. Kubelets "
                + "(mirror pods of static pods) and the controllers are allowed by default. At Request level the "
                + "pod's images are known too, and runtime.allow.images or the detection's own images list leaves "
                + "pods of allowed images alone; at Metadata level it judges by user only (Falco's rule fires on "
                + "every such pod then, since its image condition is negated).",
        response = "Find out who deployed into the system namespaces and why; move workloads into their own namespaces.",
        mitre = {"T1610"}, falco = {"Pod Created in Kube Namespace"}, level = AuditLevel.METADATA,
        stages = {AuditStage.RESPONSE_COMPLETE}, falcoMisfiresBelow = AuditLevel.REQUEST)
public final class PodCreatedInKubeNamespace implements Detection {
    static final Set<String> NAMESPACES = Set.of("kube-system", "kube-public");

    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        if (!e.succeeded() || !e.verb().equals("create") || !Events.targets(e, "", "pods")
                || !NAMESPACES.contains(e.objectRef().namespace())) {
            return;
        }
        List<String> images = images(e.requestObject());
        if (context.runtime().allowFor("pod-created-in-kube-namespace", defaults()).allowsImages(images)) {
            return;
        }
        sink.alert(Events.actor(e) + " created pod " + Events.object(e) + (images.isEmpty() ? "" : " (" + String.join(", ", images) + ")"));
    }

    static List<String> images(JsonNode pod) {
        List<String> out = new ArrayList<>();
        if (pod != null) {
            for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
                for (JsonNode c : pod.path("spec").path(list)) {
                    if (c.path("image").isTextual()) {
                        out.add(c.path("image").textValue());
                    }
                }
            }
        }
        return out;
    }

    @Override
    public Allow defaults() {
        return Allow.groups("system:nodes");
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.person("create", "", "pods", "kube-system", null, AuditLevel.METADATA));
    }
}
