package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;

@CheckInfo(
        id = "controller-manager-bind-address",
        title = "Controller manager listens on every interface",
        severity = Severity.MEDIUM,
        category = "Control plane",
        description = "kube-controller-manager runs with --bind-address other than a loopback address; when the flag is absent it "
                + "binds 0.0.0.0.",
        rationale = "Its secure port (10257) serves health, metrics and debug endpoints; bound to every interface "
                + "they are reachable from pods and the network instead of only from the node.",
        remediation = "Set --bind-address=127.0.0.1 (and scrape metrics through a local proxy if needed).",
        cis = "1.3.7",
        nsaCisa = "Network separation and hardening: control plane hardening",
        mitre = "T1046")
public final class ControllerManagerBindAddress extends BindAddressCheck {
    public ControllerManagerBindAddress() {
        super(Component.CONTROLLER_MANAGER);
    }
}
