package dev.kubeward.checks.network;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.netpol.PolicyAnalysis.RuleFinding;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
        id = "netpol-named-port-unresolved",
        title = "NetworkPolicy named port matches no container port",
        severity = Severity.LOW,
        category = "Network policies",
        description = "A rule names a port (port: http) that no destination it applies to declares with that name "
                + "and protocol: for ingress rules the pods the policy selects, for egress rules the pods its peers "
                + "select (a named port towards an ipBlock never resolves). A name that resolves to different numbers "
                + "on different workloads is fine. Runs only when the input has workloads.",
        rationale = "An unresolved named port allows nothing, silently: the traffic the rule was written for is "
                + "dropped, and the usual fix under pressure is a broader rule than needed.",
        remediation = "Use the name declared in the destination containers' ports (with the same protocol), or a "
                + "port number.",
        cis = "5.3.2",
        nsaCisa = "Network separation and hardening: network policies")
public final class NamedPortUnresolved extends ModelCheck {
    @Override
    protected List<Located> findings(NetpolModel model) {
        List<Located> out = new ArrayList<>();
        for (RuleFinding f : model.analysis().unresolvedNamedPorts()) {
            model.resourceOf(f.policy()).ifPresent(r -> out.add(new Located(r, JsonPath.parse(f.path()).key("port"),
                    null, "NetworkPolicy " + f.policy().id() + " " + f.direction().apiName().toLowerCase()
                            + " rule #" + f.ruleIndex() + ": " + f.reason())));
        }
        return out;
    }
}
