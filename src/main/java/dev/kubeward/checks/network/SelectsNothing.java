package dev.kubeward.checks.network;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;
import dev.kubeward.netpol.NetworkPolicy;
import dev.kubeward.netpol.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

@CheckInfo(
        id = "netpol-selects-nothing",
        title = "NetworkPolicy selects no pod of the input",
        severity = Severity.LOW,
        category = "Network policies",
        description = "The policy's podSelector matches the pod labels of no workload of its namespace in the input, "
                + "or only of pods that use the host network, which NetworkPolicy does not apply to. When the input "
                + "has custom resources (an operator's Kafka, Prometheus or Postgres cluster object), the pods may "
                + "be created by the operator from them and so be absent from the input: the finding then says so "
                + "and names the resources, rather than suggesting a typo. Scan the policies together with the "
                + "workloads they protect, or this reports every policy of a policies-only directory that happens "
                + "to sit beside one unrelated workload. Runs only when the input has workloads.",
        rationale = "A policy that selects nothing protects nothing: usually a label typo or a workload that was "
                + "renamed, leaving the pods it was written for unisolated while reviewers believe they are covered. "
                + "Pods on the host network are the node's traffic to the network plugin, so a policy that selects "
                + "only them isolates nothing either.",
        remediation = "Fix the podSelector (or the pod template labels) so that it matches the intended pods, or "
                + "delete the stale policy. For operator-managed pods, check the selector against the labels the "
                + "operator puts on its pods (kubectl get pods --show-labels in the running namespace). For host "
                + "network pods, restrict their traffic with the node's firewall instead.",
        cis = "5.3.2",
        nsaCisa = "Network separation and hardening: network policies")
public final class SelectsNothing extends ModelCheck {
    private static final int NAMED = 3;

    @Override
    protected List<Located> findings(NetpolModel model) {
        List<Located> out = new ArrayList<>();
        for (NetworkPolicy policy : model.analysis().policiesSelectingNothing()) {
            model.resourceOf(policy).ifPresent(r -> out.add(new Located(r, JsonPath.of("spec", "podSelector"), null,
                    message(model, policy))));
        }
        return out;
    }

    private static String message(NetpolModel model, NetworkPolicy policy) {
        String subject = "NetworkPolicy " + policy.id() + " (podSelector " + policy.podSelector() + ")";
        List<Workload> hostNetwork = model.workloadsIn(policy.namespace()).stream().filter(policy::selects).toList();
        if (!hostNetwork.isEmpty()) {
            return subject + " selects only pods that use the host network (" + names(hostNetwork.stream()
                    .map(Workload::id).toList()) + "): NetworkPolicy does not apply to them, so it isolates nothing";
        }
        List<Resource> inNamespace = model.customResources().stream()
                .filter(c -> policy.namespace().equals(c.effectiveNamespace())).toList();
        List<Resource> custom = inNamespace.isEmpty() ? model.customResources() : inNamespace;
        if (custom.isEmpty()) {
            return subject + " selects no pod of namespace " + policy.namespace() + " in the input";
        }
        // A custom resource whose name is a label value of the selector is most likely the pods' owner.
        List<Resource> likelyOwnersFirst = custom.stream()
                .sorted(Comparator.comparing((Resource c) -> !policy.podSelector().matchLabels().containsValue(c.name())))
                .toList();
        String where = inNamespace.isEmpty() ? "the input has" : "namespace " + policy.namespace() + " has";
        return subject + " selects no pod of the input; " + where + " custom resources (" + names(likelyOwnersFirst
                .stream().map(c -> c.group() + "/" + c.kind() + " " + c.name()).toList())
                + "), whose operator may create the pods it is meant for, which the input does not show";
    }

    private static String names(List<String> items) {
        String shown = String.join(", ", items.stream().limit(NAMED).toList());
        return items.size() > NAMED ? shown + " and " + (items.size() - NAMED) + " more" : shown;
    }
}
