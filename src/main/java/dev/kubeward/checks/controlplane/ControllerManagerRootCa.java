package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "controller-manager-root-ca",
        title = "Controller manager does not publish the cluster CA",
        severity = Severity.MEDIUM,
        category = "Control plane",
        description = "kube-controller-manager has no --root-ca-file.",
        rationale = "Pods then get no CA bundle with their service account token and cannot verify the API "
                + "server's certificate, which invites man-in-the-middle attacks or disabled verification.",
        remediation = "Set --root-ca-file to the cluster CA bundle.",
        cis = "1.3.5",
        nsaCisa = "Network separation and hardening: control plane hardening",
        mitre = "T1557")
public final class ControllerManagerRootCa extends ComponentCheck {
    public ControllerManagerRootCa() {
        super(Component.CONTROLLER_MANAGER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfUnset(c, "root-ca-file", sink, "pods cannot verify the API server");
    }
}
