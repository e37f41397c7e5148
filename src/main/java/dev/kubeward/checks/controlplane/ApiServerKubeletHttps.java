package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "apiserver-kubelet-https",
        title = "API server to kubelet connection not authenticated",
        severity = Severity.MEDIUM,
        category = "Control plane",
        description = "kube-apiserver lacks --kubelet-client-certificate, --kubelet-client-key or "
                + "--kubelet-certificate-authority.",
        rationale = "Without a client certificate kubelets cannot authenticate the API server (so they must "
                + "allow anonymous access); without the CA the API server does not verify the kubelet it "
                + "streams exec and logs through, which a man in the middle can impersonate.",
        remediation = "Set --kubelet-client-certificate and --kubelet-client-key, and "
                + "--kubelet-certificate-authority with kubelet serving certificates signed by that CA "
                + "(serverTLSBootstrap).",
        cis = {"1.2.4", "1.2.5"},
        nsaCisa = "Network separation and hardening: control plane hardening",
        mitre = "T1557")
public final class ApiServerKubeletHttps extends ComponentCheck {
    public ApiServerKubeletHttps() {
        super(Component.API_SERVER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfUnset(c, "kubelet-client-certificate", sink, "the API server cannot authenticate to kubelets");
        reportIfUnset(c, "kubelet-client-key", sink, "the API server cannot authenticate to kubelets");
        reportIfUnset(c, "kubelet-certificate-authority", sink, "kubelet serving certificates are not verified");
    }
}
