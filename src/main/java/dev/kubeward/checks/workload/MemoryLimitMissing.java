package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;

@CheckInfo(
        id = "memory-limit-missing",
        title = "No memory limit",
        severity = Severity.MEDIUM,
        category = "Resources",
        description = "A container (or init container) has no resources.limits.memory, and no LimitRange in the "
                + "input gives its namespace a default (a static pod gets none).",
        rationale = "Without a memory limit a single container can use up the node's memory, starving its neighbours: a denial of service, by bug or by attacker (a cryptominer, a fork bomb).",
        remediation = "Set resources.limits.memory on every container, or a LimitRange with a default in the namespace.",
        nsaCisa = "Network separation and hardening: resource policies",
        mitre = "T1499")
public final class MemoryLimitMissing extends ContainerResourceCheck {
    public MemoryLimitMissing() {
        super("memory", true);
    }
}
