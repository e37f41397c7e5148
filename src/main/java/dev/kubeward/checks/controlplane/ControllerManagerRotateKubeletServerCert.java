package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;
import dev.kubeward.controlplane.Setting;

@CheckInfo(
        id = "controller-manager-rotate-kubelet-server-cert",
        title = "Kubelet serving certificate rotation disabled",
        severity = Severity.LOW,
        category = "Control plane",
        description = "kube-controller-manager sets the RotateKubeletServerCertificate feature gate to false (on "
                + "by default since 1.12).",
        rationale = "Kubelets then keep long-lived, often self-signed serving certificates that the API server "
                + "cannot verify.",
        remediation = "Remove RotateKubeletServerCertificate=false from --feature-gates.",
        cis = "1.3.6",
        nsaCisa = "Network separation and hardening: control plane hardening")
public final class ControllerManagerRotateKubeletServerCert extends ComponentCheck {
    static final String GATE = "RotateKubeletServerCertificate";

    public ControllerManagerRotateKubeletServerCert() {
        super(Component.CONTROLLER_MANAGER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        Setting gates = c.flags().explicit("feature-gates").orElse(null);
        String value = gates == null ? null : gates.entries().get(GATE);
        boolean enabled = value == null ? Component.rotateKubeletServerCertificateDefault(c.flags().version())
                : Setting.parseBool(value).orElse(false);
        if (!enabled) {
            sink.report(value == null ? c.at() : gates.pathOfKey(GATE), c.describe() + ": " + GATE + " is off"
                    + (value == null ? " (its default before 1.12)" : ""));
        }
    }
}
