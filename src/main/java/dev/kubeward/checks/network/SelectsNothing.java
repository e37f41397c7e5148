package dev.kubeward.checks.network;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.netpol.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
        id = "netpol-selects-nothing",
        title = "NetworkPolicy selects no workload",
        severity = Severity.LOW,
        category = "Network policies",
        description = "The policy's podSelector matches the pod labels of no workload of its namespace in the input. "
                + "Scan the policies together with the workloads they protect, or this reports every policy of a "
                + "policies-only directory that happens to sit beside one unrelated workload. Runs only when the "
                + "input has workloads.",
        rationale = "A policy that selects nothing protects nothing: usually a label typo or a workload that was "
                + "renamed, leaving the pods it was written for unisolated while reviewers believe they are covered.",
        remediation = "Fix the podSelector (or the pod template labels) so that it matches the intended pods, or "
                + "delete the stale policy.",
        cis = "5.3.2",
        nsaCisa = "Network separation and hardening: network policies")
public final class SelectsNothing extends ModelCheck {
    @Override
    protected List<Located> findings(NetpolModel model) {
        List<Located> out = new ArrayList<>();
        for (NetworkPolicy policy : model.analysis().policiesSelectingNothing()) {
            model.resourceOf(policy).ifPresent(r -> out.add(new Located(r, JsonPath.of("spec", "podSelector"), null,
                    "NetworkPolicy " + policy.id() + " selects no workload of namespace " + policy.namespace()
                            + " in the input (podSelector " + policy.podSelector() + ")")));
        }
        return out;
    }
}
