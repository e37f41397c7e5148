package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "apiserver-profiling",
        title = "API server profiling enabled",
        severity = Severity.LOW,
        category = "Control plane",
        description = "kube-apiserver runs with --profiling true, its default.",
        rationale = "The /debug/pprof endpoints reveal internals and let a caller make the server spend CPU on "
                + "profiles; production servers need not serve them.",
        remediation = "Set --profiling=false.",
        cis = "1.2.15",
        nsaCisa = "Network separation and hardening: control plane hardening")
public final class ApiServerProfiling extends ComponentCheck {
    public ApiServerProfiling() {
        super(Component.API_SERVER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfBool(c, "profiling", true, sink, "profiling endpoints are served");
    }
}
