package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "apiserver-tls-missing",
        title = "API server TLS not configured",
        severity = Severity.HIGH,
        category = "Control plane",
        description = "kube-apiserver lacks --tls-cert-file, --tls-private-key-file or --client-ca-file.",
        rationale = "Without its own certificate the server generates a self-signed one clients cannot verify; "
                + "without a client CA, client certificates (how kubelets and controllers authenticate) are "
                + "not accepted.",
        remediation = "Set --tls-cert-file and --tls-private-key-file to the serving certificate and "
                + "--client-ca-file to the cluster CA.",
        cis = {"1.2.24", "1.2.25"},
        nsaCisa = "Network separation and hardening: control plane hardening",
        mitre = "T1557")
public final class ApiServerTlsMissing extends ComponentCheck {
    public ApiServerTlsMissing() {
        super(Component.API_SERVER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfUnset(c, "tls-cert-file", sink, "the server presents a self-signed certificate");
        reportIfUnset(c, "tls-private-key-file", sink, "the server presents a self-signed certificate");
        reportIfUnset(c, "client-ca-file", sink, "client certificates are not verified");
    }
}
