package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.Component;
import dev.kubeward.controlplane.ComponentConfig;

@CheckInfo(
        id = "scheduler-profiling",
        title = "Scheduler profiling enabled",
        severity = Severity.LOW,
        category = "Control plane",
        description = "kube-scheduler runs with --profiling true, its default.",
        rationale = "The /debug/pprof endpoints reveal internals and cost CPU; production schedulers need not serve them.",
        remediation = "Set --profiling=false.",
        cis = "1.4.1",
        nsaCisa = "Network separation and hardening: control plane hardening")
public final class SchedulerProfiling extends ComponentCheck {
    public SchedulerProfiling() {
        super(Component.SCHEDULER);
    }

    @Override
    protected void checkComponent(ComponentConfig c, CheckContext context, FindingSink sink) {
        reportIfBool(c, "profiling", true, sink, "profiling endpoints are served");
    }
}
