package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "apiserver-token-auth-file",
        title = "API server accepts static tokens",
        severity = Severity.HIGH,
        category = "Control plane",
        description = "kube-apiserver runs with --token-auth-file.",
        rationale = "Static tokens sit in clear text on the control-plane disk, never expire, and can only be "
                + "changed by restarting the API server.",
        remediation = "Remove --token-auth-file and authenticate people with OIDC or short-lived client "
                + "certificates, and workloads with service account tokens.",
        cis = "1.2.2",
        nsaCisa = "Authentication and authorization: authentication",
        mitre = "T1552.001")
public final class ApiServerTokenAuthFile extends ComponentCheck {
    public ApiServerTokenAuthFile() {
        super(Component.API_SERVER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        if (c.flags().isSet("token-auth-file")) {
            sink.report(c.where("token-auth-file"), c.describe() + ": static bearer tokens are read from "
                    + c.flags().explicit("token-auth-file").orElseThrow().value());
        }
    }
}
