package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.KubeletField;
import dev.kubeward.controlplane.KubeletNode;

@CheckInfo(
        id = "kubelet-protect-kernel-defaults",
        title = "Kubelet may change kernel settings",
        severity = Severity.LOW,
        category = "Kubelet",
        description = "The kubelet runs with protectKernelDefaults false, its default (CIS dropped this recommendation after v1.9).",
        rationale = "Without it the kubelet rewrites kernel tunables that the node's hardening set, instead of refusing to start.",
        remediation = "Set protectKernelDefaults: true and set the sysctls the kubelet needs (vm.overcommit_memory=1, kernel.panic=10, kernel.panic_on_oops=1) on the node.",
        cis = {},
        nsaCisa = "Network separation and hardening: worker node segmentation")
public final class KubeletProtectKernelDefaults extends KubeletCheck {
    @Override
    protected void checkKubelet(KubeletNode node, Scoped sink) {
        reportIfBool(node, KubeletField.PROTECT_KERNEL_DEFAULTS, false, sink, "kernel tunables that differ from the kubelet's needs are silently changed");
    }
}
