package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "controller-manager-service-account-credentials",
        title = "Controllers share the controller manager's credentials",
        severity = Severity.MEDIUM,
        category = "Control plane",
        description = "kube-controller-manager runs with --use-service-account-credentials false, its default.",
        rationale = "With one shared identity every controller holds the union of all controllers' permissions, and the audit log cannot tell them apart.",
        remediation = "Set --use-service-account-credentials=true (kubeadm does) so each controller uses its own service account and role.",
        cis = "1.3.3",
        nsaCisa = "Authentication and authorization: role-based access control")
public final class ControllerManagerServiceAccountCredentials extends ComponentCheck {
    public ControllerManagerServiceAccountCredentials() {
        super(Component.CONTROLLER_MANAGER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfBool(c, "use-service-account-credentials", false, sink, "all controllers act with the controller manager's own, broad identity");
    }
}
