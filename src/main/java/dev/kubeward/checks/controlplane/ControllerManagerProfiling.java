package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "controller-manager-profiling",
        title = "Controller manager profiling enabled",
        severity = Severity.LOW,
        category = "Control plane",
        description = "kube-controller-manager runs with --profiling true, its default.",
        rationale = "The /debug/pprof endpoints reveal internals and cost CPU; production controllers need not serve them.",
        remediation = "Set --profiling=false.",
        cis = "1.3.2",
        nsaCisa = "Network separation and hardening: control plane hardening")
public final class ControllerManagerProfiling extends ComponentCheck {
    public ControllerManagerProfiling() {
        super(Component.CONTROLLER_MANAGER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfBool(c, "profiling", true, sink, "profiling endpoints are served");
    }
}
