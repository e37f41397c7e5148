package dev.kubeward.checks.network;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.netpol.Direction;

@CheckInfo(
        id = "netpol-namespace-no-default-deny-ingress",
        title = "Namespace without default-deny ingress policy",
        severity = Severity.MEDIUM,
        category = "Network policies",
        description = "A namespace of the input has no NetworkPolicy that selects all its pods (podSelector: {}) and "
                + "isolates Ingress without a rule open to every source on every port. Namespaces are those declared "
                + "by a Namespace object or holding a workload; the finding is on the Namespace object, else on the "
                + "first workload of the namespace that is not a static pod. A namespace known only through pods on the host network (no "
                + "Namespace object) is not reported, since no policy applies to them. Runs only when the input has "
                + "workloads.",
        rationale = "Without a default deny, every pod that no policy happens to select accepts connections from any "
                + "pod of the cluster and from outside it, and each new workload starts out reachable; an attacker "
                + "in one pod can scan and reach the others.",
        remediation = "Add a policy with podSelector: {}, policyTypes: [Ingress] and no ingress rules to the "
                + "namespace, then allow the flows each workload needs with narrower policies.",
        cis = "5.3.2",
        nsaCisa = "Network separation and hardening: network policies",
        mitre = {"T1046", "T1021"})
public final class NamespaceNoDefaultDenyIngress extends NamespaceDefaultDenyCheck {
    public NamespaceNoDefaultDenyIngress() {
        super(Direction.INGRESS);
    }
}
