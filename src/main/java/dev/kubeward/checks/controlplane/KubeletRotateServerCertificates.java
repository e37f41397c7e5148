package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.KubeletNode;

@CheckInfo(
        id = "kubelet-rotate-server-certificates",
        title = "Kubelet serving certificate rotation disabled",
        severity = Severity.LOW,
        category = "Kubelet",
        description = "The kubelet sets the RotateKubeletServerCertificate feature gate to false, in featureGates or "
                + "--feature-gates (a gate on the command line wins over the file's). The gate is on by default since "
                + "1.12, so only an explicit false fires.",
        rationale = "Without the gate the kubelet cannot request and renew its serving certificate from the cluster "
                + "CA, which leaves it with a self-signed or long-lived certificate.",
        remediation = "Remove RotateKubeletServerCertificate=false (or set it to true) and set serverTLSBootstrap: true.",
        cis = "4.2.11",
        nsaCisa = "Network separation and hardening: encryption")
public final class KubeletRotateServerCertificates extends KubeletCheck {
    static final String GATE = ControllerManagerRotateKubeletServerCert.GATE;

    @Override
    protected void checkKubelet(KubeletNode node, Scoped sink) {
        KubeletNode.Value v = node.featureGate(GATE);
        if (v.text() == null) {
            return;
        }
        if (v.bool().isEmpty()) {
            sink.report(v, "kubelet: feature gate " + GATE + " is '" + v.text()
                    + "', which is not a boolean; the kubelet refuses to start");
        } else if (!v.bool().get()) {
            sink.report(v, "kubelet: feature gate " + GATE + " is false, so the serving certificate is never "
                    + "requested from the cluster CA nor renewed");
        }
    }
}
