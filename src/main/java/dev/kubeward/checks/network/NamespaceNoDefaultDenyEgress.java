package dev.kubeward.checks.network;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.netpol.Direction;

@CheckInfo(
        id = "netpol-namespace-no-default-deny-egress",
        title = "Namespace without default-deny egress policy",
        severity = Severity.LOW,
        category = "Network policies",
        description = "A namespace of the input has no NetworkPolicy that selects all its pods (podSelector: {}) and "
                + "isolates Egress without a rule open to every destination on every port; a policy that denies "
                + "all egress but DNS counts. Low, one step below the ingress check, because open egress exposes "
                + "nothing by itself: it is what an attacker needs after getting in. Findings are placed as for "
                + "netpol-namespace-no-default-deny-ingress, host-network-only namespaces skipped as there. Runs only when "
                + "the input has workloads.",
        rationale = "Without a default deny on egress a compromised pod can reach every service of the cluster, "
                + "the cloud metadata endpoint and the internet: lateral movement, exfiltration and command and "
                + "control need no further foothold.",
        remediation = "Add a policy with podSelector: {}, policyTypes: [Egress] and egress only to DNS (UDP and TCP "
                + "53 to kube-system pods labelled k8s-app: kube-dns), then allow each workload's dependencies.",
        cis = "5.3.2",
        nsaCisa = "Network separation and hardening: network policies",
        mitre = {"T1041", "T1021"})
public final class NamespaceNoDefaultDenyEgress extends NamespaceDefaultDenyCheck {
    public NamespaceNoDefaultDenyEgress() {
        super(Direction.EGRESS);
    }
}
