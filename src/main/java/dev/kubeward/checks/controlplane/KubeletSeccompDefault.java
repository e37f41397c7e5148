package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.KubeletField;
import dev.kubeward.controlplane.KubeletNode;

@CheckInfo(
        id = "kubelet-seccomp-default",
        title = "Kubelet does not apply RuntimeDefault seccomp",
        severity = Severity.LOW,
        category = "Kubelet",
        description = "The kubelet runs with seccompDefault false, its default.",
        rationale = "Containers that do not ask for a seccomp profile can use every system call, which widens the kernel attack surface of container escapes.",
        remediation = "Set seccompDefault: true so RuntimeDefault applies to every container without a profile.",
        cis = {"4.2.14"},
        nsaCisa = "Pod security: hardening container environments")
public final class KubeletSeccompDefault extends KubeletCheck {
    @Override
    protected void checkKubelet(KubeletNode node, Scoped sink) {
        reportIfBool(node, KubeletField.SECCOMP_DEFAULT, false, sink, "containers without a seccomp profile run unconfined");
    }
}
