package dev.kubeward.checks.network;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.netpol.Direction;
import dev.kubeward.netpol.Workload;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
        id = "netpol-workload-unisolated",
        title = "Workload not isolated by any NetworkPolicy",
        severity = Severity.MEDIUM,
        category = "Network policies",
        description = "No NetworkPolicy of the input selects the workload's pods for a direction, so everything is "
                + "allowed that way. One finding per direction, on the pod template's labels: medium for ingress, "
                + "low for egress (as for the namespace default-deny checks). Pods owned by a controller count once, "
                + "as their owner. Pods on the host network are not reported: NetworkPolicy does not apply to them "
                + "(host-network reports them), nor are static pods (the kubelet runs them from its node's files, "
                + "before any policy controller). Runs only when the input has workloads.",
        rationale = "An unisolated pod accepts connections from every pod of the cluster and from outside it, or "
                + "may connect anywhere; one compromised neighbour is enough to reach it or to use it as a relay.",
        remediation = "Cover the namespace with a default-deny policy and give the workload a policy that allows "
                + "only the peers and ports it needs.",
        cis = "5.3.2",
        nsaCisa = "Network separation and hardening: network policies",
        mitre = {"T1046", "T1021"})
public final class WorkloadUnisolated extends ModelCheck {
    @Override
    protected boolean skipsStaticPods() {
        return true;
    }

    @Override
    protected List<Located> findings(NetpolModel model) {
        List<Located> out = new ArrayList<>();
        for (Direction direction : Direction.values()) {
            Severity severity = direction == Direction.INGRESS ? Severity.MEDIUM : Severity.LOW;
            String consequence = direction == Direction.INGRESS
                    ? "accepts connections from every pod and every address"
                    : "may connect to every pod and every address";
            for (Workload w : model.analysis().unselectedWorkloads(direction)) {
                model.resourceOf(w).ifPresent(r -> out.add(new Located(r, model.podLabelsPath(r), severity,
                        w.id() + " is not isolated for " + direction.apiName() + " (no NetworkPolicy selects it "
                                + "with " + direction.apiName() + " in policyTypes): it " + consequence)));
            }
        }
        return out;
    }
}
