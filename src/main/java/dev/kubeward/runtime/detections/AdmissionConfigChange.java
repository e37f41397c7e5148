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

@DetectionInfo(id = "admission-config-change", title = "Admission webhook or policy changed", severity = Severity.HIGH,
        description = "A create, update, patch or delete that succeeded of a ValidatingWebhookConfiguration, "
                + "MutatingWebhookConfiguration, ValidatingAdmissionPolicy, MutatingAdmissionPolicy or one of their "
                + "bindings: the controls that stop a privileged pod can be turned off, or a webhook added that sees "
                + "and mutates every object. Controllers that patch CA bundles (cert-manager's cainjector) belong on the allow list.",
        response = "Review the change; a webhook whose failurePolicy is Ignore or whose rules shrank is a defence removed.",
        mitre = {"T1562.001"}, level = AuditLevel.METADATA, stages = {AuditStage.RESPONSE_COMPLETE})
public final class AdmissionConfigChange implements Detection {
    static final Set<String> RESOURCES = Set.of("validatingwebhookconfigurations", "mutatingwebhookconfigurations",
            "validatingadmissionpolicies", "validatingadmissionpolicybindings", "mutatingadmissionpolicies",
            "mutatingadmissionpolicybindings");

    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        if (!e.succeeded() || !Events.CHANGE_VERBS.contains(e.verb()) || e.objectRef() == null
                || !e.objectRef().apiGroup().equals("admissionregistration.k8s.io") || !e.objectRef().subresource().isEmpty()
                || !RESOURCES.contains(e.objectRef().resource())) {
            return;
        }
        sink.alert(Events.actor(e) + " did " + e.verb() + " on " + e.objectRef().resource() + " " + Events.object(e));
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.person("patch", "admissionregistration.k8s.io", "validatingwebhookconfigurations", "", "policy-webhook",
                        AuditLevel.METADATA),
                Watch.person("delete", "admissionregistration.k8s.io", "validatingadmissionpolicies", "", "no-privileged",
                        AuditLevel.METADATA));
    }
}
