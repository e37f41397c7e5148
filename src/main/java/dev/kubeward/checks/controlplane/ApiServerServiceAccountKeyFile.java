package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "apiserver-service-account-key-file",
        title = "API server service account key not set",
        severity = Severity.LOW,
        category = "Control plane",
        description = "kube-apiserver has no --service-account-key-file, so it verifies service account tokens "
                + "with its TLS serving key.",
        rationale = "Sharing the serving key with token signing means the keys cannot be rotated separately, "
                + "and the controller manager's signing key must then be the serving key too.",
        remediation = "Set --service-account-key-file to the public key matching the controller manager's "
                + "--service-account-private-key-file (and the API server's --service-account-signing-key-file).",
        cis = "1.2.22",
        nsaCisa = "Authentication and authorization: authentication")
public final class ApiServerServiceAccountKeyFile extends ComponentCheck {
    public ApiServerServiceAccountKeyFile() {
        super(Component.API_SERVER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfUnset(c, "service-account-key-file", sink, "tokens are verified with the TLS serving key");
    }
}
