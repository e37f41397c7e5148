package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;

@CheckInfo(
        id = "cpu-limit-missing",
        title = "No CPU limit",
        severity = Severity.LOW,
        category = "Resources",
        description = "A container (or init container) has no resources.limits.cpu, and no LimitRange in the "
                + "input gives its namespace a default (a static pod gets none).",
        rationale = "Without a CPU limit a single container can use up the node's cpu, starving its neighbours: a denial of service, by bug or by attacker (a cryptominer, a fork bomb).",
        remediation = "Set resources.limits.cpu on every container, or a LimitRange with a default in the namespace.",
        nsaCisa = "Network separation and hardening: resource policies",
        mitre = "T1499")
public final class CpuLimitMissing extends ContainerResourceCheck {
    public CpuLimitMissing() {
        super("cpu", true);
    }
}
