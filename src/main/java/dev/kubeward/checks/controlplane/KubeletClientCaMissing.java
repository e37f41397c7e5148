package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.KubeletField;
import dev.kubeward.controlplane.KubeletNode;

@CheckInfo(
        id = "kubelet-client-ca-missing",
        title = "Kubelet does not verify client certificates",
        severity = Severity.MEDIUM,
        category = "Kubelet",
        description = "The kubelet has no authentication.x509.clientCAFile (--client-ca-file).",
        rationale = "Without a client CA the kubelet cannot authenticate the API server's client certificate, so "
                + "its API is left to anonymous access or tokens alone.",
        remediation = "Set authentication.x509.clientCAFile to the cluster CA (kubeadm: /etc/kubernetes/pki/ca.crt).",
        cis = "4.2.3",
        nsaCisa = "Authentication and authorization: authentication",
        mitre = "T1557")
public final class KubeletClientCaMissing extends KubeletCheck {
    @Override
    protected void checkKubelet(KubeletNode node, Scoped sink) {
        KubeletNode.Value v = node.value(KubeletField.CLIENT_CA_FILE);
        if (v.text() == null || v.text().isBlank()) {
            sink.report(v, "kubelet: no client CA is set, so client certificates are not verified");
        }
    }
}
