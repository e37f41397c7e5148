package dev.kubeward.checks.network;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.Resource;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@CheckInfo(
        id = "netpol-invalid",
        title = "NetworkPolicy the API server would reject",
        severity = Severity.MEDIUM,
        category = "Network policies",
        description = "A NetworkPolicy (or a workload or Service the network analysis reads) has a value the API "
                + "server refuses, checked as its validation checks it and reported in its words, one finding per "
                + "error: protocols, port numbers and names, endPort, peers (empty, or an ipBlock with a selector), "
                + "CIDRs and except entries, policyTypes, label selectors, the name. The network checks and "
                + "'kubeward netpol' leave the object out and analyse the rest, as the cluster would.",
        rationale = "The policy never takes effect: 'kubectl apply' fails on it, and a pipeline that applies the rest "
                + "of the manifests leaves the pods it was written for as open as before.",
        remediation = "Correct the field named in the message (see the NetworkPolicy API reference: policyTypes are "
                + "Ingress and Egress, protocols TCP, UDP and SCTP, ipBlock.cidr a CIDR such as 10.0.0.0/8).",
        cis = "5.3.2",
        nsaCisa = "Network separation and hardening: network policies")
public final class NetpolInvalid implements Check {
    @Override
    public void prepare(CheckContext context) {
        rejectedByResource(context);
    }

    @Override
    public void check(Resource resource, CheckContext context, FindingSink sink) {
        for (NetpolModel.Rejected rejected : rejectedByResource(context).getOrDefault(resource, List.of())) {
            sink.report(rejected.path(), resource.displayName() + " cannot be applied: " + rejected.reason());
        }
    }

    private static Map<Resource, List<NetpolModel.Rejected>> rejectedByResource(CheckContext context) {
        return NetpolModel.derived(context.inventory(), NetpolInvalid.class, model -> model.rejected().stream()
                .collect(Collectors.groupingBy(NetpolModel.Rejected::resource, IdentityHashMap::new, Collectors.toList())));
    }
}
