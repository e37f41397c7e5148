package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "controller-manager-service-account-private-key",
        title = "Controller manager has no service account signing key",
        severity = Severity.MEDIUM,
        category = "Control plane",
        description = "kube-controller-manager has no --service-account-private-key-file.",
        rationale = "Without it the token controller cannot sign service account tokens, and keys cannot be "
                + "rotated apart from the API server's serving key.",
        remediation = "Set --service-account-private-key-file to the key whose public half the API server reads "
                + "with --service-account-key-file.",
        cis = "1.3.4",
        nsaCisa = "Authentication and authorization: authentication")
public final class ControllerManagerServiceAccountPrivateKey extends ComponentCheck {
    public ControllerManagerServiceAccountPrivateKey() {
        super(Component.CONTROLLER_MANAGER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfUnset(c, "service-account-private-key-file", sink, "service account tokens cannot be signed");
    }
}
