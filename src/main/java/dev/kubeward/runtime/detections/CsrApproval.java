package dev.kubeward.runtime.detections;

import com.fasterxml.jackson.databind.JsonNode;
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

@DetectionInfo(id = "csr-approval", title = "Certificate signing request approved", severity = Severity.HIGH,
        description = "An update or patch of certificatesigningrequests/approval that succeeded, by a user outside the "
                + "allow list: an approved CSR becomes a client certificate for whatever user and groups it names "
                + "(system:masters included, with the kube-apiserver-client signer), valid until it expires and not "
                + "revocable. The control plane's CSR approver (certificate-controller) is allowed by default. At "
                + "Request level and above the alert names the signer and the requested user.",
        response = "Check the CSR's signer and subject; a certificate cannot be revoked, so remove the RBAC grants "
                + "of the user or group it names if it was not expected.",
        mitre = {"T1098"}, level = AuditLevel.METADATA, stages = {AuditStage.RESPONSE_COMPLETE})
public final class CsrApproval implements Detection {
    @Override
    public void detect(AuditEvent e, DetectionContext context, AlertSink sink) {
        if (!e.succeeded() || !(e.verb().equals("update") || e.verb().equals("patch"))
                || !Events.targets(e, "certificates.k8s.io", "certificatesigningrequests/approval")) {
            return;
        }
        String detail = "";
        JsonNode body = e.responseObject() != null ? e.responseObject() : e.requestObject();
        if (body != null && body.path("spec").isObject()) {
            JsonNode spec = body.path("spec");
            detail = " (signer " + spec.path("signerName").asText("?") + ", for " + spec.path("username").asText("?") + ")";
        }
        sink.alert(Events.actor(e) + " approved certificate signing request " + e.objectRef().name() + detail);
    }

    @Override
    public List<Watch> watches() {
        return List.of(Watch.person("update", "certificates.k8s.io", "certificatesigningrequests/approval", "", "csr-1",
                AuditLevel.METADATA));
    }
}
