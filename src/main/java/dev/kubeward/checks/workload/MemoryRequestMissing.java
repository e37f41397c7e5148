package dev.kubeward.checks.workload;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;

@CheckInfo(
        id = "memory-request-missing",
        title = "No memory request",
        severity = Severity.LOW,
        category = "Resources",
        description = "A container (or init container) has no resources.requests.memory, and no LimitRange in the "
                + "input gives its namespace a default (a static pod gets none); a limit also sets the request.",
        rationale = "Without a memory request the scheduler places the pod as if it needed no memory, so nodes get overcommitted and the pod is among the first evicted under pressure.",
        remediation = "Set resources.requests.memory on every container, or a LimitRange with a defaultRequest in the namespace.",
        nsaCisa = "Network separation and hardening: resource policies",
        mitre = "T1499")
public final class MemoryRequestMissing extends ContainerResourceCheck {
    public MemoryRequestMissing() {
        super("memory", false);
    }
}
