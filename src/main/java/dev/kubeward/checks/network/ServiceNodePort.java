package dev.kubeward.checks.network;

import dev.kubeward.check.Check;
import dev.kubeward.check.CheckContext;
import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.FindingSink;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.model.Resource;

@CheckInfo(
        id = "service-nodeport",
        title = "Service of type NodePort",
        severity = Severity.LOW,
        category = "Network exposure",
        description = "A Service sets type: NodePort, which opens its port on every node of the cluster.",
        rationale = "A node port is reachable on each node's address by anything that can route to the nodes, "
                + "often beyond the cluster network; the traffic is source-NATed by default, so NetworkPolicy "
                + "ipBlock rules no longer see the client's address.",
        remediation = "Use a ClusterIP Service behind an Ingress or a LoadBalancer with loadBalancerSourceRanges; "
                + "when a node port is unavoidable, restrict the node ports range with firewall rules.",
        nsaCisa = "Network separation and hardening: network policies",
        mitre = "T1133")
public final class ServiceNodePort implements Check {
    @Override
    public void check(Resource r, CheckContext context, FindingSink sink) {
        if (Services.isService(r) && Services.type(r).equals("NodePort")) {
            sink.report(JsonPath.of("spec", "type"), "Service " + r.name() + " is exposed on a port of every node");
        }
    }
}
