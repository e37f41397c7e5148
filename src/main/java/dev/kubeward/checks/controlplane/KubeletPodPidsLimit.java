package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.KubeletField;
import dev.kubeward.controlplane.KubeletNode;

@CheckInfo(
        id = "kubelet-pod-pids-limit",
        title = "Kubelet sets no limit on process ids per pod",
        severity = Severity.LOW,
        category = "Kubelet",
        description = "podPidsLimit (--pod-max-pids) is absent, -1 or not positive: each pod may create processes "
                + "until the node runs out of process ids.",
        rationale = "A fork bomb or a leaking workload in one pod exhausts the node's process ids and takes down "
                + "every other pod and the kubelet with it.",
        remediation = "Set podPidsLimit to a value that fits the node's workloads (for example 4096).",
        cis = "4.2.13",
        nsaCisa = "Network separation and hardening: resource policies")
public final class KubeletPodPidsLimit extends KubeletCheck {
    @Override
    protected void checkKubelet(KubeletNode node, Scoped sink) {
        KubeletNode.Value v = node.value(KubeletField.POD_PIDS_LIMIT);
        if (v.text() == null) {
            return;
        }
        long limit;
        try {
            limit = Long.parseLong(v.text().strip());
        } catch (NumberFormatException e) {
            sink.report(v, "kubelet: " + named(KubeletField.POD_PIDS_LIMIT, v) + ", which is not a number");
            return;
        }
        // The kubelet applies the limit only when it is positive; 0 and -1 both mean unlimited.
        if (limit <= 0) {
            sink.report(v, "kubelet: pods may create unlimited processes (" + named(KubeletField.POD_PIDS_LIMIT, v) + ")");
        }
    }
}
