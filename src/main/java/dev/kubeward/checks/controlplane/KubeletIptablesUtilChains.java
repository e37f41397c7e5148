package dev.kubeward.checks.controlplane;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.controlplane.KubeletField;
import dev.kubeward.controlplane.KubeletNode;

@CheckInfo(
        id = "kubelet-iptables-util-chains",
        title = "Kubelet does not manage its iptables chains",
        severity = Severity.LOW,
        category = "Kubelet",
        description = "The kubelet runs with makeIPTablesUtilChains false (--make-iptables-util-chains=false).",
        rationale = "The kubelet's chains keep the node's iptables consistent with pod networking; left to hand edits they drift from the pods' needs.",
        remediation = "Remove makeIPTablesUtilChains: false (the default is true).",
        cis = {"4.2.6"},
        nsaCisa = "Network separation and hardening: worker node segmentation")
public final class KubeletIptablesUtilChains extends KubeletCheck {
    @Override
    protected void checkKubelet(KubeletNode node, Scoped sink) {
        reportIfBool(node, KubeletField.MAKE_IPTABLES_UTIL_CHAINS, false, sink, "the kubelet's iptables utility chains are not kept in place");
    }
}
