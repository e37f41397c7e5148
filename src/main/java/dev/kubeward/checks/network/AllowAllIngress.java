package dev.kubeward.checks.network;

import dev.kubeward.check.CheckInfo;
import dev.kubeward.check.Severity;
import dev.kubeward.model.JsonPath;
import dev.kubeward.netpol.Direction;
import dev.kubeward.netpol.PolicyAnalysis.RuleFinding;
import dev.kubeward.netpol.PolicyRule;
import java.util.ArrayList;
import java.util.List;

@CheckInfo(
        id = "netpol-allow-all-ingress",
        title = "NetworkPolicy admits every source",
        severity = Severity.HIGH,
        category = "Network policies",
        description = "An ingress rule of a policy that isolates Ingress admits every source: its from is absent or "
                + "empty ([] means all sources, not none), or a peer is ipBlock 0.0.0.0/0 or ::/0 (with or without "
                + "except). High when the rule also allows every port, medium when it lists ports. Runs only when "
                + "the input has workloads.",
        rationale = "Such a rule undoes the isolation the policy was written for: the selected pods become reachable "
                + "from every pod of the cluster and, through any route into the cluster network, from the internet.",
        remediation = "Name the sources: podSelector and namespaceSelector peers for in-cluster clients, ipBlocks "
                + "of known ranges for external ones, and list the ports. For a public entry point, admit only the "
                + "ingress controller's namespace.",
        cis = "5.3.2",
        nsaCisa = "Network separation and hardening: network policies",
        mitre = {"T1133", "T1046"})
public final class AllowAllIngress extends ModelCheck {
    @Override
    protected List<Located> findings(NetpolModel model) {
        List<Located> out = new ArrayList<>();
        for (RuleFinding f : model.analysis().rulesOpenToAll()) {
            if (f.direction() != Direction.INGRESS) {
                continue;
            }
            PolicyRule rule = f.policy().rules(Direction.INGRESS).get(f.ruleIndex());
            Severity severity = rule.ports().isEmpty() ? Severity.HIGH : Severity.MEDIUM;
            String ports = rule.ports().isEmpty() ? "on every port" : "on " + rule.ports();
            model.resourceOf(f.policy()).ifPresent(r -> out.add(new Located(r, JsonPath.parse(f.path()), severity,
                    "NetworkPolicy " + f.policy().id() + " ingress rule #" + f.ruleIndex() + ": " + f.reason()
                            + ", " + ports)));
        }
        return out;
    }
}
