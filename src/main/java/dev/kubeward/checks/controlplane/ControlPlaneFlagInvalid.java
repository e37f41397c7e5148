package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.ComponentConfig;
import dev.kubeward.controlplane.FlagProblem;

@CheckInfo(
        id = "controlplane-flag-invalid",
        title = "Component command line is not what it seems",
        severity = Severity.MEDIUM,
        category = "Control plane",
        description = "A control-plane component's command line has a flag without its value, or a stray word such "
                + "as the 'false' of '--profiling false', which sets a boolean flag to true.",
        rationale = "Boolean flags take their value only after '='; a separate 'false' leaves the flag true and "
                + "is an argument the binary refuses, so the hardening the line seems to apply is not applied "
                + "or the component does not start.",
        remediation = "Write boolean flags as --flag=false and give every other flag its value.",
        nsaCisa = "Network separation and hardening: control plane hardening")
public final class ControlPlaneFlagInvalid implements dev.kubeward.check.Check {
    @Override
    public void check(dev.kubeward.model.Resource resource, CheckContext context, FindingSink sink) {
        for (ComponentConfig c : Components.of(resource, context)) {
            for (FlagProblem p : c.problems()) {
                sink.report(p.path(), c.describe() + ": " + p.message());
            }
        }
    }
}
