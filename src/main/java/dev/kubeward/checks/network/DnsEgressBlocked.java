package dev.kubeward.checks.network;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.netpol.NetworkPolicy;
import dev.kubeward.netpol.Workload;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
        id = "netpol-dns-egress-blocked",
        title = "Egress-isolated workload cannot reach DNS",
        severity = Severity.LOW,
        category = "Network policies",
        description = "Policies isolate the workload for Egress, and none of their egress rules allows UDP or TCP 53 "
                + "to the cluster DNS pods (namespace kube-system, label k8s-app: kube-dns, CoreDNS's named ports "
                + "dns and dns-tcp) or to every destination. ipBlock rules do not count: the DNS Service address is "
                + "inside the cluster. Low: a reliability defect that pushes teams to loosen policies, not an "
                + "exposure. Pods on the host network are not reported: no policy isolates them, they use the node's "
                + "DNS path. Static pods are skipped. Runs only when the input has workloads.",
        rationale = "Without DNS the workload cannot resolve Service names, so it fails at run time; the common "
                + "reaction is to delete or widen the egress policy, losing the isolation altogether.",
        remediation = "Allow egress on UDP and TCP 53 to namespaceSelector kubernetes.io/metadata.name: kube-system "
                + "with podSelector k8s-app: kube-dns, in the namespace's default-deny egress policy.",
        cis = "5.3.2",
        nsaCisa = "Network separation and hardening: network policies")
public final class DnsEgressBlocked extends ModelCheck {
    @Override
    protected boolean skipsStaticPods() {
        return true;
    }

    @Override
    protected List<Located> findings(NetpolModel model) {
        List<Located> out = new ArrayList<>();
        for (Workload w : model.analysis().workloadsWithoutDnsEgress()) {
            List<String> isolating = model.analysis().policiesIn(w.namespace()).stream()
                    .filter(p -> p.isolatesEgress() && p.selects(w)).map(NetworkPolicy::id).toList();
            model.resourceOf(w).ifPresent(r -> out.add(new Located(r, model.podLabelsPath(r), null,
                    w.id() + " is isolated for Egress by " + isolating + " and no egress rule allows DNS "
                            + "(UDP/TCP 53 to kube-system/k8s-app=kube-dns)")));
        }
        return out;
    }
}
