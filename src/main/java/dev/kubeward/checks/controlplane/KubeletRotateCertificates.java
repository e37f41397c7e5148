package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.KubeletField;
import dev.kubeward.controlplane.KubeletNode;

@CheckInfo(
        id = "kubelet-rotate-certificates",
        title = "Kubelet client certificate not rotated",
        severity = Severity.MEDIUM,
        category = "Kubelet",
        description = "The kubelet runs with rotateCertificates false, which is its default when neither the file nor a flag sets it.",
        rationale = "A kubelet that does not rotate its client certificate either stops working when it expires or is given a long-lived one that is valuable to steal.",
        remediation = "Set rotateCertificates: true (kubeadm does).",
        cis = {"4.2.10"},
        nsaCisa = "Authentication and authorization: authentication")
public final class KubeletRotateCertificates extends KubeletCheck {
    @Override
    protected void checkKubelet(KubeletNode node, Scoped sink) {
        reportIfBool(node, KubeletField.ROTATE_CERTIFICATES, false, sink, "the client certificate is never renewed");
    }
}
